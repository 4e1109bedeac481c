"""A small, safe filter language for ``--where`` and ``--rate``; parsed here, never ``eval``-ed.

Grammar (keywords are case-insensitive)::

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | "(" expr ")" | condition
    condition  := column OP value
                | column ["not"] "in" "[" value ("," value)* "]"
                | column ("notnull" | "isnull" | "is" ["not"] "null")
    OP         := "==" | "=" | "!=" | "<" | "<=" | ">" | ">="
    value      := number | 'text' | "text" | true | false
    column     := name made of letters, digits and "_" (not starting with a digit) | `any name`

Examples: ``age >= 18``, ``sex in [1, 2]``, ``severity notnull``,
``sentence_type == 'imprisonment'``, ``employed == true and not (age < 25)``.

Missing values follow three-valued (Kleene) logic, as in SQL: a comparison with a missing value is
*unknown*, ``not unknown`` is unknown, ``unknown and false`` is false, ``unknown or true`` is true.
A row is kept only when the whole expression is *true*; rows for which it is unknown are counted
separately in the report.  Text is compared with ``==``, ``!=`` and ``in`` only; ``<``/``>``
need numbers.  ``true``/``false`` match boolean columns and 0/1 columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from .errors import WhereError

MAX_LENGTH = 2000
MAX_DEPTH = 40

Value: TypeAlias = float | str | bool
CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]


@dataclass(frozen=True)
class Compare:
    column: str
    op: CompareOp
    value: Value


@dataclass(frozen=True)
class InList:
    column: str
    values: tuple[Value, ...]
    negated: bool


@dataclass(frozen=True)
class NullCheck:
    column: str
    is_null: bool


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True)
class Or:
    left: Node
    right: Node


Node: TypeAlias = Compare | InList | NullCheck | Not | And | Or


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "str", "name", "kw", "op", "punct", "end"
    text: str
    pos: int
    value: Value | None = None


_KEYWORDS = {"and", "or", "not", "in", "notnull", "isnull", "is", "null", "true", "false"}
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?![\w.]))
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`[^`]+`)
  | (?P<name>[^\W\d]\w*)
  | (?P<op>==|!=|<=|>=|<|>|=)
  | (?P<punct>[()\[\],])
    """,
    re.VERBOSE | re.UNICODE,
)


def _error(expr: str, pos: int, message: str) -> WhereError:
    caret = " " * pos + "^"
    return WhereError(f"invalid expression {expr!r}: {message} at position {pos + 1}\n  {expr}\n  {caret}")


def tokenize(expr: str) -> list[Token]:
    """Split *expr* into tokens; anything outside the language is an error naming its position."""
    if len(expr) > MAX_LENGTH:
        raise WhereError(f"expression longer than {MAX_LENGTH} characters")
    tokens: list[Token] = []
    pos = 0
    while pos < len(expr):
        m = _TOKEN_RE.match(expr, pos)
        if m is None:
            raise _error(expr, pos, f"unexpected character {expr[pos]!r}")
        kind = m.lastgroup or ""
        text = m.group()
        if kind == "num":
            tokens.append(Token("num", text, pos, float(text)))
        elif kind == "str":
            body = re.sub(r"\\(.)", r"\1", text[1:-1])
            tokens.append(Token("str", text, pos, body))
        elif kind == "quoted":
            tokens.append(Token("name", text[1:-1], pos))
        elif kind == "name":
            low = text.lower()
            if low in _KEYWORDS:
                tokens.append(Token("kw", low, pos))
            else:
                tokens.append(Token("name", text, pos))
        elif kind in ("op", "punct"):
            tokens.append(Token(kind, text, pos))
        pos = m.end()
    tokens.append(Token("end", "", len(expr)))
    return tokens


