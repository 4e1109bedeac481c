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

from collections.abc import Mapping
from typing import Any

from sentencecheck.rules.vocabulary import FactSpec

BIG = 999_999_999.0
UNKNOWN_TEXT = "unknown"


def number_keys(spec: FactSpec) -> tuple[str, str]:
    """A number fact's lower and upper bound keys."""
    return spec.bound_keys


def clean_number(x: float) -> float:
    x = round(float(x), 4)
    return max(-BIG + 1, min(BIG - 1, x)) + 0.0


_UNKNOWN_TEMPLATES: dict[int, tuple[Mapping[str, FactSpec], dict[str, Any]]] = {}


def _all_unknown(specs: Mapping[str, FactSpec]) -> dict[str, Any]:
    """The encoding of a subject of which nothing is known (computed once per vocabulary)."""
    seen = _UNKNOWN_TEMPLATES.get(id(specs))
    if seen is not None and seen[0] is specs:
        return seen[1]
    out: dict[str, Any] = {}
    for spec in specs.values():
        if spec.kind == "number":
            lo, hi = number_keys(spec)
            out[lo], out[hi] = -BIG, BIG
        elif spec.kind == "enum":
            out[spec.key] = UNKNOWN_TEXT
        elif spec.kind == "set":
            out.update((key, 1) for _, key in spec.item_keys)
        else:
            out[spec.key] = 1
    _UNKNOWN_TEMPLATES[id(specs)] = (specs, out)
    return out


def encode(values: Mapping[str, Any], specs: Mapping[str, FactSpec]) -> dict[str, Any]:
    """Encode derived values (``None`` or absent = unknown) into the flat dict both engines read. A value named by no
    fact of ``specs`` is an error (a misspelt derived fact would otherwise read as unknown)."""
    out = dict(_all_unknown(specs))
    for name, v in values.items():
        spec = specs.get(name)
        if spec is None:
            stray = sorted(set(values) - set(specs))
            raise KeyError(f"derived values not in the vocabulary: {', '.join(stray)}")
        if v is None:
            continue
        kind = spec.kind
        if kind == "bool":
            out[spec.key] = 2 if v else 0
        elif kind == "number":
            lo, hi = number_keys(spec)
            if isinstance(v, tuple):
                out[lo], out[hi] = clean_number(v[0]), clean_number(v[1])
            else:
                out[lo] = out[hi] = clean_number(v)
        elif kind == "enum":
            out[spec.key] = v if v in spec.domain else "other"
        elif isinstance(v, Mapping):
            for item, key in spec.item_keys:
                state = v.get(item)
                if state is not None:
                    out[key] = 2 if state else 0
        else:
            for item, key in spec.item_keys:
                out[key] = 2 if item in v else 0
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
