"""What an unfinished audit's ``manifest.json`` records (``"complete": false``), so that ``audit --resume`` can
continue it from its last complete chunk and end with the bytes an uninterrupted run writes.

The partial manifest carries the run's :class:`Plan` (inputs and options as first given), the byte size of every
streamed output at the checkpoint (anything written after it is cut off on resume) and the summary's counters.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from sentencecheck.batch.summary import Tally


class ResumeError(Exception):
    """The partial outputs cannot be continued (one line: what differs, and what to do)."""


@dataclass(frozen=True)
class Plan:
    """Everything that decides an audit's bytes, as the first run was given it (``--jobs`` decides none)."""

    cwd: str
    """The folder the run was started in: relative input paths are read, and named in the outputs, from there."""
    inputs: tuple[str, ...]
    out: str
    engine: str
    mapping_file: str | None
    rules: str | None
    """``--rules`` as given (recorded in the manifest); :attr:`rules_dir` is the same folder, absolute."""
    rules_dir: str | None
    redact: bool
    redact_key: str | None
    """The redaction key file given (absolute), ``None`` for the default one; the key itself is never recorded."""
    min_group: int
    lang: str
    as_of: str
    chunk_size: int
    hang_seconds: float
    dask: str | None = None
    """The Dask scheduler's address (``--dask``), ``None`` for worker processes on this machine; not in the
    manifest's options (it decides no byte of the outputs)."""

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "inputs": list(self.inputs)}

    @classmethod
    def from_json(cls, data: Any) -> Plan:
        try:
            return cls(**{**data, "inputs": tuple(data["inputs"])})
        except (TypeError, KeyError) as exc:
            raise ResumeError(f"the partial manifest's plan is not readable ({exc})") from None


# ---- the summary's counters, as tagged JSON that keeps types and insertion order

_TAGS = ("counter", "dict", "list")


def _encode(value: Any, where: str) -> Any:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, Counter):
        return {"counter": [[_key(k, where), v] for k, v in value.items()]}
    if isinstance(value, dict):
        return {"dict": [[_key(k, where), _encode(v, f"{where}.{k}")] for k, v in value.items()]}
    if isinstance(value, list):
        return {"list": [_encode(v, where) for v in value]}
    raise TypeError(f"cannot record the audit's counter {where} ({type(value).__name__}) for a resume")


def _key(key: Any, where: str) -> Any:
    if isinstance(key, bool | int | float | str) or key is None:
        return key
    raise TypeError(f"cannot record the audit's counter {where}: key {key!r}")


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    ((tag, items),) = value.items()
    if tag == "counter":
        return Counter({k: v for k, v in items})
    if tag == "dict":
        return {k: _decode(v) for k, v in items}
    return [_decode(v) for v in items]


def encode_tally(tally: Tally) -> dict[str, Any]:
    return {f.name: _encode(getattr(tally, f.name), f.name) for f in fields(tally)}


def decode_tally(data: Any) -> Tally:
    tally = Tally()
    names = {f.name for f in fields(tally)}
    if not isinstance(data, dict) or set(data) != names:
        raise ResumeError("the partial outputs' counters are not this version's")
    try:
        for name, value in data.items():
            setattr(tally, name, _decode(value))
    except (ValueError, TypeError, AttributeError) as exc:
        raise ResumeError(f"the partial outputs' counters are not readable ({exc})") from None
    return tally


# ---- the partial manifest


@dataclass
class Checkpoint:
    """Where an unfinished run stands: records written in complete chunks, the streamed files' sizes then."""

    plan: Plan
    head: dict[str, Any]
    """The manifest's description of the run (version, digests, inputs, options): must not change on resume."""
    done: int
    expected: int | None
    sizes: dict[str, int]
    tally: Tally
    isolated: int
    """Crashed or hung chunks isolated so far (for the closing message)."""
    key_check: str | None
    """A fingerprint of the redaction key (see :mod:`sentencecheck.batch.session`): a resume must use the same."""

    def manifest(self) -> dict[str, Any]:
        size = self.plan.chunk_size
        return {
            "complete": False,
            "progress": {"records_done": self.done, "chunks_done": self.done // size, "chunk_size": size,
                         "records_expected": self.expected},
            **self.head,
            "resume": {"plan": self.plan.to_json(), "files": self.sizes, "tally": encode_tally(self.tally),
                       "isolated": self.isolated, "key_check": self.key_check},
        }


def read_checkpoint(staging: Path) -> Checkpoint:
    """The checkpoint of the unfinished run in ``staging``."""
    try:
        data = json.loads((staging / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResumeError(f"{staging} has no manifest.json: nothing to resume") from None
    except (OSError, ValueError) as exc:
        raise ResumeError(f"{staging}/manifest.json is not readable ({exc})") from None
    if not isinstance(data, dict) or data.get("complete") is not False or not isinstance(data.get("resume"), dict):
        raise ResumeError(f"{staging}/manifest.json is not an unfinished audit's")
    resume, progress = data.pop("resume"), data.pop("progress", {})
    data.pop("complete")
    try:
        return Checkpoint(plan=Plan.from_json(resume["plan"]), head=data, done=int(progress["records_done"]),
                          expected=progress.get("records_expected"),
                          sizes={str(k): int(v) for k, v in resume["files"].items()},
                          tally=decode_tally(resume["tally"]), isolated=int(resume.get("isolated", 0)),
                          key_check=resume.get("key_check"))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResumeError(f"{staging}/manifest.json is not readable ({exc})") from None


def first_difference(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """The first key of the manifest's description whose value changed (``None`` when none did)."""
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            return key
    return None
