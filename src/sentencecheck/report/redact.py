"""Redaction (``--redact``): a case with no name, id or free text of its own, and pseudonyms keyed by a secret.

A redacted report is built from a redacted copy of the case (:class:`Redactor`), so no text of the case file can
reach an output: people become "Defendant 1", "Victim 1" (in the report's language), the case id a pseudonym
keyed by the user's secret (HMAC-SHA256), a court its kind ("district court"), a source "Document 1"; every other
free text (title, summary, quotes, notes, reasons, grounds) is dropped.  Error messages about a record are
scrubbed of every string the record holds (:func:`scrub`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
import types
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from sentencecheck.errors import SentencecheckError
from sentencecheck.model.case import Case, Defendant, Source, Victim

if TYPE_CHECKING:
    from sentencecheck.derive import Subject

KEY_BYTES = 32
"""Random bytes in a new key (written as 64 hexadecimal characters)."""
MIN_KEY_BYTES = 16
MAX_KEY_BYTES = 4096
REDACTED = "[redacted]"


def default_key_path() -> Path:
    """``$XDG_CONFIG_HOME/sentencecheck/redact.key`` (``~/.config/...`` by default): outside any output folder."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sentencecheck" / "redact.key"


@dataclass(frozen=True)
class RedactKey:
    """The secret pseudonyms are keyed by, the file it is kept in, and whether this run created it."""

    secret: bytes = field(repr=False)
    path: Path
    created: bool = False


