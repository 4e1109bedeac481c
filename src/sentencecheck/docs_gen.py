"""Generate ``docs/rules.md``, the rule catalogue for lawyers, from the rule files and the statute data.

``python -m sentencecheck.docs_gen`` writes the catalogue; ``--check`` exits 1 when the file on disk differs
from what the rules would generate (stale), 0 when it is current.  The output depends only on the rule files
and the statute data, so it is deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sentencecheck.errors import SentencecheckError
from sentencecheck.law.book import StatuteBook
from sentencecheck.paths import bundled_rules_dir
from sentencecheck.rules.conditions import All, Any_, Atom, Node
from sentencecheck.rules.load import load_rule_set
from sentencecheck.rules.model import CHARGE_CITATION, Example, Rule

DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "rules.md"

_DIRECTION = {
    "leniency": "leniency (the outcome looks too lenient)",
    "over-punishment": "over-punishment (the outcome looks too harsh)",
    "procedural": "procedural (a failure of the police, investigation or institution)",
    "legislative-gap": "legislative gap (the law itself leaves the conduct under-protected)",
}
_EXPECT = {"holds": "the rule holds", "possible": "possible (an unknown fact matters)", "no": "does not hold"}


def _family_comment(path: Path) -> str:
    """The leading ``#`` comment of a rule file: what the family is about."""
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(x for x in lines if x)


def _atom_text(atom: Atom) -> str:
    return f"`{atom.describe()}` — {atom.fact.description}"


def _condition_lines(node: Node, depth: int = 0) -> list[str]:
    pad = "  " * depth
    if isinstance(node, Atom):
        return [f"{pad}- {_atom_text(node)}"]
    word = "all of" if isinstance(node, All) else "any of"
    assert isinstance(node, All | Any_)
    out = [f"{pad}- {word}:"]
    for child in node.items:
        out.extend(_condition_lines(child, depth + 1))
    return out


def _top_condition(node: Node) -> list[str]:
    """The condition as a bullet list; a top-level ``all`` is listed directly."""
    if isinstance(node, All):
        out: list[str] = []
        for child in node.items:
            out.extend(_condition_lines(child, 0))
        return out
    return _condition_lines(node, 0)


def _citation_line(book: StatuteBook, citation: str) -> str:
    if citation == CHARGE_CITATION:
        return "- **the article charged**, cited with its part and the version applied"
    title, title_ru, _sources, unconfirmed, confidence = book.describe(citation)
    text = f"- **{citation}** — {title}"
    if title_ru:
        text += f" / {title_ru}"
    text += f" (confidence: {confidence})"
    if unconfirmed:
        text += "; unconfirmed: " + "; ".join(unconfirmed)
    return text


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _example_lines(ex: Example) -> list[str]:
    out = [f"*{ex.name}* — expected: {_EXPECT[ex.expect]}.", ""]
    out.append("| fact | value |")
    out.append("|---|---|")
    for name in sorted(ex.facts):
        out.append(f"| `{name}` | `{_value(ex.facts[name])}` |")
    out.append("")
    out.append("Facts not listed are unknown.")
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _rule_section(rule: Rule, book: StatuteBook) -> list[str]:
    spec = rule.spec
    out = [f'<a id="{spec.id}"></a>', "", f"### `{spec.id}` (version {spec.version})", ""]
    out.append(f"**{spec.title.en}** / {spec.title.ru}")
    out.append("")
    out.append(f"- Direction: {_DIRECTION[spec.direction]}")
    out.append(f"- Severity: {spec.severity}")
    out.append(f"- Applies to: {'each charge' if spec.scope == 'charge' else 'each defendant'}")
    out.append("")
    out.append("**When it applies at all (premise).** Each of these must hold on known facts; otherwise the rule "
               "stays silent, whatever else is unknown:")
    out.append("")
    out.extend(_top_condition(rule.premise))
    out.append("")
    if rule.rest is not None:
        out.append("**What it then looks for.** The finding is confirmed when all of these hold on the known facts, "
                   "and possible (naming the facts to establish) when they would hold if the unknown facts went the "
                   "other way:")
        out.append("")
        out.extend(_top_condition(rule.rest))
    else:
        out.append("Nothing else: when the premise holds, the finding is confirmed.")
    out.append("")
    out.append(f"**What the finding says** (`{{...}}` is filled from the case). {_one_line(spec.explanation.en)}")
    out.append("")
    out.append(f"**Argument.** {_one_line(spec.argument.en)}")
    out.append("")
    if spec.counterfactual is not None:
        out.append(f"**Counterfactual.** {_one_line(spec.counterfactual.en)}")
        out.append("")
    out.append("**Legal basis.**")
    out.append("")
    out.extend(_citation_line(book, c) for c in spec.legal_basis)
    out.append("")
    out.append("**Appeal grounds.**")
    out.append("")
    if spec.appeal_grounds:
        out.extend(_citation_line(book, c) for c in spec.appeal_grounds)
    else:
        out.append("- none: the finding supports a complaint to the prosecutor or a policy argument, not an appeal")
    out.append("")
    if spec.pre_trial_remedy:
        out.append("**Against a decision of the investigator or the prosecutor.**")
        out.append("")
        out.extend(_citation_line(book, c) for c in spec.pre_trial_remedy)
        out.append("")
    if spec.notes:
        out.append(f"**Notes.** {_one_line(spec.notes)}")
        out.append("")
    out.append("**Example.**")
    out.append("")
    out.extend(_example_lines(spec.examples.positive[0]))
    out.append("")
    return out


def generate(rules_dir: Path | None = None) -> str:
    """The catalogue text for the rules (and statute data) under ``rules_dir``."""
    root = rules_dir or bundled_rules_dir()
    rule_set = load_rule_set(root)
    book = rule_set.book
    by_file: dict[str, list[Rule]] = {}
    for rule in rule_set.rules:
        by_file.setdefault(Path(rule.file).name, []).append(rule)
    out = [
        "# Rule catalogue",
        "",
        "Generated by `python -m sentencecheck.docs_gen` from `rules/*.yaml` and the statute data in `rules/law/`;",
        "do not edit by hand (`python -m sentencecheck.docs_gen --check` fails when this file is stale).",
        "",
        "Each rule screens one pattern. A finding is a reason to read the verdict, not a conclusion: *confirmed*",
        "means the known facts meet the rule, *possible* means they would if the facts still unknown went the",
        "other way (the finding lists them). Citations carry the confidence of the statute data and anything it",
        "marks as unconfirmed.",
        "",
        f"{len(rule_set.rules)} rules in {len(by_file)} files.",
        "",
        "| rule | direction | severity | file |",
        "|---|---|---|---|",
    ]
    for name, rules in sorted(by_file.items()):
        for rule in rules:
            out.append(f"| [`{rule.id}`](#{rule.id}) | {rule.spec.direction} | {rule.spec.severity} | `{name}` |")
    out.append("")
    for name, rules in sorted(by_file.items()):
        out.append(f"## `{name}`")
        out.append("")
        comment = _family_comment(root / name)
        if comment:
            out.append(comment)
            out.append("")
        for rule in rules:
            out.extend(_rule_section(rule, book))
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sentencecheck.docs_gen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the catalogue on disk is stale")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules/)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where the catalogue lives")
    args = parser.parse_args(argv)
    try:
        text = generate(args.rules)
    except SentencecheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    output: Path = args.output
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else None
        if current != text:
            print(f"{output} is stale: run `python -m sentencecheck.docs_gen`", file=sys.stderr)
            return 1
        print(f"{output} is up to date")
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
