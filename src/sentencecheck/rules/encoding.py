"""Encoding derived facts so that *unknown* is an explicit value, never a missing field.

- yes/no facts: ``0`` false, ``1`` unknown, ``2`` true (so "possibly true" is ``>= 1``);
- numbers: an interval ``NAME__lo`` .. ``NAME__hi``; a known number has ``lo == hi``, an unknown
  one spans ``-BIG .. BIG`` (so "possibly >= n" is ``hi >= n``);
- choices: the value, or ``"unknown"``;
- sets: one yes/no entry per item (``NAME__ITEM``); a list is a known set (other items false), a
  mapping ``{item: True/False/None}`` leaves the items it does not name unknown.

Numbers are rounded to 4 decimals and kept inside ``±BIG`` so that JSON never needs an exponent
(durable-rules cannot read ``1e+18``) and both engines compare exactly the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sentencecheck.rules.vocabulary import FactSpec

BIG = 999_999_999.0
UNKNOWN_TEXT = "unknown"


def number_keys(spec: FactSpec) -> tuple[str, str]:
    """A number fact's lower and upper bound keys."""
    return spec.bound_keys


_LOW, _HIGH = -BIG + 1, BIG - 1


def clean_number(x: float) -> float:
    """Rounded to 4 decimals, kept inside ``±(BIG - 1)``, never ``-0.0`` (what ``max(-BIG + 1, min(BIG - 1, x))``
    gives, NaN included, without the two calls)."""
    x = round(float(x), 4)
    x = x if x < _HIGH else _HIGH
    return (x if x > _LOW else _LOW) + 0.0


Encoder = Callable[[dict[str, Any], Any], None]
"""Writes the encoding of one known (not ``None``) value of one fact into the encoded dict."""


def _number_encoder(lo: str, hi: str) -> Encoder:
    def enc(out: dict[str, Any], v: Any) -> None:
        if isinstance(v, tuple):
            out[lo], out[hi] = clean_number(v[0]), clean_number(v[1])
        else:
            out[lo] = out[hi] = clean_number(v)
    return enc


def _enum_encoder(key: str, domain: frozenset[str]) -> Encoder:
    def enc(out: dict[str, Any], v: Any) -> None:
        out[key] = v if v in domain else "other"
    return enc


def _set_encoder(item_keys: tuple[tuple[str, str], ...]) -> Encoder:
    key_of = dict(item_keys)
    none = dict.fromkeys(key_of.values(), 0)

    def enc(out: dict[str, Any], v: Any) -> None:
        # every key is in ``out`` already (all unknown), so the order of the writes does not matter
        if isinstance(v, Mapping):
            for item, state in v.items():
                if state is not None and item in key_of:
                    out[key_of[item]] = 2 if state else 0
        else:
            out.update(none)
            for item in v:
                if item in key_of:
                    out[key_of[item]] = 2
    return enc


def _encoder(spec: FactSpec) -> Encoder | str:
    """A fact's encoder; for a yes/no fact, its key (:func:`encode` writes those itself: most facts are yes/no)."""
    if spec.kind == "bool":
        return spec.key
    if spec.kind == "number":
        return _number_encoder(*number_keys(spec))
    if spec.kind == "enum":
        return _enum_encoder(spec.key, frozenset(spec.domain))
    return _set_encoder(spec.item_keys)


@dataclass(frozen=True)
class _Compiled:
    """What :func:`encode` needs of one vocabulary, worked out once: the all-unknown encoding and one small encoder
    per fact."""

    specs: Mapping[str, FactSpec]
    unknown: dict[str, Any]
    encoders: dict[str, Encoder | str]


_COMPILED: dict[int, _Compiled] = {}
"""By the identity of the vocabulary (which it holds, so that the identity is not reused): one entry per vocabulary."""


def _compiled(specs: Mapping[str, FactSpec]) -> _Compiled:
    seen = _COMPILED.get(id(specs))
    if seen is not None and seen.specs is specs:
        return seen
    unknown: dict[str, Any] = {}
    for spec in specs.values():
        if spec.kind == "number":
            lo, hi = number_keys(spec)
            unknown[lo], unknown[hi] = -BIG, BIG
        elif spec.kind == "enum":
            unknown[spec.key] = UNKNOWN_TEXT
        elif spec.kind == "set":
            unknown.update((key, 1) for _, key in spec.item_keys)
        else:
            unknown[spec.key] = 1
    found = _COMPILED[id(specs)] = _Compiled(specs, unknown, {name: _encoder(s) for name, s in specs.items()})
    return found


def _all_unknown(specs: Mapping[str, FactSpec]) -> dict[str, Any]:
    """The encoding of a subject of which nothing is known (computed once per vocabulary)."""
    return _compiled(specs).unknown


def encode(values: Mapping[str, Any], specs: Mapping[str, FactSpec]) -> dict[str, Any]:
    """Encode derived values (``None`` or absent = unknown) into the flat dict both engines read. A value named by no
    fact of ``specs`` is an error (a misspelt derived fact would otherwise read as unknown)."""
    compiled = _compiled(specs)
    encoders = compiled.encoders
    if not values.keys() <= encoders.keys():
        stray = sorted(set(values) - set(specs))
        raise KeyError(f"derived values not in the vocabulary: {', '.join(stray)}")
    out = compiled.unknown.copy()
    for name, v in values.items():
        if v is None:
            continue
        enc = encoders[name]
        if isinstance(enc, str):  # a yes/no fact: its key
            out[enc] = 2 if v else 0
        else:
            enc(out, v)
    return out


def decode_value(spec: FactSpec, f: Mapping[str, Any]) -> Any:
    """The human value of a fact from an encoded dict (``None`` = unknown)."""
    if spec.kind == "bool":
        return {0: False, 1: None, 2: True}[f[spec.key]]
    if spec.kind == "number":
        lo, hi = number_keys(spec)
        if f[lo] <= -BIG + 1 and f[hi] >= BIG - 1:
            return None
        return f[lo] if f[lo] == f[hi] else (f[lo], f[hi])
    if spec.kind == "enum":
        v = f[spec.key]
        return None if v == UNKNOWN_TEXT else v
    items = [i for i, key in spec.item_keys if f[key] == 2]
    unknown = [i for i, key in spec.item_keys if f[key] == 1]
    return None if unknown and len(unknown) == len(spec.domain) else items
