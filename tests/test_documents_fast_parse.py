"""libyaml composes small documents (``io.documents.FAST_PARSE_BYTES``); the result must be exactly what PyYAML's
Python composer gives: the same data (numbers that remember how they were written included), the same line of every
node, the same errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sentencecheck.errors import InputError
from sentencecheck.io import documents
from sentencecheck.io.documents import WrittenFloat, _parse_yaml, parse_text

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted([*ROOT.glob("rules/**/*.yaml"), *ROOT.glob("cases/**/*.yaml")])

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")


def _lines(node: yaml.Node | None) -> Any:
    """Every node's tag, value and line, as nested tuples."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return ("map", node.start_mark.line, tuple((_lines(k), _lines(v)) for k, v in node.value))
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.start_mark.line, tuple(_lines(v) for v in node.value))
    return (node.tag, node.start_mark.line, node.value)


def _written(value: Any) -> Any:
    """``value`` with each remembered number's text beside it (``==`` alone would not see a lost text)."""
    if isinstance(value, WrittenFloat):
        return ("written", float(value), value.text)
    if isinstance(value, dict):
        return {k: _written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_written(v) for v in value]
    return (type(value).__name__, value)


def test_there_are_bundled_documents_to_compare() -> None:
    assert len(BUNDLED) > 80


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_gives_the_python_composers_data_and_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text) <= documents.FAST_PARSE_BYTES
    fast_data, fast_node = _parse_yaml(text, str(path), True)
    slow_data, slow_node = _parse_yaml(text, str(path), False)
    assert _written(fast_data) == _written(slow_data)
    assert _lines(fast_node) == _lines(slow_node)


def test_a_number_written_as_a_month_is_remembered_by_both() -> None:
    text = "a: 03.2023\nb: 10.2020\nc: 1.5\n"
    for fast in (True, False):
        data, _ = _parse_yaml(text, None, fast)
        assert isinstance(data["b"], WrittenFloat) and data["b"].text == "10.2020"
        assert not isinstance(data["c"], WrittenFloat)


@pytest.mark.parametrize("text", [
    "a: &x [1]\nb: *x\n",                      # an alias
    "a: &x 1\nb: *x\n",                        # an alias of a scalar
    "a: 1\nb: 2\na: 3\n",                      # a duplicate key
    "x: " + "[" * 60 + "]" * 60 + "\n",         # nesting past the cap
    "[" + "1," * 120_000 + "1]\n",              # more values than the cap, under the fast size
    "a: [1, 2\nb: 3\n",                        # a syntax error
    "a: .nan\n",                               # not a number
    "a:\n  - b\n c: d\n",                      # bad indentation
])
def test_the_same_error_whichever_composer(text: str) -> None:
    assert len(text) <= documents.FAST_PARSE_BYTES
    with pytest.raises(InputError) as fast:
        parse_text(text, "yaml", "f.yaml")
    with pytest.raises(InputError) as slow:
        _parse_yaml(text, "f.yaml", False)
    assert [p.as_dict() for p in fast.value.problems] == [p.as_dict() for p in slow.value.problems]
    assert fast.value.problems  # the error says what is wrong


def test_the_fast_composer_refuses_an_alias_before_building_anything() -> None:
    node = yaml.compose("a: &x [1]\nb: *x\n", Loader=yaml.CSafeLoader)
    assert node is not None
    with pytest.raises(yaml.MarkedYAMLError, match="aliases are not allowed"):
        documents._check_tree(node)


def test_large_documents_are_composed_in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[bool] = []
    real = documents._parse_yaml

    def spy(text: str, file: str | None, fast: bool) -> Any:
        used.append(fast)
        return real(text, file, fast)

    monkeypatch.setattr(documents, "_parse_yaml", spy)
    parse_text("a: 1\n", "yaml")
    parse_text("a: '" + "x" * documents.FAST_PARSE_BYTES + "'\n", "yaml")
    assert used == [True, False]
