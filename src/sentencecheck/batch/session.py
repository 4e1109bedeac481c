"""One audit run, new or resumed: outputs written in a locked staging folder with a checkpoint after every chunk,
moved into place only when complete; an interruption, a full disk or a read-only folder says how far it got.

* After every ``chunk_size`` records the streamed files are synced and ``manifest.json`` is rewritten (atomically)
  marked ``"complete": false``, with the records done and what a resume needs (:mod:`~.checkpoint`).
* SIGINT/SIGTERM: the workers are killed, the message says how far the run got, exit 130/143.  A signal that comes
  while the finished outputs are being moved into place waits for the move (a few renames), then the run ends as
  complete (exit 0): the exit code says what the output folder holds.
* ``--resume``: the inputs and options of the first run, the records before the checkpoint skipped, the files cut
  back to their checkpoint sizes and appended to; the result is byte-identical to an uninterrupted run.
"""

from __future__ import annotations

import hmac
import json
import os
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sentencecheck.batch.checkpoint import Checkpoint, Plan, ResumeError, first_difference, read_checkpoint
from sentencecheck.batch.folder import FolderError, OutputFolder, out_for_resume
from sentencecheck.batch.interrupt import Guard, Interrupted
from sentencecheck.batch.mapping import DEFAULT_MAPPING, Mapping, load_mapping
from sentencecheck.batch.outputs import STREAMED, Outputs
from sentencecheck.batch.readers import (
    ReadLog,
    estimate_records,
    input_files,
    printable,
    read_records,
    sha256_file,
)
from sentencecheck.batch.result import AuditResult, Notify
from sentencecheck.batch.runner import Runner
from sentencecheck.batch.summary import Tally, write_summary
from sentencecheck.batch.worker import Options
from sentencecheck.errors import AuditError, SentencecheckError
from sentencecheck.report.redact import command_key
from sentencecheck.rules.load import default_rule_set, load_rule_set
from sentencecheck.rules.model import RuleSet
from sentencecheck.version import __version__

if TYPE_CHECKING:
    from sentencecheck.cluster.runner import DaskRunner

NOTE = "Byte-identical for the same inputs and options whatever --jobs and --chunk-size are."


