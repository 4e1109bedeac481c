"""`--redact`: no name, id or free text of a case file in any output of `check` or `audit`, keyed pseudonyms.

Issue 9, finding 5, as measured: source documents, sections, paragraphs, URLs and source ids unchanged in all
four `check` formats; party ids inside `rejected.jsonl` messages; court names carrying a judge's name in
`cases.csv`; pseudonyms an unsalted `sha256(id)[:8]`, so a guessed id could be confirmed.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from samples import CASE
from sentencecheck.batch.cli import audit
from sentencecheck.cli import main
from sentencecheck.report.redact import court_kind, load_key, pseudonym, scrub, scrub_path, secrets_in

MARK = "Plantedname"
"""In every planted name (``Zhanar Plantedname``); ids carry ``plantedid``."""
LEAKS = (MARK.encode(), b"plantedid", b"Zhanar", "Алмалинск".encode())


@pytest.fixture(autouse=True)
def _no_real_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default key lives under $XDG_CONFIG_HOME: never the real home's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def planted() -> dict[str, Any]:
    """The sample case with a planted name, id or text in every field that can hold one."""
    text = CASE.read_text(encoding="utf-8").replace("orda", "plantedid-src").replace("wife", "plantedid-wife")
    data: dict[str, Any] = yaml.safe_load(text.replace("husband", "plantedid-husband"))
    name = f"Zhanar {MARK}"
    data["id"] = "plantedid-case"
    data["title"] = f"Дело {name}"
    data["summary"] = f"{name} was convicted."
    data["sources"]["plantedid-src"] = {
        "document": f"Приговор по делу {name}", "publication": f"Газета {name}", "section": f"Раздел {name}",
        "paragraph": f"абзац {name}", "url": f"https://court.example/{MARK}", "quote": f"«{name} сказала»"}
    data["proceeding"].update({"court": f"Алмалинский районный суд г. Алматы (судья {name})",
                               "earlier_decision": f"plantedid-{MARK}-2023", "decision_date": "2023-05-02",
                               "offence_date": "2022-10-01"})
    wife = data["defendants"][0]
    wife["name"] = name
    wife["outcome"]["ground"] = f"ст. 99 УК РК, {name}"
    wife["charges"][0].update({"article": "99", "part": "1", "facts_support": {"code": "CC", "article": "99"},
                               "facts_support_reason": f"{name} defended herself"})
    wife["earlier"] = {"court": f"суд, судья {name}", "instance": "first_instance"}
    second = {"id": "plantedid-sister", "name": f"Aigul {MARK}", "sex": "female", "outcome": "convicted",
              "charges": [{"code": "CC", "article": "99", "part": "1"}],
              "acted_together_with": ["plantedid-wife"]}
    wife["acted_together_with"] = ["plantedid-sister"]
    data["defendants"].append(second)
    data["victims"][0]["name"] = f"Serik {MARK}"
    data["victims"][0]["relationship"]["plantedid-sister"] = "other_relative"
    data["harm"][0]["caused_by"] = ["plantedid-wife"]
    history = data["history"]
    history["protective_orders"] = [{"against": "plantedid-husband", "violated": True}]
    history["admin_penalties"] = [{"against": "plantedid-husband", "date": "2022-05-01"}]
    for finding in data["expected_findings"]:
        finding["note"] = f"{name}: note"
    return data


def _check(tmp_path: Path, *args: str) -> tuple[int, bytes]:
    """Exit code and output of `check` on the planted case (a docx: every part of the archive, unzipped)."""
    case = tmp_path / "planted.yaml"
    case.write_text(yaml.safe_dump(planted(), allow_unicode=True), encoding="utf-8")
    out = tmp_path / f"report-{len(list(tmp_path.glob('report-*')))}.out"
    result = CliRunner().invoke(main, ["check", str(case), "--engine", "python", "--as-of", "2024-01-01",
                                       "-o", str(out), *args])
    assert result.exit_code in (0, 1), result.output
    if "docx" in args:
        with zipfile.ZipFile(out) as z:
            return result.exit_code, b"".join(z.read(n) for n in sorted(z.namelist()))
    return result.exit_code, out.read_bytes()


def _leaks(data: bytes) -> list[bytes]:
    return [leak for leak in LEAKS if leak in data]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "docx", "summary"])
def test_check_redacts_every_field_in_every_format(tmp_path: Path, fmt: str, lang: str) -> None:
    key = tmp_path / "my.key"
    how = ["--summary", "--format", "markdown"] if fmt == "summary" else ["--format", fmt]
    _, plain = _check(tmp_path, *how, "--lang", lang)
    code, data = _check(tmp_path, *how, "--lang", lang, "--redact-key", str(key))
    assert code == 1
    assert _leaks(plain), "the planted names must be in the unredacted report, or this test proves nothing"
    assert _leaks(data) == []
    shown = data.decode("utf-8", "replace")
    assert pseudonym("case", "plantedid-case", key.read_bytes().strip()) in shown
    if fmt != "summary":
        assert ("Подсудимая 1" if lang == "ru" else "Defendant 1") in shown


def test_check_json_redacted_fields(tmp_path: Path) -> None:
    """The sources, the court and the facts a report shows, as they read redacted."""
    _, data = _check(tmp_path, "--format", "json", "--lang", "ru", "--redact-key", str(tmp_path / "k"))
    report = json.loads(data)
    assert report["sources"] == {"S1": "Документ 1"}
    assert report["court"] == "районный суд"
    assert report["title"] is None
    assert {f["defendant"] for f in report["findings"]} <= {"Подсудимая 1", "Подсудимая 2"}
    assert {s for f in report["findings"] for u in f["facts_used"] for s in u["sources"]} == {"S1"}
    assert any(q.startswith("Потерпевший 1") and "Подсудимая 2" in a for q, a in report["facts"])


def test_redaction_does_not_change_the_screening(tmp_path: Path) -> None:
    _, plain = _check(tmp_path, "--format", "json")
    _, redacted = _check(tmp_path, "--format", "json", "--redact-key", str(tmp_path / "k"))
    rules = [[(f["rule"], f["confidence"], f["direction"]) for f in json.loads(d)["findings"]]
             for d in (plain, redacted)]
    assert rules[0] == rules[1] and rules[0]


def _audit(tmp_path: Path, out: Path, *args: str) -> Any:
    return CliRunner().invoke(audit, [str(tmp_path / "in"), "--out", str(out), "--engine", "python", "--jobs", "1",
                                      "--as-of", "2024-01-01", *args])


def _audit_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = planted()
    bad = copy.deepcopy(good)
    bad["id"] = "plantedid-bad"
    bad["victims"][0]["relationship"]["plantedid-ghost"] = "spouse"  # an unknown defendant: a cross-reference error
    bad["defendants"][1]["sex"] = f"Zhanar {MARK}"  # a name in a choice field
    worse = copy.deepcopy(good)
    worse["id"] = "plantedid-worse"
    worse["victims"][0]["relationship"] = {"plantedid-wife": "spouse", "plantedid-wife2": "spouse"}
    (folder / "cases.jsonl").write_text("".join(json.dumps(c, ensure_ascii=False) + "\n"
                                                for c in (good, bad, worse)), encoding="utf-8")
    (folder / "broken.yaml").write_text(f"id: plantedid-dup\nid: {MARK}\n", encoding="utf-8")
    header = ["case_id", "court", "instance", "decision_date", "defendant_name", "defendant_sex", "charge_article",
              "charge_part", "outcome", "sentence_kind", "sentence_years", "victim_name", "victim_relationship",
              "harm_death", "police_complaints"]
    row = ["plantedid-row", f"Алмалинский районный суд, судья Zhanar {MARK}", "first_instance", "2021-02-03",
           f"Zhanar {MARK}", "female", "99", "1", "convicted", "imprisonment", "8", f"Serik {MARK}", "spouse",
           "true", "2"]
    bad_row = [*row[:5], f"Aigul {MARK}", *row[6:]]
    with (folder / "t.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, row, bad_row])


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_audit_redacts_every_output_file(tmp_path: Path) -> None:
    _audit_inputs(tmp_path)
    plain = tmp_path / "plain"
    assert _audit(tmp_path, plain).exit_code == 0
    assert _leaks((plain / "cases.csv").read_bytes()) and _leaks((plain / "rejected.jsonl").read_bytes())
    out = tmp_path / "out"
    key = tmp_path / "audit.key"
    result = _audit(tmp_path, out, "--redact-key", str(key))
    assert result.exit_code == 0, result.output
    files = _files(out)
    assert any(name.startswith("plots/") for name in files)
    assert {name: _leaks(data) for name, data in files.items() if _leaks(data)} == {}
    rows = list(csv.DictReader((out / "cases.csv").open(encoding="utf-8")))
    assert [r["court"] for r in rows] == ["district court", "district court"]
    secret = key.read_bytes().strip()
    assert [r["case_id"] for r in rows] == [pseudonym("case", i, secret) for i in ("plantedid-case", "plantedid-row")]
    rejected = [json.loads(line) for line in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rejected) == 4
    messages = " ".join(p["message"] + p["path"] for r in rejected for p in r["problems"])
    assert "[redacted]" in messages and "unknown defendant" in messages
    assert pseudonym("case", "plantedid-bad", secret) in {r["case_id"] for r in rejected}


def test_audit_same_key_same_bytes_other_key_other_pseudonyms(tmp_path: Path) -> None:
    _audit_inputs(tmp_path)
    key = tmp_path / "k1"
    runs = []
    for name, k in (("a", key), ("b", key), ("c", tmp_path / "k2")):
        assert _audit(tmp_path, tmp_path / name, "--redact-key", str(k)).exit_code == 0
        runs.append(_files(tmp_path / name))
    assert runs[0] == runs[1]
    assert runs[0]["cases.csv"] != runs[2]["cases.csv"]


def test_pseudonyms_are_keyed() -> None:
    """Measured: ``sha256(id)[:8]``, so anyone could confirm a guessed id."""
    guess = hashlib.sha256(b"plantedid-case").hexdigest()
    a, b = pseudonym("case", "plantedid-case", b"k" * 32), pseudonym("case", "plantedid-case", b"j" * 32)
    assert a != b and a.startswith("case-") and len(a) == len("case-") + 12
    assert guess[:8] not in a and guess[:12] not in a
    assert a == pseudonym("case", "plantedid-case", b"k" * 32)


def test_key_file_created_private_and_reused(tmp_path: Path) -> None:
    first = load_key()
    assert first.created and first.path == tmp_path / "config" / "sentencecheck" / "redact.key"
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    again = load_key()
    assert (again.created, again.secret) == (False, first.secret)
    assert "secret" not in repr(first) and first.secret.decode() not in repr(first)


def test_default_key_outside_home_with_check(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(CASE), "--engine", "python", "--redact", "--format", "json"])
    assert result.exit_code == 1
    assert "created the redaction key" in result.stderr
    assert (tmp_path / "config" / "sentencecheck" / "redact.key").is_file()


def test_unsafe_keys_refused(tmp_path: Path) -> None:
    _audit_inputs(tmp_path)
    loose = tmp_path / "loose.key"
    loose.write_text("x" * 64)
    os.chmod(loose, 0o644)
    short = tmp_path / "short.key"
    short.write_text("abc")
    os.chmod(short, 0o600)
    fifo = tmp_path / "fifo.key"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    for key, words in ((loose, "chmod 600"), (short, "not a redaction key"), (fifo, "regular file"),
                       (out / "inside.key", "outside the outputs")):
        result = _audit(tmp_path, out, "--redact-key", str(key))
        assert result.exit_code == 2, result.output
        assert words in result.stderr and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["check", str(CASE), "--redact-key", str(loose)])
    assert result.exit_code == 2 and "chmod 600" in result.stderr


def test_court_kind_never_repeats_the_name() -> None:
    assert court_kind("Алмалинский районный суд г. Алматы (судья Иванова А.Б.)", "ru") == "районный суд"
    assert court_kind("Специализированный межрайонный суд по уголовным делам", "en") == "inter-district court"
    assert court_kind("Алматинский городской суд", "ru") == "городской суд"
    assert court_kind("Суд Петрова", "ru") == "суд (вид не распознан)"
    assert court_kind(None, "en") is None


def test_scrub_messages_and_paths() -> None:
    data = {"id": "c1", "victims": [{"id": "v1", "relationship": {"Zhanar": "spouse"}}], "sex": "Aigul B."}
    found = secrets_in(data)
    assert "spouse" not in found and "Zhanar" in found
    message = "victim v1: relationship names unknown defendant 'Zhanar'; 'Aigul B.' is not one of the choices, " \
              "did you mean 'female'?"
    scrubbed = scrub(message, found)
    assert "Zhanar" not in scrubbed and "Aigul" not in scrubbed and "v1" not in scrubbed
    assert "'female'" in scrubbed and "unknown defendant" in scrubbed
    assert scrub("'Unknown Person' given twice") == "'[redacted]' given twice"
    assert scrub_path("victims[0].relationship.Zhanar") == "victims[0].relationship.[redacted]"
