"""A draft as the YAML case file `check` reads, opening with what the lawyer must still do; and redaction of the
names in a draft, fields and quoted passages alike, with one placeholder per person."""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

from sentencecheck.extract.draft import Draft

_HEADER = {
    "en": "Drafted by `sentencecheck extract` from {document}. Every value was read from the passage its source (in "
          "`sources`) quotes; `extraction.values` maps each field to that passage. Nothing was guessed: what the "
          "text does not state is absent. Check every value against the decision before relying on the report, "
          "then set extraction.reviewed: true (`sentencecheck interview FILE` shows each value beside its passage).",
    "ru": "Черновик составлен программой (sentencecheck extract) по тексту {document}. Каждое значение взято из "
          "фрагмента, который цитирует его источник (раздел sources); extraction.values связывает поле с "
          "фрагментом. Ничего не додумано: чего нет в тексте, того нет и в файле. Сверьте каждое значение с "
          "решением, прежде чем полагаться на отчёт, затем поставьте extraction.reviewed: true (проверка в "
          "браузере: sentencecheck interview ФАЙЛ).",
}
_NOT_FOUND = {"en": "Not found in the text (fill in if the decision states it):",
              "ru": "Не найдено в тексте (заполните, если решение это указывает):"}
_INVALID = {"en": "The draft does not load yet; complete these fields:",
            "ru": "Черновик пока не загружается; заполните поля:"}
_DROPPED = {"en": "Read but left out, because the file would not load with them:",
            "ru": "Прочитано, но не внесено, так как с этими значениями файл не загружается:"}


class _Dumper(yaml.SafeDumper):
    """Block style, but short lists of numbers and `source` lists inline, as the project's case files write them."""


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, int | float | str) for x in data) and len(data) <= 8
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)


def to_yaml(draft: Draft, lang: str = "en") -> str:
    """The draft as commented YAML."""
    lines = textwrap.wrap(_HEADER[lang].format(document=draft.document), 116, break_on_hyphens=False)
    for title, items in ((_INVALID, draft.problems), (_NOT_FOUND, draft.not_found), (_DROPPED, draft.dropped)):
        if items:
            lines.append(title[lang])
            lines.extend(f"  - {item}" for item in items)
    head = "".join(f"# {line}\n".replace("# \n", "#\n") for line in lines)
    body = yaml.dump(draft.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    return head + body


def redact_draft(draft: Draft) -> None:
    """Replace every person's name in the draft's fields and quoted passages by a placeholder («[ЛИЦО 1]»), the same
    person getting the same placeholder throughout (natasha's recogniser, offline)."""
    from sentencecheck.extract.redaction import Redactor

    redactor = Redactor()
    for section in ("defendants", "victims"):
        for party in draft.data.get(section, []):
            if party.get("name"):
                party["name"] = redactor.placeholder(party["name"])
    for source in draft.data.get("sources", {}).values():
        if source.get("quote"):
            source["quote"] = redactor.redact(source["quote"])
