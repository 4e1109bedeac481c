"""Command-line conventions: ``-`` reads standard input, ``-o/--output`` on every command that writes, exit code 2
for bad input on every command, ``--version``, shell completion; and the library surface."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result
from pydantic import BaseModel

import sentencecheck
from samples import CASE, CONTROL
from sentencecheck import __version__
from sentencecheck.cli import main
from sentencecheck.cli_options import OUTPUT_HELP

BAD_CASE = "id: x\nproceeding:\n  instance: moon_court\n"


def run(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin, prog_name="sentencecheck")


def table(tmp_path: Path) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text("group,y\n" + "".join(f"{'ab'[i % 2]},{i}\n" for i in range(20)), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------- standard input


def test_check_reads_yaml_from_standard_input_as_it_reads_the_file() -> None:
    from_file = run(["check", str(CASE), "--engine", "python", "--format", "json"])
    from_stdin = run(["check", "-", "--engine", "python", "--format", "json"], CASE.read_text(encoding="utf-8"))
    assert from_file.exit_code == from_stdin.exit_code == 1
    assert from_stdin.stdout == from_file.stdout


def test_check_reads_json_from_standard_input() -> None:
    data = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    text = json.dumps(data, default=str, indent=1)
    from_json = run(["check", "-", "--engine", "python", "--format", "json"], text)
    from_file = run(["check", str(CASE), "--engine", "python", "--format", "json"])
    assert from_json.exit_code == 1, from_json.stderr
    assert json.loads(from_json.stdout)["findings"] == json.loads(from_file.stdout)["findings"]


def test_standard_input_errors_name_stdin_and_the_line() -> None:
    bad_yaml = run(["check", "-"], "id: x\n  bad: [\n")
    assert bad_yaml.exit_code == 2 and bad_yaml.stderr.startswith("<stdin>:2: (document): invalid YAML")
    invalid = run(["check", "-"], BAD_CASE)
    assert invalid.exit_code == 2 and "<stdin>:3: proceeding.instance" in invalid.stderr
    bad_json = run(["check", "-"], '{\n "id": "x",\n "proceeding": {"instance": "first_instance"\n}\n')
    assert bad_json.exit_code == 2 and bad_json.stderr.startswith("<stdin>:5: (document): invalid JSON")
    invalid_json = run(["check", "-"], '{\n "id": "x",\n "proceeding": {"instance": "moon_court"}\n}\n')
    assert invalid_json.exit_code == 2 and "<stdin>:3: proceeding.instance" in invalid_json.stderr
    assert "Traceback" not in bad_yaml.stderr + invalid.stderr + bad_json.stderr + invalid_json.stderr


def test_flow_style_yaml_on_standard_input_is_yaml() -> None:
    flow = "{" + ", ".join(f"{k}: {json.dumps(v, default=str)}" for k, v in yaml.safe_load(CONTROL).items()) + "}"
    result = run(["check", "-", "--engine", "python"], flow)
    assert result.exit_code == 0, result.stderr


def test_standard_input_named_twice_is_refused() -> None:
    result = run(["check", "-", "-"], CONTROL)
    assert result.exit_code == 2 and "only once" in result.stderr


# ------------------------------------------------------------------------------------------- -o / --output


def output_commands(tmp_path: Path, fixture_rules_dir: Path) -> dict[str, tuple[list[str], str | None]]:
    """Every command that writes a result, with arguments that make it succeed (and its standard input)."""
    control = tmp_path / "control.yaml"
    control.write_text(CONTROL, encoding="utf-8")
    rules = ["--rules", str(fixture_rules_dir)]
    return {
        "check": (["check", str(CASE), "--engine", "python", "--format", "markdown"], None),
        "check-stdin": (["check", "-", "--engine", "python"], CONTROL),
        "schema": (["schema"], None),
        "rules list": (["rules", "list", *rules], None),
        "rules show": (["rules", "show", "defence-against-attack-convicted-as-murder", *rules], None),
        "rules facts": (["rules", "facts", "--format", "json"], None),
        "test-rules": (["test-rules", *rules, "--cases", str(control), "--engine", "python"], None),
        "template csv": (["template", "--format", "csv"], None),
        "template xlsx": (["template", "--format", "xlsx"], None),
        "disparity": (["disparity", str(table(tmp_path)), "--outcome", "y", "--group", "group",
                       "--resamples", "20", "--format", "json"], None),
    }


COMMANDS = ["check", "check-stdin", "schema", "rules list", "rules show", "rules facts", "test-rules",
            "template csv", "template xlsx", "disparity"]


@pytest.mark.parametrize("name", COMMANDS)
def test_output_option_writes_the_same_bytes_as_standard_output(
    name: str, tmp_path: Path, fixture_rules_dir: Path
) -> None:
    args, stdin = output_commands(tmp_path, fixture_rules_dir)[name]
    plain = run(args, stdin)
    dash = run([*args, "-o", "-"], stdin)
    target = tmp_path / "out.bin"
    to_file = run([*args, "--output", str(target)], stdin)
    assert plain.exit_code in (0, 1), plain.output
    assert plain.exit_code == dash.exit_code == to_file.exit_code
    assert plain.stdout_bytes, name
    assert dash.stdout_bytes == plain.stdout_bytes
    assert to_file.stdout_bytes == b""
    assert target.read_bytes() == plain.stdout_bytes


def test_output_to_a_missing_folder_is_bad_input(tmp_path: Path, fixture_rules_dir: Path) -> None:
    missing = str(tmp_path / "no-such-folder" / "out.txt")
    for name, (args, stdin) in output_commands(tmp_path, fixture_rules_dir).items():
        result = run([*args, "-o", missing], stdin)
        assert result.exit_code == 2, name
        assert "no-such-folder/out.txt: cannot write" in result.stderr, name
        assert "Traceback" not in result.stderr


def _subcommands(group: click.Group) -> list[tuple[str, click.Command]]:
    """Every subcommand, the lazily imported ones included."""
    ctx = click.Context(group)
    found = [(name, group.get_command(ctx, name)) for name in group.list_commands(ctx)]
    return [(name, cmd) for name, cmd in found if cmd is not None]


def all_commands() -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = [("", main)]
    for name, cmd in _subcommands(main):
        out.append((name, cmd))
        if isinstance(cmd, click.Group):
            out.extend((f"{name} {sub}", c) for sub, c in _subcommands(cmd))
    return out


def test_every_output_option_is_the_same_and_every_help_names_the_exit_codes() -> None:
    with_output = set()
    for name, cmd in all_commands():
        for param in cmd.params:
            if param.name == "output":
                assert isinstance(param, click.Option)
                assert param.opts == ["--output", "-o"] and param.help == OUTPUT_HELP and param.default == "-", name
                with_output.add(name)
        help_text = run([*name.split(), "--help"]).stdout
        assert "Exit codes" in help_text, f"`sentencecheck {name} --help` does not name its exit codes"
    expected = {"check", "schema", "rules list", "rules show", "rules facts", "test-rules", "template", "disparity"}
    assert expected <= with_output
    assert [p.opts for p in dict(all_commands())["audit"].params if p.name == "out"] == [["--out"]]


def test_template_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = (run(["template", "-o", str(tmp_path / f"{n}.xlsx")]) for n in ("a", "b"))
    assert first.exit_code == second.exit_code == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


# ------------------------------------------------------------------------------------------- exit code 2


def test_bad_input_exits_2_on_every_command(tmp_path: Path, fixture_rules_dir: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_CASE, encoding="utf-8")
    not_rules = tmp_path / "not-rules"
    not_rules.mkdir()
    (not_rules / "broken.yaml").write_text("rules: [\n", encoding="utf-8")
    csv = table(tmp_path)
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\xff\xfe\x00garbage")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("a: [\n", encoding="utf-8")
    jsonl = tmp_path / "cases.jsonl"
    jsonl.write_text("{}\n", encoding="utf-8")
    jsonl.with_name("empty.txt").write_text("", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    rules = ["--rules", str(fixture_rules_dir)]
    cases: dict[str, tuple[list[str], str | None]] = {
        "check: malformed case file": (["check", str(bad)], None),
        "check: malformed standard input": (["check", "-"], BAD_CASE),
        "check: missing file": (["check", str(tmp_path / "missing.yaml")], None),
        "check: unusable rules folder": (["check", str(CASE), "--rules", str(not_rules)], None),
        "check: unknown option value": (["check", str(CASE), "--format", "pdf"], None),
        "schema: output is a folder": (["schema", "-o", str(tmp_path)], None),
        "rules list: unusable rules folder": (["rules", "list", "--rules", str(not_rules)], None),
        "rules show: unknown rule id": (["rules", "show", "no-such-rule", *rules], None),
        "rules facts: unknown format": (["rules", "facts", "--format", "pdf"], None),
        "test-rules: unusable rules folder": (["test-rules", "--rules", str(not_rules)], None),
        "test-rules: malformed case file": (["test-rules", *rules, "--cases", str(bad), "--engine", "python"], None),
        "template: unknown format": (["template", "--format", "ods"], None),
        "audit: no input files": (["audit", str(empty), "--out", str(tmp_path / "a1")], None),
        "audit: malformed mapping": (["audit", str(jsonl), "--out", str(tmp_path / "a2"), "--mapping", str(mapping)],
                                     None),
        "audit: output folder under a file": (["audit", str(jsonl), "--out", str(csv / "sub")], None),
        "disparity: unreadable CSV": (["disparity", str(garbage), "--outcome", "y", "--group", "group"], None),
        "disparity: missing column": (["disparity", str(csv), "--outcome", "severity", "--group", "group"], None),
        "disparity: invalid expression": (["disparity", str(csv), "--outcome", "y", "--group", "group",
                                           "--where", "y >> 1"], None),
        "disparity: unknown reference": (["disparity", str(csv), "--outcome", "y", "--group", "group",
                                          "--reference", "zz"], None),
        "disparity: missing file": (["disparity", str(tmp_path / "missing.csv"), "--outcome", "y", "--group", "g"],
                                    None),
        "extract: missing file": (["extract", str(tmp_path / "missing.txt")], None),
        "extract: empty file": (["extract", str(jsonl.with_name("empty.txt"))], None),
        "interview: malformed YAML": (["interview", str(not_rules / "broken.yaml"), "--no-browser"], None),
    }
    for what, (args, stdin) in cases.items():
        result = run(args, stdin)
        assert result.exit_code == 2, f"{what}: exit {result.exit_code}\n{result.output}"
        assert result.stderr.strip(), what
        assert "Traceback" not in result.output, what


def test_test_rules_still_writes_its_report_when_a_case_file_is_unreadable(
    tmp_path: Path, fixture_rules_dir: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_CASE, encoding="utf-8")
    result = run(["test-rules", "--rules", str(fixture_rules_dir), "--cases", str(bad), "--engine", "python"])
    assert result.exit_code == 2
    assert "bad.yaml:3: proceeding.instance" in result.stdout and "1 failed" in result.stdout


# ------------------------------------------------------------------------------------------- version, completion


def test_version() -> None:
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"sentencecheck, version {__version__}\n"


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F _sentencecheck_completion sentencecheck"),
     ("zsh", "#compdef sentencecheck"),
     ("fish", "complete --no-files --command sentencecheck")],
)
def test_completion_script_is_produced(shell: str, marker: str) -> None:
    result = CliRunner().invoke(main, [], prog_name="sentencecheck", env={"_SENTENCECHECK_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0
    assert marker in result.stdout


def test_completion_completes_commands_and_options() -> None:
    def complete(words: str) -> str:
        env = {"_SENTENCECHECK_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1)}
        return CliRunner().invoke(main, [], prog_name="sentencecheck", env=env).stdout

    assert complete("sentencecheck ch") == "plain,check\n"
    assert "plain,--output" in complete("sentencecheck check --ou").splitlines()


# ------------------------------------------------------------------------------------------- library surface


def test_library_exports_render_and_every_case_model_class() -> None:
    from sentencecheck.model import case as model
    from sentencecheck.report.render import render

    classes = {name for name, obj in vars(model).items()
               if inspect.isclass(obj) and issubclass(obj, BaseModel) and obj.__module__.startswith("sentencecheck.")}
    classes.discard("Strict")  # the shared base (extra="forbid"), not a model of its own
    assert {"Case", "Defendant", "Victim", "Charge", "Sentence", "Term", "Outcome", "Proceeding", "Harm",
            "Source"} <= classes
    assert sorted(classes - set(sentencecheck.__all__)) == []
    assert sentencecheck.render is render
    assert all(getattr(sentencecheck, name, None) is not None for name in sentencecheck.__all__)
    assert (Path(sentencecheck.__file__).parent / "py.typed").is_file()


BLOCK_HYPOTHESIS = """
import sys