class _Parser:
    def __init__(self, expr: str) -> None:
        self.expr = expr
        self.tokens = tokenize(expr)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def is_kw(self, *words: str) -> bool:
        return self.tok.kind == "kw" and self.tok.text in words

    def expect_punct(self, text: str) -> None:
        if self.tok.kind != "punct" or self.tok.text != text:
            raise _error(self.expr, self.tok.pos, f"expected {text!r}, found {self._describe(self.tok)}")
        self.take()

    @staticmethod
    def _describe(t: Token) -> str:
        return "end of expression" if t.kind == "end" else repr(t.text)

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise WhereError("empty expression")
        node = self.or_expr()
        if self.tok.kind != "end":
            raise _error(self.expr, self.tok.pos, f"unexpected {self._describe(self.tok)}")
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self.is_kw("or"):
            self.take()
            node = Or(node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.is_kw("and"):
            self.take()
            node = And(node, self.not_expr())
        return node

    def not_expr(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _error(self.expr, self.tok.pos, f"nested deeper than {MAX_DEPTH} levels")
        try:
            if self.is_kw("not"):
                self.take()
                return Not(self.not_expr())
            if self.tok.kind == "punct" and self.tok.text == "(":
                self.take()
                node = self.or_expr()
                self.expect_punct(")")
                return node
            return self.condition()
        finally:
            self.depth -= 1

    def condition(self) -> Node:
        t = self.tok
        if t.kind != "name":
            hint = " (use `backquotes` for a column named like a keyword)" if t.kind == "kw" else ""
            raise _error(self.expr, t.pos, f"expected a column name, found {self._describe(t)}{hint}")
        column = self.take().text
        t = self.tok
        if t.kind == "op":
            self.take()
            op: CompareOp = "==" if t.text == "=" else t.text  # type: ignore[assignment]
            if self.is_kw("null"):
                raise _error(self.expr, self.tok.pos, "compare with null using 'isnull' or 'notnull'")
            return Compare(column, op, self.value())
        if self.is_kw("in"):
            self.take()
            return InList(column, self.value_list(), negated=False)
        if self.is_kw("not"):
            self.take()
            if not self.is_kw("in"):
                raise _error(self.expr, self.tok.pos, "expected 'in' after 'not'")
            self.take()
            return InList(column, self.value_list(), negated=True)
        if self.is_kw("notnull", "isnull"):
            return NullCheck(column, is_null=self.take().text == "isnull")
        if self.is_kw("is"):
            self.take()
            negated = False
            if self.is_kw("not"):
                self.take()
                negated = True
            if not self.is_kw("null"):
                raise _error(self.expr, self.tok.pos, "expected 'null' after 'is'")
            self.take()
            return NullCheck(column, is_null=not negated)
        raise _error(
            self.expr,
            t.pos,
            f"expected a comparison (==, !=, <, <=, >, >=, in, notnull, isnull) after {column!r}, "
            f"found {self._describe(t)}",
        )

    def value(self) -> Value:
        t = self.tok
        if t.kind in ("num", "str") and t.value is not None:
            self.take()
            return t.value
        if self.is_kw("true", "false"):
            self.take()
            return t.text == "true"
        hint = " (quote text values: 'like this')" if t.kind == "name" else ""
        raise _error(
            self.expr,
            t.pos,
            f"expected a number, a quoted text or true/false, found {self._describe(t)}{hint}",
        )

    def value_list(self) -> tuple[Value, ...]:
        self.expect_punct("[")
        values = [self.value()]
        while self.tok.kind == "punct" and self.tok.text == ",":
            self.take()
            values.append(self.value())
        self.expect_punct("]")
        kinds = {_kind(v) for v in values}
        if len(kinds) > 1:
            raise WhereError(f"invalid expression {self.expr!r}: a list must not mix numbers, text and true/false")
        return tuple(values)


def _kind(v: Value) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, float):
        return "num"
    return "str"


def parse(expr: str) -> Node:
    """Parse *expr* into a tree of conditions; raise :class:`WhereError` if it is not valid."""
    return _Parser(expr).parse()


def columns(node: Node) -> list[str]:
    """The column names an expression refers to, in order of first appearance."""
    out: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, Compare | InList | NullCheck):
            if n.column not in out:
                out.append(n.column)
        elif isinstance(n, Not):
            walk(n.operand)
        else:
            walk(n.left)
            walk(n.right)

    walk(node)
    return out


# ---------------------------------------------------------------------------------------------
# evaluation


def _bool_like(series: pd.Series) -> pd.Series | None:
    """*series* as floats 1.0/0.0 (NaN for missing) if it holds only booleans, else ``None``."""
    if is_bool_dtype(series.dtype):
        return series.astype("float64")
    if series.dtype == object:
        present = series.dropna()
        if len(present) and all(isinstance(v, bool | np.bool_) for v in present):
            return series.map(lambda v: np.nan if v is None or v is pd.NA else float(bool(v))).astype("float64")
    return None


