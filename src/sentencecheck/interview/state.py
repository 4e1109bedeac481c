"""The case being edited: the file's raw data with the answers applied, the validation errors by field path, the
review of an `extract` draft, and saving (atomic, validated) and autosaving (``FILE.interview.json``).

The raw data is the document as read: keys the interview does not ask (sources, the extraction record, expected
findings, unknown keys) stay as they are, and a new key goes where the model orders it."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sentencecheck.casefile.fields import owner_of
from sentencecheck.casefile.skeleton import case_id_for
from sentencecheck.errors import InputError, Problem
from sentencecheck.interview import fieldpaths
from sentencecheck.interview.forms import Draft, field_kind
from sentencecheck.interview.labels import error_text, label
from sentencecheck.interview.values import Kind, parsed, plain, shown
from sentencecheck.io.documents import MAX_PROBLEMS, format_loc, read_document, validation_problems
from sentencecheck.model.case import Case
from sentencecheck.model.load import case_from_data

AUTOSAVE_SUFFIX = ".interview.json"
AUTOSAVE_FORMAT = "sentencecheck-interview-autosave"
_UNION_TAGS = frozenset({"int", "constrained-int", "AgeRange", "CountRange"})
_RANGE_MODELS = ("AgeRange]", "CountRange]")
_ID_PREFIX = {"defendants": "d", "victims": "v"}


@dataclass
class SaveResult:
    ok: bool
    message: str
    file: Path | None = None


@dataclass
class CaseState:
    """One case being answered; every change is autosaved until the case is saved."""

    data: dict[str, Any]
    target: Path
    lang: str
    opened: Path | None = None
    review: dict[str, str] = field(default_factory=dict)
    """Drafted field paths the lawyer accepted or corrected: path -> ``accepted`` | ``corrected``."""
    header: str = ""
    """The comment lines at the top of the file, written back on save."""
    notice: str = ""
    dirty: bool = False
    version: int = 0
    """Counts the changes: a computation started on one version knows when its answers are stale."""
    errors: dict[str, list[str]] = field(default_factory=dict)
    case: Case | None = None

    # -- opening ---------------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, file: Path | None, lang: str, cwd: Path) -> CaseState:
        """The case in ``file`` (a case file or an `extract` draft), a new case saved to ``file``, or, without a
        file, a new case saved to ``case.yaml`` in ``cwd``; unsaved answers of an earlier session are restored."""
        target = file if file is not None else cwd / "case.yaml"
        header = ""
        if file is not None and file.exists():
            raw, _ = read_document(file)
            if not isinstance(raw, dict):
                found = type(raw).__name__ if raw is not None else "an empty document"
                raise InputError("not a case", str(file), [Problem("", f"a case must be a mapping, found {found}")])
            data: dict[str, Any] = plain(raw)
            header = _leading_comments(file)
            opened: Path | None = file
        else:
            data = {"id": case_id_for(str(target)), "defendants": [{"id": "d1"}]}
            opened = None
        state = cls(data=data, target=target, lang=lang, opened=opened, header=header)
        state.restore()
        state.validate()
        return state

    @property
    def autosave_path(self) -> Path:
        return self.target.with_name(self.target.name + AUTOSAVE_SUFFIX)

    def restore(self) -> None:
        """Take the answers of an unsaved earlier session from the autosave file, if there is one."""
        path = self.autosave_path
        if not path.exists():
            return
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(saved, dict) or saved.get("format") != AUTOSAVE_FORMAT or not isinstance(
                    saved.get("data"), dict):
                raise ValueError("not an interview autosave file")
        except (OSError, ValueError) as exc:
            self.notice = label("restore_failed", self.lang).format(autosave=path, error=exc)
            return
        self.data = saved["data"]
        review = saved.get("review")
        self.review = {str(k): str(v) for k, v in review.items()} if isinstance(review, dict) else {}
        self.dirty = True
        self.notice = label("restored", self.lang).format(autosave=path)

    # -- answers ---------------------------------------------------------------------------------------------------

    def apply(self, form: Mapping[str, Sequence[str]]) -> bool:
        """Apply the answers of one page: ``_field`` lists its fields, each posted under its path (several values
        for checkboxes; ``PATH@stated`` = yes/no for a list the decision may leave unstated).  True when the form
        must be drawn again because the answers were read otherwise than posted (an item ticked while «not
        stated» was chosen states the list; «not stated» chosen clears the ticks)."""
        changed = redraw = False
        for path in dict.fromkeys(form.get("_field", [])):
            try:
                kind, nullable, default = self._describe(path)
            except (ValueError, KeyError):
                continue  # not a field of the model: ignored, never written
            if kind in ("items", "multi", "refs"):
                list_changed, list_redraw = self._apply_list(path, kind, nullable, form)
                changed, redraw = changed or list_changed, redraw or list_redraw
                continue
            answers = form.get(path, [])
            new = parsed(kind, answers[-1] if answers else "")
            old = fieldpaths.get(self.data, path)
            if shown(kind, old, self.lang) == shown(kind, new, self.lang):
                continue
            if new is None and default is not None and old is None:
                continue
            if new is not None and new == default and old is None:
                continue  # the model's default, left out as the file left it out
            fieldpaths.assign(self.data, path, new)
            self._corrected(path)
            changed = True
        for path in dict.fromkeys(form.get("_list", [])):
            changed |= self._apply_entries_stated(path, (form.get(f"{path}@list") or [""])[-1])
        if changed:
            self._changed()
        return redraw

    def _apply_entries_stated(self, path: str, choice: str) -> bool:
        """A list of entries the decision may leave unstated, still empty: not stated (null) or none ([])."""
        owners = fieldpaths.owners(path)
        name = fieldpaths.parse(path)[-1]
        owner = owners[-1]
        if owner is None or not isinstance(name, str) or name not in owner.model_fields:
            return False
        s = fieldpaths.shape(owner, name)
        if not (s.container == "list" and s.model is not None and s.nullable):
            return False
        current = fieldpaths.get(self.data, path)
        if choice == "none" and current is None:
            fieldpaths.assign(self.data, path, [])
            return True
        if choice == "" and current == []:
            fieldpaths.assign(self.data, path, None)
            return True
        return False

    def _apply_list(self, path: str, kind: Kind, nullable: bool,
                    form: Mapping[str, Sequence[str]]) -> tuple[bool, bool]:
        """Checkboxes: (changed, the form must be redrawn)."""
        ticked = [str(v) for v in form.get(path, [])]
        old = fieldpaths.get(self.data, path)
        stated = (form.get(f"{path}@stated") or ["yes" if ticked else "no"])[-1] == "yes"
        redraw = nullable and bool(ticked) and not stated
        if redraw:
            stated = old is None  # ticked while «not stated» was chosen; or «not stated» chosen over the ticks
        new: list[Any] | None = [int(v) if v.isdigit() else v for v in ticked] if kind == "items" else ticked
        if nullable and not stated:
            new = None
        if old == new or (new == [] and old is None and not nullable):
            return False, redraw
        fieldpaths.assign(self.data, path, new)
        self._corrected(path)
        return True, redraw

    def _describe(self, path: str) -> tuple[Kind, bool, Any]:
        """The kind of a field path, whether it may be null, and its default."""
        tokens, owners = fieldpaths.parse(path), fieldpaths.owners(path)
        parent, name = (owners[-2], tokens[-2]) if len(tokens) >= 2 else (None, None)
        if parent is not None and isinstance(name, str) and name in parent.model_fields:
            s = fieldpaths.shape(parent, name)
            if s.container == "dict" and s.model is None:
                return "choice", True, None  # the key of a mapping of scalars (victims[0].relationship.d1)
        found = owner_of(path)
        if found is None:
            raise KeyError(path)
        owner, name = found
        s = fieldpaths.shape(owner, name)
        if s.container == "dict" and s.model is None:
            raise KeyError(path)  # the mapping itself: answered one key at a time
        if s.model is not None and not s.scalar_or_model:
            raise KeyError(path)  # a section or a list of entries is not answered as one value
        return field_kind(owner, name, s), s.nullable, s.default

    def add(self, path: str) -> None:
        """Add an entry to the list at ``path`` (a new defendant or victim gets the next free id)."""
        current = fieldpaths.get(self.data, path)
        items = list(current) if isinstance(current, list) else []
        entry: dict[str, Any] = {}
        name = path.rsplit(".", 1)[-1]
        if name in _ID_PREFIX and path == name:
            taken = {e.get("id") for e in items if isinstance(e, dict)}
            n = len(items) + 1
            while f"{_ID_PREFIX[name]}{n}" in taken:
                n += 1
            entry["id"] = f"{_ID_PREFIX[name]}{n}"
        items.append(entry)
        fieldpaths.assign(self.data, path, items)
        self._changed()

    def remove(self, path: str) -> None:
        """Remove the list entry at ``path``; the drafted values recorded for later entries follow them."""
        tokens = fieldpaths.parse(path)
        if not tokens or not isinstance(tokens[-1], int):
            return
        list_path, index = fieldpaths.join(tokens[:-1]), tokens[-1]
        items = fieldpaths.get(self.data, list_path)
        if not isinstance(items, list) or index >= len(items):
            return
        del items[index]
        self._reindex(list_path, index)
        self._changed()

    def set_section(self, path: str, present: bool) -> None:
        """Add (empty) or remove an optional section such as ``self_defence``."""
        if present and not isinstance(fieldpaths.get(self.data, path), dict):
            fieldpaths.assign(self.data, path, {})
        elif not present:
            fieldpaths.assign(self.data, path, None)
        self._changed()

    def accept(self, path: str) -> None:
        """The lawyer keeps a drafted value as it is."""
        if path in self.drafted_paths():
            self.review[path] = "accepted"
            self._changed()

    def _changed(self) -> None:
        self.version += 1
        self.dirty = True
        self.validate()
        self.autosave()

    # -- the extract draft -----------------------------------------------------------------------------------------

    def _extraction(self) -> dict[str, Any]:
        value = self.data.get("extraction")
        return value if isinstance(value, dict) else {}

    def drafted_paths(self) -> list[str]:
        values = self._extraction().get("values")
        return [str(k) for k in values] if isinstance(values, dict) else []

    def not_found(self) -> tuple[str, ...]:
        paths = self._extraction().get("not_found")
        return tuple(str(p) for p in paths) if isinstance(paths, list) else ()

    def drafts(self) -> dict[str, Draft]:
        """Each drafted value with its passage and its review status."""
        values = self._extraction().get("values")
        sources = self.data.get("sources") if isinstance(self.data.get("sources"), dict) else {}
        out: dict[str, Draft] = {}
        for path, source_id in (values.items() if isinstance(values, dict) else ()):
            source = sources.get(source_id) if isinstance(sources, dict) else None
            source = source if isinstance(source, dict) else {}
            out[str(path)] = Draft(str(path), str(source_id), str(source.get("quote") or ""),
                                   str(source.get("paragraph") or "?"), self.review.get(str(path), "pending"))
        return out

    def pending_drafts(self) -> int:
        return sum(d.status == "pending" for d in self.drafts().values())

    def _corrected(self, path: str) -> None:
        for drafted in self.drafted_paths():
            if fieldpaths.under(path, drafted):
                self.review[drafted] = "corrected"

    def _reindex(self, list_path: str, removed: int) -> None:
        """After removing entry ``removed`` of ``list_path``: paths into later entries move down by one; the
        removed entry's drafted values and not-found marks go with it."""

        def moved(path: str) -> str | None:
            prefix = f"{list_path}["
            if not path.startswith(prefix):
                return path
            number, _, rest = path[len(prefix):].partition("]")
            if not number.isdigit():
                return path
            i = int(number)
            if i == removed:
                return None
            return f"{list_path}[{i - 1 if i > removed else i}]{rest}"

        extraction = self._extraction()
        if isinstance(extraction.get("values"), dict):
            extraction["values"] = {new: v for k, v in extraction["values"].items()
                                    if (new := moved(str(k))) is not None}
        if isinstance(extraction.get("not_found"), list):
            extraction["not_found"] = [new for p in extraction["not_found"] if (new := moved(str(p))) is not None]
        self.review = {new: v for k, v in self.review.items() if (new := moved(k)) is not None}

    # -- validation ------------------------------------------------------------------------------------------------

    def validate(self) -> Case | None:
        """Validate the answers as a case; the errors by field path (also kept in :attr:`errors`)."""
        try:
            self.case = Case.model_validate(self.data)
            self.errors = {}
        except ValidationError as exc:
            self.case = None
            self.errors = error_paths(exc, self.lang)
        except (RecursionError, OverflowError) as exc:
            self.case = None
            self.errors = {"": [f"cannot validate: {type(exc).__name__}"]}
        return self.case

    @property
    def digest(self) -> str:
        """A fingerprint of the answers (the cache key of the next question)."""
        text = json.dumps(self.data, sort_keys=True, ensure_ascii=False, default=_json_default)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def snapshot(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    # -- saving ----------------------------------------------------------------------------------------------------

    def save(self, target: Path | None = None, overwrite: bool = False) -> SaveResult:
        """Write the case file, atomically, only if it validates; otherwise keep every answer (here and in the
        autosave file) and say what is wrong."""
        target = target or self.target
        if self.validate() is None:
            self.autosave()
            n = sum(len(v) for v in self.errors.values())
            return SaveResult(False, label("save_refused", self.lang).format(n=n, autosave=self.autosave_path))
        if target.exists() and target != self.opened and not overwrite:
            return SaveResult(False, label("save_exists", self.lang).format(file=target))
        data = copy.deepcopy(self.data)
        extraction = data.get("extraction")
        if isinstance(extraction, dict) and self.pending_drafts() == 0 and not extraction.get("reviewed"):
            extraction["reviewed"] = True
        try:
            case_from_data(data, str(target))
            atomic_write(target, self.document(data, target))
        except InputError as exc:
            return SaveResult(False, label("save_failed", self.lang).format(error=exc))
        except (OSError, yaml.YAMLError) as exc:
            return SaveResult(False, label("save_failed", self.lang).format(error=exc))
        old_autosave = self.autosave_path
        self.data, self.target, self.opened, self.dirty = data, target, target, False
        for path in {old_autosave, self.autosave_path}:
            path.unlink(missing_ok=True)
        self.validate()
        return SaveResult(True, label("saved", self.lang).format(file=target), target)

    def document(self, data: dict[str, Any], target: Path) -> str:
        """The case file's text: YAML (with the file's opening comments), or JSON for a ``.json`` file."""
        if target.suffix.lower() == ".json":
            return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
        return self.header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)

    def autosave(self) -> None:
        """Keep the answers beside the file until it is saved (``FILE.interview.json``, readable only by you)."""
        if not self.dirty:
            return
        payload = {"format": AUTOSAVE_FORMAT, "version": 1, "target": str(self.target), "data": self.data,
                   "review": self.review}
        text = json.dumps(payload, ensure_ascii=False, indent=1, default=_json_default) + "\n"
        try:
            atomic_write(self.autosave_path, text)
        except OSError as exc:
            self.notice = label("save_failed", self.lang).format(error=exc)


