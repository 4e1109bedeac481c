"""A seeded generator of realistic synthetic cases (JSON-lines-compatible dicts).

Articles and parts come from the rule set's statute data, so charges are ones the rules know.

    python bench/generate.py 1000 --rules DIR --seed 1 > cases.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from sentencecheck.rules.load import default_rule_set, load_rule_set
from sentencecheck.rules.model import RuleSet

RELATIONSHIPS = ["spouse", "former_spouse", "partner", "parent", "child", "acquaintance", "stranger", "other_relative"]
OUTCOMES = ["convicted"] * 8 + ["acquitted", "dismissed", "reconciliation"]
KINDS = ["imprisonment"] * 6 + ["conditional", "restriction_of_liberty", "fine", "corrective_labour"]
COURTS = [f"District court {i}" for i in range(1, 41)] + ["City court Almaty", "City court Astana"]


def articles(rule_set: RuleSet) -> list[tuple[str, str, str | None]]:
    out = []
    for (code, article), art in sorted(rule_set.book.articles.items()):
        for part in art.parts:
            out.append((code, article, part.part))
    return out


def generate(n: int, rule_set: RuleSet, seed: int = 20240611) -> Iterator[dict[str, object]]:
    rnd = random.Random(seed)
    arts = articles(rule_set)
    for i in range(n):
        code, article, part = rnd.choice(arts)
        outcome = rnd.choice(OUTCOMES)
        year = rnd.randint(2015, 2024)
        d: dict[str, object] = {
            "id": "d1",
            "name": f"Defendant {i}",
            "sex": rnd.choice(["male"] * 4 + ["female"]),
            "age": rnd.randint(18, 70),
            "law_enforcement_officer": rnd.random() < 0.05,
            "prior_convictions": rnd.choice([True, False, None]),
            "charges": [{"code": code, "article": article, "part": part, "source": []}],
            "outcome": {"kind": outcome, "source": []},
            "mitigating_recognised": rnd.choice([None, [], [3], [9, 10]]),
            "source": [],
        }
        if outcome == "convicted":
            kind = rnd.choice(KINDS)
            term: dict[str, float] = {"years": rnd.randint(0, 15)} if kind in ("imprisonment", "conditional",
                                                                                "restriction_of_liberty") else {}
            if kind == "fine":
                term = {"mci": rnd.randint(50, 5000)}
            if kind == "corrective_labour":
                term = {"months": rnd.randint(1, 24)}
            d["sentence"] = {"kind": kind, "term": term, "source": []}
        death = rnd.random() < 0.3
        case: dict[str, object] = {
            "id": f"gen-{seed}-{i:07d}",
            "proceeding": {"court": rnd.choice(COURTS), "instance": rnd.choice(["first_instance"] * 5 + ["appeal"]),
                           "decision_date": f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                           "source": []},
            "defendants": [d],
            "victims": [{"id": "v1", "name": f"Victim {i}", "sex": rnd.choice(["female", "male"]),
                         "age": rnd.randint(1, 90), "relationship": {"d1": rnd.choice(RELATIONSHIPS)},
                         "deceased": death, "source": []}],
            "harm": [{"victim": "v1", "death": death,
                      "severity": None if death else rnd.choice(["light", "moderate", "grievous"]),
                      "weapon": rnd.choice(["none", "knife", "blunt_object", None]), "source": []}],
            "history": {"abuse": rnd.choice([None, [], [{"by": "d1", "against": "v1", "source": []}],
                                             [{"by": "d1", "against": "v1", "occurred": False, "source": []}]]),
                        "police_complaints": [{"by": "v1", "against": "d1", "police_action": "none", "source": []}
                                              for _ in range(rnd.choice([0, 0, 1, 3]))],
                        "source": []},
        }
        if rnd.random() < 0.1:
            case["self_defence"] = {"defender": "d1", "attacker": "v1", "attack_in_progress": True,
                                    "defender_means": "knife", "source": []}
        yield case


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=20240611)
    p.add_argument("--rules", type=Path, default=None)
    a = p.parse_args()
    rs = load_rule_set(a.rules) if a.rules else default_rule_set()
    for case in generate(a.n, rs, a.seed):
        sys.stdout.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