def _numeric(series: pd.Series, column: str, expr: str) -> pd.Series:
    as_bool = _bool_like(series)
    if as_bool is not None:
        return as_bool
    if is_numeric_dtype(series.dtype):
        return series.astype("float64")
    converted = pd.to_numeric(series, errors="coerce").astype("float64")
    if series.notna().any() and converted.notna().sum() == 0:
        raise WhereError(f"in {expr!r}: column {column!r} holds text; compare it with a quoted value")
    return converted


def _text(series: pd.Series, column: str, expr: str) -> pd.Series:
    if _bool_like(series) is not None or is_numeric_dtype(series.dtype):
        raise WhereError(f"in {expr!r}: column {column!r} holds numbers or true/false; compare it without quotes")
    return series.map(lambda v: None if pd.isna(v) else str(v))


def _boolean(values: np.ndarray, missing: np.ndarray, index: pd.Index) -> pd.Series:
    arr = pd.array(values.astype(bool), dtype="boolean")
    arr[missing] = pd.NA
    return pd.Series(arr, index=index)


def _compare_values(series: pd.Series, column: str, op: str, value: Value, expr: str) -> pd.Series:
    if isinstance(value, bool | float):
        target = float(value)
        if isinstance(value, bool):
            as_bool = _bool_like(series)
            if as_bool is None and not is_numeric_dtype(series.dtype):
                raise WhereError(f"in {expr!r}: column {column!r} is not true/false; true/false cannot match it")
        nums = _numeric(series, column, expr).to_numpy(dtype="float64")
        missing = np.isnan(nums)
        with np.errstate(invalid="ignore"):
            if op == "==":
                res = nums == target
            elif op == "!=":
                res = nums != target
            elif op == "<":
                res = nums < target
            elif op == "<=":
                res = nums <= target
            elif op == ">":
                res = nums > target
            else:
                res = nums >= target
        return _boolean(res, missing, series.index)
    if op not in ("==", "!="):
        raise WhereError(f"in {expr!r}: text can only be compared with ==, != or in, not {op}")
    texts = _text(series, column, expr)
    missing = texts.isna().to_numpy()
    eq = (texts == value).fillna(False).to_numpy(dtype=bool)
    return _boolean(eq if op == "==" else ~eq, missing, series.index)


def evaluate(node: Node, table: pd.DataFrame, expr: str = "", source: str = "input") -> pd.Series:
    """Evaluate a parsed expression on *table*: a nullable-boolean Series (``<NA>`` = unknown)."""
    if isinstance(node, Compare | InList | NullCheck):
        if node.column not in table.columns:
            names = ", ".join(str(c) for c in list(table.columns)[:40])
            raise WhereError(f"{source}: column {node.column!r} used in {expr!r} not found; available columns: {names}")
        series = table[node.column]
        if isinstance(node, NullCheck):
            isna = series.isna().to_numpy()
            return _boolean(isna if node.is_null else ~isna, np.zeros(len(series), dtype=bool), series.index)
        if isinstance(node, Compare):
            return _compare_values(series, node.column, node.op, node.value, expr)
        result: pd.Series | None = None
        for v in node.values:
            part = _compare_values(series, node.column, "==", v, expr)
            result = part if result is None else (result | part)
        assert result is not None
        return ~result if node.negated else result
    if isinstance(node, Not):
        return ~evaluate(node.operand, table, expr, source)
    left = evaluate(node.left, table, expr, source)
    right = evaluate(node.right, table, expr, source)
    return (left & right) if isinstance(node, And) else (left | right)


@dataclass(frozen=True)
class FilterOutcome:
    """Which rows an expression keeps, and how many it drops as false or as unknown."""

    keep: pd.Series
    false: int
    unknown: int


def apply(expr: str, table: pd.DataFrame, source: str = "input") -> FilterOutcome:
    """Parse and evaluate *expr*: keep = rows where it is true; counts of false and unknown rows."""
    result = evaluate(parse(expr), table, expr, source)
    unknown = result.isna()
    keep = result.fillna(False).astype(bool)
    return FilterOutcome(keep=keep, false=int((~keep & ~unknown).sum()), unknown=int(unknown.sum()))