def error_paths(exc: ValidationError, lang: str) -> dict[str, list[str]]:
    """Pydantic's errors by field path: a cross-reference error at the reference it names (``harm[0].victim``),
    an error inside a number-or-range field at that field, in ``lang`` where the words are generic."""
    out: dict[str, list[str]] = {}
    problems = validation_problems(exc, None, Case)
    for err, problem in zip(exc.errors(include_url=False)[:MAX_PROBLEMS], problems, strict=False):
        raw = list(err["loc"])
        branch = next((i for i, p in enumerate(raw) if _union_branch(p)), None)
        loc = [p for p in (raw if branch is None else raw[:branch])
               if not (isinstance(p, str) and p.startswith("function-"))]
        at = (err.get("ctx") or {}).get("at")
        full: list[int | str] = [*loc, *at] if isinstance(at, tuple) else loc
        message = error_text(err["type"], problem.message, lang)
        if branch is not None and err["type"] != "value_error":
            message = label("bad_range", lang)  # a number-or-range field: one message, not one per branch
        path = format_loc(full)
        if message not in out.get(path, []):
            out.setdefault(path, []).append(message)
    return out


def _union_branch(token: object) -> bool:
    """Is ``token`` of an error location the branch of a number-or-range union (``constrained-int``,
    ``function-after[_bounds(), AgeRange]``)?"""
    if not isinstance(token, str):
        return False
    return token in _UNION_TAGS or (token.startswith("function-after[") and token.endswith(_RANGE_MODELS))


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then put it in place (never a half-written file).  A
    new file is readable by its owner only; a replaced one keeps its permissions."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _leading_comments(path: Path) -> str:
    """The comment lines that open a YAML file (its description), to write back on save."""
    if path.suffix.lower() == ".json":
        return ""
    lines: list[str] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#"):
                    break
                lines.append(line if line.endswith("\n") else line + "\n")
    except (OSError, UnicodeDecodeError):
        return ""
    return "".join(lines)


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def save_target(text: str, cwd: Path) -> Path | None:
    """The file a new case is saved to, from what the lawyer typed: a YAML file name, relative to ``cwd``."""
    text = text.strip()
    if not text or "\x00" in text or not re.search(r"\.(ya?ml|json)$", text, re.IGNORECASE):
        return None
    path = Path(text).expanduser()
    path = path if path.is_absolute() else cwd / path
    return path if path.parent.is_dir() else None

