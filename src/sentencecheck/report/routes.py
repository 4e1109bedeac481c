"""Where and by when a finding can be raised, from the instance, the decision's date and what the challenge seeks.

The periods are data (``CPC 418``: ``appeal_days``; ``CPC 487``: ``worsening_years``); the day count is ours and
is said to be: the research does not record the Code's rules for computing periods.  Where the research is silent
(a pre-trial complaint, a CAO decision, review after cassation), the route says so instead of guessing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sentencecheck.law.book import StatuteBook
from sentencecheck.model.case import Case
from sentencecheck.report.language import amount, day
from sentencecheck.report.model import Citation, Route
from sentencecheck.rules.model import Seeks

SMALL = ("criminal_misdemeanour", "small")
"""Categories CPC 484(2)(1) keeps out of cassation (except by a protest under CPC 484(3))."""

Cite = Callable[[str], Citation]

TEXT: dict[str, dict[str, str]] = {
    "ru": {
        "gap": "Пробел в законе: довод для правозащитной работы и предложений об изменении закона, а не основание "
               "обжалования.",
        "motion": "Заявление или ходатайство к органу уголовного преследования, прокурору или суду (о начале "
                  "преследования, о мерах в ходе производства — что именно, сказано в доводе): это не обжалование "
                  "решения, и срок для него в данных о законе, использованных программой, не установлен — подавайте "
                  "как можно раньше.",
        "administrative": "Постановление по делу об административном правонарушении: порядок и сроки его пересмотра "
                          "(КоАП РК) в данных о законе, использованных программой, не приведены — установите их до "
                          "подачи жалобы.",
        "pre_trial": "Постановление органа досудебного расследования или прокурора обжалуется прокурору или "
                     "следственному судье; статьи УПК РК и сроки такого обжалования в данных о законе, использованных "
                     "программой, не приведены — "
                     "установите их до подачи жалобы.",
        "after_cassation": "Решение вынесено в кассационном порядке или при пересмотре: дальнейший порядок "
                           "обжалования в данных о законе, использованных программой, не приведён.",
        "no_instance": "Инстанция, вынесшая решение, не указана, а от неё зависит порядок обжалования: приговор суда "
                       "первой инстанции обжалуется в апелляционном порядке (ст. 418 УПК РК), вступивший в силу — в "
                       "кассационном (ст. 484, 487 УПК РК).",
        "appeal_undated": "Апелляция: жалоба {who} подаётся через суд, вынесший приговор, в срок, установленный "
                          "ст. 418 УПК РК, со дня провозглашения (дата решения не указана).",
        "appeal_open": "Апелляция: жалоба {who} подаётся через суд, вынесший приговор, в течение {days} суток со дня "
                       "провозглашения — по нашему расчёту до {last} (ч. 1 ст. 418 УПК РК; {custody}).",
        "appeal_passed": "Апелляция: срок ({days} суток со дня провозглашения, ч. 1 ст. 418 УПК РК) истёк {last}; "
                         "пропущенный срок может быть восстановлен (ст. 419 УПК РК), без этого жалоба возвращается "
                         "(ч. 3 ст. 418 УПК РК); {custody}.",
        "custody": "для осуждённого, содержащегося под стражей, срок исчисляется со дня вручения ему копии приговора; "
                   "расчёт дня — наш, правила исчисления сроков в данных о законе, использованных программой, не "
                   "приведены",
        "cassation": "Кассация: {parts}.",
        "in_force_on_appeal": "апелляционное постановление вступает в силу с момента оглашения (ч. 4 ст. 471 УПК РК)",
        "protest_only": "приговор, не пересмотренный в апелляционном порядке, в кассационном порядке пересматривается "
                        "только по протесту Генерального Прокурора, его заместителей, Главного военного или Главного "
                        "транспортного прокурора (ч. 3 ст. 484 УПК РК)",
        "small": "дела об уголовных проступках и преступлениях небольшой тяжести пересматриваются в кассационном "
                 "порядке только по такому протесту (п. 1 ч. 2, ч. 3 ст. 484 УПК РК)",
        "improve": "жалоба, улучшающая положение осуждённого, подаётся без ограничения срока (ч. 1 ст. 487 УПК РК)",
        "protest_terms": "жалоба в этом случае не подаётся: к указанным прокурорам можно обратиться с просьбой о "
                         "принесении протеста (ч. 2 ст. 486 УПК РК); протест, улучшающий положение осуждённого, — без "
                         "ограничения срока (ч. 1 ст. 487 УПК РК), ухудшающий — не позднее {span} со дня вступления в "
                         "законную силу (ч. 2 ст. 487 УПК РК); основания такого протеста — ч. 2 ст. 485 УПК РК "
                         "(государственные или общественные интересы, национальная безопасность, тяжкие необратимые "
                         "последствия для жизни или здоровья; отбывание пожизненного лишения свободы; нарушение "
                         "единообразия толкования и применения права; п. 3 в данных о законе, использованных "
                         "программой, не приведён)",
        "improve_too": "улучшающая — без ограничения срока (ч. 1 ст. 487 УПК РК)",
        "worsen": "жалоба или протест, ухудшающие положение осуждённого, — не позднее {span} со дня вступления в "
                  "законную силу, без восстановления срока (ч. 2 ст. 487 УПК РК)",
        "span_one": "одного года",
        "span_other": "срока, установленного ч. 2 ст. 487 УПК РК",
        "worsen_open": " — по нашему расчёту до {last}",
        "worsen_passed": "; этот срок истёк {last}",
    },
    "en": {
        "gap": "A gap in the law: a point for advocacy and law reform, not a ground of appeal.",
        "motion": "A statement or request to the criminal-prosecution body, the prosecutor or the court (to start a "
                  "prosecution, or for a measure while the case is under way — the argument says which): not a "
                  "challenge of a decision, and the program's statute data sets no period for it — make it as early "
                  "as possible.",
        "administrative": "A decision in an administrative-offence case: how and by when it is reviewed (CAO) is "
                          "not in the statute data the program uses — establish it before filing.",
        "pre_trial": "A decision of the investigator or the prosecutor is challenged before the prosecutor or the "
                     "investigating judge; the CPC articles and periods for this are not in the statute data the "
                     "program uses — establish them before filing.",
        "after_cassation": "The decision was taken in cassation or on review: how it may be challenged further is "
                           "not in the statute data the program uses.",
        "no_instance": "The file does not say which instance decided, and the route depends on it: a first-instance "
                       "verdict is appealed (CPC 418), one in force is challenged in cassation (CPC 484, 487).",
        "appeal_undated": "Appeal: a complaint by {who}, filed through the trial court within the period of CPC 418 "
                          "from pronouncement (the decision's date is not stated).",
        "appeal_open": "Appeal: a complaint by {who}, filed through the trial court within {days} days of "
                       "pronouncement — by {last} on our count (CPC 418(1); {custody}).",
        "appeal_passed": "Appeal: the period ({days} days from pronouncement, CPC 418(1)) ended on {last}; a missed "
                         "period may be restored (CPC 419), otherwise the complaint is returned (CPC 418(3)); "
                         "{custody}.",
        "custody": "for a convicted person in custody, from delivery of a copy; the day count is ours, the Code's "
                   "rules for computing periods are not in the program's statute data",
        "cassation": "Cassation: {parts}.",
        "in_force_on_appeal": "the appeal decision takes effect when announced (CPC 471(4))",
        "protest_only": "a verdict not reviewed on appeal is reviewed in cassation only on a protest of the Prosecutor "
                        "General, his deputies, the Chief Military or the Chief Transport Prosecutor (CPC 484(3))",
        "small": "cases of criminal misdemeanours and small-gravity crimes are reviewed in cassation only on such a "
                 "protest (CPC 484(2)(1), 484(3))",
        "improve": "a complaint improving the convicted person's position has no time limit (CPC 487(1))",
        "protest_terms": "no complaint lies here: those prosecutors may be asked to bring a protest (CPC 486(2)); a "
                         "protest improving the convicted person's position has no time limit (CPC 487(1)), one "
                         "seeking a worsening must come within {span} of entry into force (CPC 487(2)); such a protest "
                         "lies only on the grounds of CPC 485(2) (state or public interests, national security, grave "
                         "irreversible consequences for life or health; a person serving life; a breach of uniform "
                         "interpretation; item 3 is not in the program's statute data)",
        "improve_too": "one improving the convicted person's position has no time limit (CPC 487(1))",
        "worsen": "a complaint or protest seeking a worsening within {span} of entry into force, not restorable "
                  "(CPC 487(2))",
        "span_one": "one year",
        "span_other": "the period of CPC 487(2)",
        "worsen_open": " — by {last} on our count",
        "worsen_passed": "; that period ended on {last}",
    },
}
WHO = {
    "worsening": {"ru": "потерпевшего или его представителя либо апелляционное ходатайство прокурора",
                  "en": "the victim or the victim's representative, or the prosecutor's appeal motion"},
    "improvement": {"ru": "осуждённого, его защитника или законного представителя",
                    "en": "the convicted person, the defender or the legal representative"},
    "either": {"ru": "стороны, чьё положение улучшит пересмотр (осуждённого и защитника либо потерпевшего и "
                     "прокурора)",
               "en": "the party whose position a review would improve (the convicted person and the defender, or the "
                     "victim and the prosecutor)"},
}


def _int_param(book: StatuteBook, authority: str, name: str) -> int | None:
    found = book.authorities.get(authority)
    value = found.parameters.get(name) if found else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _plus_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def routes(case: Case, seeks: Seeks | None, category: str | None, book: StatuteBook, as_of: date, lang: str,
           cite: Cite) -> list[Route]:
    """The ways to raise a finding, in the order a lawyer would use them."""
    t = TEXT[lang]
    p = case.proceeding
    if seeks is None:
        return [Route(forum="none", text=t["gap"])]
    if seeks == "motion":
        return [Route(forum="motion", text=t["motion"])]
    if any(c.code == "CAO" for d in case.defendants for c in d.charges):
        return [Route(forum="administrative", text=t["administrative"])]
    if p.instance == "pre_trial":
        return [Route(forum="pre_trial", text=t["pre_trial"])]
    if p.instance in ("cassation", "review"):
        return [Route(forum="unknown", text=t["after_cassation"])]
    if p.instance is None:
        return [Route(forum="unknown", text=t["no_instance"],
                      basis=[cite("CPC 418"), cite("CPC 484"), cite("CPC 487")])]
    out: list[Route] = []
    if p.instance == "first_instance":
        out.append(_appeal(p.decision_date, seeks, book, as_of, lang, cite))
    out.append(_cassation(p.instance == "appeal", p.decision_date, seeks, category, book, as_of, lang, cite))
    return out


def _appeal(decided: date | None, seeks: Seeks, book: StatuteBook, as_of: date, lang: str, cite: Cite) -> Route:
    t = TEXT[lang]
    days = _int_param(book, "CPC 418", "appeal_days")
    basis = [cite("CPC 414"), cite("CPC 418")]
    who = WHO[seeks][lang]
    if days is None or decided is None:
        return Route(forum="appeal", basis=basis, text=t["appeal_undated"].format(who=who))
    last = decided + timedelta(days=days)
    passed = last < as_of
    text = t["appeal_passed" if passed else "appeal_open"].format(who=who, days=days, last=day(last, lang),
                                                                   custody=t["custody"])
    return Route(forum="appeal", text=text, deadline=last.isoformat(), passed=passed, basis=basis)


def _cassation(after_appeal: bool, decided: date | None, seeks: Seeks, category: str | None, book: StatuteBook,
               as_of: date, lang: str, cite: Cite) -> Route:
    t = TEXT[lang]
    # cited in reading order, so that a report's appendix is numbered in that order from the start (no renumbering)
    basis = [cite("CPC 471")] if after_appeal else []
    basis += [cite("CPC 484"), cite("CPC 486"), cite("CPC 487")]
    parts = [t["in_force_on_appeal" if after_appeal else "protest_only"]]
    if category in SMALL:
        parts.append(t["small"])
    years = _int_param(book, "CPC 487", "worsening_years")
    if years == 1:
        span = t["span_one"]
    else:
        span = t["span_other"] if years is None or lang == "ru" else amount(years, "years", lang)
    if not after_appeal or category in SMALL:  # CPC 484(2)(1), 484(3): only a protest, on CPC 485(2) grounds
        basis.append(cite("CPC 485"))
        parts.append(t["protest_terms"].format(span=span))
        return Route(forum="cassation", text=t["cassation"].format(parts="; ".join(parts)), basis=basis)
    deadline: str | None = None
    passed: bool | None = None
    if seeks == "improvement":
        parts.append(t["improve"])
    else:
        head = t["worsen"].format(span=span)
        if years is not None and decided is not None:
            last = _plus_years(decided, years)
            deadline, passed = last.isoformat(), last < as_of
            head += t["worsen_passed" if passed else "worsen_open"].format(last=day(last, lang))
        parts.append(head)
        if seeks == "either":
            parts.append(t["improve_too"])
    return Route(forum="cassation", text=t["cassation"].format(parts="; ".join(parts)), deadline=deadline,
                 passed=passed, basis=basis)
