"""Case files: valid ones load; bad ones give the file, line, field path and what was expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sentencecheck.cli import main
from sentencecheck.errors import InputError
from sentencecheck.model.load import load_case

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = """\
id: t1
proceeding: {instance: first_instance}
defendants:
  - id: d1
    outcome: {kind: convicted}
"""


def test_every_bundled_case_file_loads() -> None:
    files = sorted((ROOT / "cases").glob("*.yaml"))
    assert files
    for f in files:
        assert load_case(f).id


def test_unknown_is_not_false(tmp_path: Path) -> None:
    p = tmp_path / "c.yaml"
    p.write_text(MINIMAL + "    law_enforcement_officer: false\n")
    d = load_case(p).defendants[0]
    assert d.law_enforcement_officer is False
    assert d.intoxicated is None


def test_error_names_file_line_path_and_expectation(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(MINIMAL + "    age: old\n")
    with pytest.raises(InputError) as err:
        load_case(p)
    text = str(err.value)
    assert str(p) in text
    assert ":6:" in text
    assert "defendants[0].age" in text
    assert "integer" in text


def test_unknown_field_is_rejected_with_its_path(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(MINIMAL + "    favourite_colour: red\n")
    with pytest.raises(InputError, match=r"defendants\[0\]\.favourite_colour: unknown field"):
        load_case(p)


def test_json_case_files_load(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text(json.dumps({"id": "j", "proceeding": {"instance": "appeal"},
                             "defendants": [{"id": "d", "outcome": {"kind": "acquitted"}}]}))
    assert load_case(p).proceeding.instance == "appeal"


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: &x [1]\nb: *x\n", "aliases are not allowed"),
        ("!!python/object/apply:os.system ['echo hi']\n", "invalid YAML"),
        ("id: t\nx: .nan\n", "NaN"),
        ("[" * 200 + "]" * 200, "nesting"),
        ("- 1\n- 2\n", "must be a mapping"),
    ],
)
def test_hostile_yaml_gives_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "h.yaml"
    p.write_text(text)
    with pytest.raises(InputError, match=message):
        load_case(p)


def test_reference_to_unknown_party_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "c.yaml"
    p.write_text(MINIMAL + "self_defence: {defender: d1, attacker: nobody}\n")
    with pytest.raises(InputError, match="unknown party 'nobody'"):
        load_case(p)


def test_schema_command_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "defendants" in schema["properties"]