def load_key(path: Path | None = None) -> RedactKey:
    """The key in ``path`` (default :func:`default_key_path`), created (0600) on first use.

    A key that other users can read, a file that is not a regular file, or one shorter than 16 bytes is refused."""
    path = path or default_key_path()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return RedactKey(_create(path), path, created=True)
    except OSError as exc:
        raise SentencecheckError(f"{path}: cannot read the redaction key: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SentencecheckError(f"{path}: the redaction key must be a regular file")
        if mode & 0o077:
            raise SentencecheckError(f"{path}: the redaction key can be read by other users; run: chmod 600 {path}")
        data = os.read(fd, MAX_KEY_BYTES + 1).strip()
    finally:
        os.close(fd)
    if not MIN_KEY_BYTES <= len(data) <= MAX_KEY_BYTES:
        raise SentencecheckError(f"{path}: not a redaction key (it must hold {MIN_KEY_BYTES} to {MAX_KEY_BYTES} "
                                 "bytes; delete it to have a new one made)")
    return RedactKey(data, path)


def command_key(redact: bool, key_file: Path | None, output: Path | None) -> tuple[bytes | None, str | None]:
    """For a command's ``--redact`` and ``--redact-key FILE`` (which implies it): the key (``None`` when not
    redacting) and a notice for standard error when the key file was created.  A key file inside the outputs
    (``output``, a file or a folder) is refused: it would be overwritten or handed on with them."""
    if not redact and key_file is None:
        return None, None
    path = key_file or default_key_path()
    if output is not None:
        where, out = path.resolve(), output.resolve()
        if where == out or out in where.parents:
            raise SentencecheckError(f"{path}: the redaction key must be kept outside the outputs ({output})")
    key = load_key(path)
    notice = (f"created the redaction key {path}: keep it secret, and keep it (the same key gives the same "
              "pseudonyms; without it nobody can tell which name a pseudonym stands for)") if key.created else None
    return key.secret, notice


def _create(path: Path) -> bytes:
    """A new random key written to ``path`` with mode 0600 (a key another process made first wins)."""
    secret = secrets.token_hex(KEY_BYTES).encode("ascii")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secret + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return load_key(path).secret
    except OSError as exc:
        raise SentencecheckError(f"{path}: cannot create the redaction key: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return secret


def pseudonym(kind: str, text: str, key: bytes) -> str:
    """``kind-`` and 12 hexadecimal digits of HMAC-SHA256(key, kind, text): the same key and text always give the
    same label, and without the key a guessed text cannot be confirmed."""
    message = f"{kind}\0{text}".encode("utf-8", "surrogatepass")
    return f"{kind}-{hmac.new(key, message, hashlib.sha256).hexdigest()[:12]}"


_COURT_KINDS = (
    (("верховн", "supreme"), "Supreme Court", "Верховный Суд"),
    (("военн", "military"), "military court", "военный суд"),
    (("межрайон", "inter-district", "interdistrict"), "inter-district court", "межрайонный суд"),
    (("областн", "regional", "oblast"), "regional court", "областной суд"),
    (("городск", "city court"), "city court", "городской суд"),
    (("районн", "district"), "district court", "районный суд"),
)
_COURT_UNKNOWN = {"en": "court (kind not recognised)", "ru": "суд (вид не распознан)"}


def court_kind(court: str | None, lang: str) -> str | None:
    """The kind of court a court's name says (a fixed label, never the name's own words, which may carry a judge's
    or a place's name); ``None`` when no court is given."""
    if not court or not court.strip():
        return None
    lowered = court.lower()
    for words, en, ru in _COURT_KINDS:
        if any(w in lowered for w in words):
            return ru if lang == "ru" else en
    return _COURT_UNKNOWN["ru" if lang == "ru" else "en"]


_ROLES = {
    "en": {"defendant": ("Defendant", "Defendant"), "victim": ("Victim", "Victim")},
    "ru": {"defendant": ("Подсудимый", "Подсудимая"), "victim": ("Потерпевший", "Потерпевшая")},
}
"""A party's label by role, (male or unknown, female)."""
_DOCUMENT = {"en": "Document", "ru": "Документ"}
_PARTY_REFS = frozenset({"by", "against", "victim", "defender", "attacker", "defendant"})
_PARTY_LISTS = frozenset({"caused_by", "acted_together_with"})
_PROVISIONS = frozenset({"article", "part"})
_PROVISION = re.compile(r"^[0-9]{1,4}(-[0-9]{1,2})?$")


class Redactor:
    """A redacted copy of a case (:attr:`case`) and of its subjects: what a redacted report is built from."""

    def __init__(self, case: Case, lang: str, key: bytes) -> None:
        lang = "ru" if lang == "ru" else "en"
        self.lang = lang
        self.case_id = pseudonym("case", case.id, key)
        self._parties: dict[str, str] = {}
        people: list[tuple[str, Sequence[Defendant | Victim]]] = [("defendant", case.defendants),
                                                                  ("victim", case.victims)]
        for role, persons in people:
            for i, person in enumerate(persons):
                self._parties.setdefault(person.id, f"{_ROLES[lang][role][person.sex == 'female']} {i + 1}")
        self._sources = {sid: f"S{i + 1}" for i, sid in enumerate(case.sources)}
        self._document = _DOCUMENT[lang]
        redacted = self._model(case)
        assert isinstance(redacted, Case)
        self.case = redacted
        self._defendants = {d.id: r for d, r in zip(case.defendants, redacted.defendants, strict=True)}

    def defendant(self, d: Defendant) -> str:
        return self._parties.get(d.id) or d.name or REDACTED

    def victim(self, v: Victim) -> str:
        return self._parties.get(v.id) or v.name or REDACTED

    def subjects(self, subjects: Sequence[Subject]) -> list[Subject]:
        """The subjects derived from the original case, pointing at the redacted defendants and charges."""
        out = []
        for s in subjects:
            d = self._defendants[s.defendant.id]
            out.append(replace(s, defendant=d, charge=d.charges[s.charge_index] if s.charge_index is not None
                               else None))
        return out

    def _model(self, obj: BaseModel) -> BaseModel:
        update: dict[str, Any] = {}
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            if value is not None:
                update[name] = self._field(obj, name, info.annotation, info.is_required(), value)
        return obj.model_copy(update=update)

    def _field(self, owner: BaseModel, name: str, annotation: Any, required: bool, value: Any) -> Any:
        if name == "source" and isinstance(value, list):
            return [self._sources.get(i, REDACTED) for i in value]
        if isinstance(owner, Case) and name == "sources":
            return {self._sources[k]: Source.model_construct(document=f"{self._document} {n + 1}")
                    for n, k in enumerate(value)}
        if isinstance(owner, Case) and name == "id":
            return self.case_id
        if isinstance(owner, Defendant | Victim) and name in ("id", "name"):
            return self._parties[owner.id]
        if name in _PARTY_REFS and isinstance(value, str):
            return self._party(value)
        if name in _PARTY_LISTS:
            return [self._party(x) for x in value]
        if name == "relationship":
            return {self._party(k): v for k, v in value.items()}
        if name == "court":
            return court_kind(value, self.lang)
        if name in _PROVISIONS and isinstance(value, str) and _PROVISION.match(value):
            return value
        if isinstance(value, BaseModel):
            return self._model(value)
        if isinstance(value, list):
            return [self._model(x) if isinstance(x, BaseModel) else x for x in value
                    if not isinstance(x, str) or _literal(annotation)]
        if isinstance(value, dict):
            return {}
        if isinstance(value, str) and not _literal(annotation):
            return REDACTED if required else None
        return value

    def _party(self, ident: str) -> str:
        return self._parties.get(ident, REDACTED)


def _literal(annotation: Any) -> bool:
    """The annotation admits only fixed words (a ``Literal``, or a list or optional of one)."""
    origin = get_origin(annotation)
    if origin is Literal:
        return True
    if origin is Annotated:
        return _literal(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        return bool(members) and all(_literal(a) for a in members)
    if origin is list:
        return _literal(get_args(annotation)[0])
    return False


# ---- error messages about a record that failed: no string of the record survives


@cache
def vocabulary() -> frozenset[str]:
    """Every word of the case model a message may name: field names, model names and fixed values."""
    words: set[str] = {"int", "float", "str", "bool", "date", "list", "dict"}
    seen: set[type] = set()

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            words.add(annotation.__name__)
            for name, info in annotation.model_fields.items():
                words.add(name)
                walk(info.annotation)
        elif get_origin(annotation) is Literal:
            words.update(str(a) for a in get_args(annotation))
        else:
            for arg in get_args(annotation):
                walk(arg)

    walk(Case)
    return frozenset(words)


def secrets_in(data: Any) -> list[str]:
    """The strings of raw case data (keys and values) that may name or identify someone: every one that is not a
    word of the case model and holds a letter or at least nine digits (a personal number), longest first."""
    found: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
            stack.extend(k for k in node if isinstance(k, str))
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and node.strip() and node not in vocabulary() and (
                any(c.isalpha() for c in node) or sum(c.isdigit() for c in node) >= 9):
            found.add(node)
    return sorted(found, key=lambda s: (-len(s), s))


_QUOTED = re.compile(r"""(?<!\w)(['"`])(.*?)\1(?!\w)""")
_SEGMENT = re.compile(r"[^.\[\]]+")


def scrub(text: str, found: Iterable[str] = ()) -> str:
    """``text`` with every string of ``found`` and every quoted word that is not the case model's replaced by
    ``[redacted]`` (a regular-expression pattern, quoted in Pydantic's messages, is kept)."""
    words = [s for s in found if s]
    if words:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in words) + r")(?!\w)")
        text = pattern.sub(REDACTED, text)

    def quoted(m: re.Match[str]) -> str:
        inner = m.group(2)
        keep = inner in vocabulary() or inner.startswith("^") or inner in ("", REDACTED)
        return m.group(0) if keep else f"{m.group(1)}{REDACTED}{m.group(1)}"

    return _QUOTED.sub(quoted, text)


def scrub_path(path: str) -> str:
    """A field path (``victims[0].relationship.d1``) with every segment that is not a field name or an index
    replaced by ``[redacted]``."""
    return _SEGMENT.sub(lambda m: m.group(0) if m.group(0).isdigit() or m.group(0) in vocabulary() else REDACTED,
                        path)


def scrub_problem(problem: dict[str, Any], found: Sequence[str]) -> dict[str, Any]:
    """A rejected record's problem (``path``, ``message``, ``expected``, …) with nothing of the record left."""
    out = dict(problem)
    if isinstance(out.get("path"), str):
        out["path"] = scrub_path(out["path"])
    for name in ("message", "expected"):
        if isinstance(out.get(name), str):
            out[name] = scrub(out[name], found)
    return out
