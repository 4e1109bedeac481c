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
    return f"{spec.key}__lo", f"{spec.key}__hi"


def clean_number(x: float) -> float:
    x = round(float(x), 4)
    return max(-BIG + 1, min(BIG - 1, x)) + 0.0


def encode(values: Mapping[str, Any], specs: Mapping[str, FactSpec]) -> dict[str, Any]:
    """Encode derived values (``None`` = unknown) into the flat dict both engines read."""
    out: dict[str, Any] = {}
    get = values.get
    for name, spec in specs.items():
        v = get(name)
        if spec.kind == "bool":
            out[spec.key] = 1 if v is None else (2 if v else 0)
        elif spec.kind == "number":
            lo, hi = number_keys(spec)
            if v is None:
                out[lo], out[hi] = -BIG, BIG
            elif isinstance(v, tuple):
                out[lo], out[hi] = clean_number(v[0]), clean_number(v[1])
            else:
                out[lo] = out[hi] = clean_number(v)
        elif spec.kind == "enum":
            out[spec.key] = UNKNOWN_TEXT if v is None else (v if v in spec.domain else "other")
        else:
            for item in spec.domain:
                key = spec.item_key(item)
                if v is None:
                    out[key] = 1
                elif isinstance(v, Mapping):
                    state = v.get(item)
                    out[key] = 1 if state is None else (2 if state else 0)
                else:
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
    items = [i for i in spec.domain if f[spec.item_key(i)] == 2]
    unknown = [i for i in spec.domain if f[spec.item_key(i)] == 1]
    return None if unknown and len(unknown) == len(spec.domain) else items