class _WriteFailed(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


def _progress(shown: bool) -> Any:
    """A progress bar with rate and ETA on a terminal when ``shown``; silent otherwise."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    return Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                    TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                    disable=not (shown and console.is_terminal))


def start(plan: Plan, jobs: int | None, guard: Guard, overwrite: bool = False, notify: Notify = None,
          progress: bool = False, before_case: str | None = None) -> AuditResult:
    """A new audit into ``plan.out``. ``notify`` receives notices (a skipped file, a key created); ``progress`` shows
    a progress bar on a terminal; ``before_case`` names a function ``module:name`` each worker calls with every
    validated case before screening it (instrumentation: the tests crash or hang a worker with it)."""
    try:
        folder = OutputFolder.open(Path(plan.out), overwrite=overwrite)
    except FolderError as exc:
        raise AuditError(str(exc)) from None
    return _Run(plan, folder, None, jobs, guard, notify, progress, before_case).run()


def resume(folder_path: Path, jobs: int | None, guard: Guard, notify: Notify = None, progress: bool = False,
           before_case: str | None = None) -> AuditResult:
    """Continue the unfinished audit of ``folder_path`` (its ``--out`` or staging folder)."""
    try:
        folder = OutputFolder.open(out_for_resume(folder_path), resume=True)
    except FolderError as exc:
        raise AuditError(str(exc)) from None
    here = os.getcwd()
    try:
        previous = read_checkpoint(folder.staging)
        os.chdir(previous.plan.cwd)  # relative inputs are read, and named, as the first run did
    except ResumeError as exc:
        folder.release()
        raise AuditError(f"cannot resume: {exc}") from None
    except OSError as exc:
        folder.release()
        raise AuditError(f"cannot resume: the run was started in {previous.plan.cwd}: {exc.strerror}") from None
    try:
        return _Run(previous.plan, folder, previous, jobs, guard, notify, progress, before_case).run()
    finally:
        os.chdir(here)


def _key_check(key: bytes | None) -> str | None:
    """A fingerprint of the redaction key (useless without it): a resume must pseudonymise with the same key."""
    return hmac.new(key, b"sentencecheck audit resume", "sha256").hexdigest()[:16] if key else None


class _Run:
    def __init__(self, plan: Plan, folder: OutputFolder, previous: Checkpoint | None, jobs: int | None,
                 guard: Guard, notify: Notify, progress: bool, before_case: str | None) -> None:
        self.plan, self.folder, self.previous, self.guard = plan, folder, previous, guard
        self.notify = notify or (lambda _text: None)
        self.progress, self.before_case = progress, before_case
        self.jobs = jobs or os.cpu_count() or 1
        self.written = self.saved = previous.done if previous else 0
        self.read_log = ReadLog()
        """Header columns the mapping does not name, reported in the manifest (the records are re-read on resume)."""
        self.outputs: Outputs | None = None
        self.checkpoint: Checkpoint | None = None

    def run(self) -> AuditResult:
        try:
            return self._run()
        except Interrupted as stop:
            self._stopped()
            stop.message = f"interrupted by {stop.name} after {self.written}{self._expected()} records: {self._kept()}"
            raise
        except _WriteFailed as exc:
            self._stopped()
            raise AuditError(f"cannot write the outputs in {self.folder.staging}: {exc}; {self._kept()}") from None
        except SentencecheckError as exc:
            self._stopped()
            raise AuditError(str(exc)) from None
        except BaseException:
            self._stopped()
            raise
        finally:
            self.folder.release()

    def _expected(self) -> str:
        expected = self.checkpoint.expected if self.checkpoint else None
        return f" of {expected}" if expected is not None else ""

    def _stopped(self) -> None:
        if self.outputs is not None:
            self.outputs.close(quiet=True)
        if self.previous is None and self.saved == 0:
            self.folder.discard()

    def _kept(self) -> str:
        if self.previous is None and self.saved == 0:
            return "no chunk was complete, nothing is kept"
        size = self.plan.chunk_size
        chunks = self.saved // size
        return (f"the first {self.saved} records ({chunks} complete chunk{'s' if chunks != 1 else ''} of {size}) are "
                f"kept in {self.folder.staging}, its manifest marked incomplete; continue with: "
                f"sentencecheck audit --resume {self.folder.out}")

    def _setup(self) -> tuple[RuleSet, Mapping, Options, str | None]:
        plan = self.plan
        rule_set = load_rule_set(Path(plan.rules_dir)) if plan.rules_dir else default_rule_set()
        mapping = load_mapping(Path(plan.mapping_file)) if plan.mapping_file else Mapping(dict(DEFAULT_MAPPING))
        key, notice = command_key(plan.redact, Path(plan.redact_key) if plan.redact_key else None, self.folder.out)
        if notice:
            self.notify(notice)
        options = Options(engine=plan.engine, rules_dir=plan.rules_dir, redact=key is not None, redact_key=key,
                          lang=plan.lang, as_of=plan.as_of, before_case=self.before_case)
        return rule_set, mapping, options, _key_check(key)

    def _files(self) -> list[Path]:
        """The input files, without any inside the output folder or its staging folder (said on standard error)."""
        files, skipped = [], 0
        own = (self.folder.out.resolve(), self.folder.staging.resolve())
        for f in input_files([Path(p) for p in self.plan.inputs]):
            where = f.resolve()
            if any(where == d or d in where.parents for d in own):
                skipped += 1
            else:
                files.append(f)
        if skipped:
            self.notify(f"skipped {skipped} file{'s' if skipped != 1 else ''} inside the output folder "
                        f"{self.folder.out} (an audit never reads its own outputs)")
        if not files:
            raise AuditError("no input files found")
        return files

    def _head(self, rule_set: RuleSet, mapping: Mapping, files: list[Path]) -> dict[str, Any]:
        plan = self.plan
        return {
            "sentencecheck_version": __version__,
            "ruleset_digest": rule_set.digest,
            "statute_data_digest": rule_set.book.digest,
            "inputs": [{"path": str(f), "sha256": sha256_file(f), "bytes": _size(f)} for f in files],
            "options": {"engine": plan.engine, "redact": plan.redact, "min_group": plan.min_group, "lang": plan.lang,
                        "as_of": plan.as_of, "mapping": mapping.columns if plan.mapping_file else "default",
                        "rules": plan.rules or "bundled"},
            "note": NOTE,
        }

    def _run(self) -> AuditResult:
        plan, previous = self.plan, self.previous
        rule_set, mapping, options, key_check = self._setup()
        files = self._files()
        head = self._head(rule_set, mapping, files)
        estimates = [estimate_records(f) for f in files]
        expected = None if any(e is None for e in estimates) else sum(e or 0 for e in estimates)
        if previous is not None:
            changed = first_difference(previous.head, head)
            if changed is not None or previous.key_check != key_check:
                raise AuditError(f"cannot resume: the run's {changed or 'redaction key'} changed since it was "
                               f"interrupted; start again with --overwrite")
            self.folder.keep_only({"manifest.json", *STREAMED})
        tally = previous.tally if previous else Tally()
        self.checkpoint = Checkpoint(plan, head, self.saved, expected, {}, tally,
                                     previous.isolated if previous else 0, key_check)
        try:
            self.outputs = Outputs(self.folder.staging, tally, previous.sizes if previous else None)
            self._save()
        except OSError as exc:
            raise _WriteFailed(exc) from None
        except ValueError as exc:
            raise AuditError(f"cannot resume: {exc}") from None
        self._audit(options, files, mapping, expected)
        return self._finish(rule_set, tally, head)

    def _save(self) -> None:
        assert self.outputs is not None and self.checkpoint is not None
        self.checkpoint.sizes = self.outputs.sizes()
        self.checkpoint.done = self.written
        self.folder.write_text("manifest.json", _json(self.checkpoint.manifest(), sort=False))
        self.saved = self.written

    def _audit(self, options: Options, files: list[Path], mapping: Mapping, expected: int | None) -> None:
        assert self.outputs is not None and self.checkpoint is not None
        plan, progress = self.plan, _progress(self.progress)
        records = islice(read_records(files, mapping, self.read_log), self.written, None)
        runner_for_plan: Runner | DaskRunner
        if plan.dask:
            from sentencecheck.cluster.runner import DaskRunner  # distributed is imported only for --dask

            runner_for_plan = DaskRunner(options, plan.dask, plan.chunk_size, plan.hang_seconds)
        else:
            runner_for_plan = Runner(options, self.jobs, plan.chunk_size, plan.hang_seconds)
        with runner_for_plan as runner, progress:
            task = progress.add_task("audit", total=expected, completed=self.written, rate="")
            for record, result in runner.run(records):
                try:
                    self.outputs.write(record, result)
                    self.written += 1
                    if self.written % plan.chunk_size == 0:
                        self._save()
                except OSError as exc:
                    raise _WriteFailed(exc) from None
                progress.update(task, advance=1)
                if self.written % 500 == 0:
                    speed = progress.tasks[0].speed
                    progress.update(task, rate=f"{speed:,.0f} cases/s" if speed else "")
            self.checkpoint.isolated += runner.crashes + runner.hangs
        try:
            self._save()
            self.outputs.close()
        except OSError as exc:
            raise _WriteFailed(exc) from None

    def _finish(self, rule_set: RuleSet, tally: Tally, head: dict[str, Any]) -> AuditResult:
        plan, folder = self.plan, self.folder
        try:
            write_summary(folder.staging, tally, rule_set, plan.min_group, plan.engine, plan.lang,
                          date.fromisoformat(plan.as_of))
            unknown = [{"file": printable(u.file), "column": printable(u.column), "nearest": u.nearest}
                       for u in self.read_log.unknown_columns]
            manifest = {**head, "complete": True, "unknown_columns": unknown,
                        "counts": {**tally.counts(), "rejected_by_reason": dict(sorted(tally.reasons.items()))}}
            with self.guard.deferred():
                folder.write_text("manifest.json", _json(manifest, sort=True))
                folder.commit()
        except OSError as exc:
            raise _WriteFailed(exc) from None
        return AuditResult(out=Path(plan.out), counts=tally.counts(),
                           rejected_by_reason=dict(sorted(tally.reasons.items())),
                           isolated=self.checkpoint.isolated if self.checkpoint else 0)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _json(data: dict[str, Any], sort: bool) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort) + "\n"