class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "hypothesis" or name.startswith("hypothesis."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Blocker())
import sentencecheck  # the library itself does not need Hypothesis
try:
    import sentencecheck.testing
except ImportError as exc:
    print(exc)
    sys.exit(3)
"""


def test_testing_helpers_without_hypothesis_say_how_to_install_it() -> None:
    proc = subprocess.run([sys.executable, "-c", BLOCK_HYPOTHESIS], capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 3, proc.stderr
    assert "pip install 'sentencecheck[testing]'" in proc.stdout


def test_a_command_whose_extra_is_missing_says_which_to_install() -> None:
    """Without z3-solver (the `verify` extra), `rules --help` still lists every command and `rules prove` says
    what to install, without a traceback."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'z3' or name.startswith('z3.'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from sentencecheck.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    listed = subprocess.run([sys.executable, "-c", code, "rules", "--help"], capture_output=True, text=True)
    assert listed.returncode == 0 and "prove" in listed.stdout, listed.stderr
    run = subprocess.run([sys.executable, "-c", code, "rules", "prove"], capture_output=True, text=True)
    assert run.returncode == 1 and "pip install 'sentencecheck[verify]'" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_the_version_is_written_once() -> None:
    """The package's version (``sentencecheck.version``) is the one the wheel is built with."""
    import tomllib

    from sentencecheck.version import __version__ as written

    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert written == __version__ == project["project"]["version"]
