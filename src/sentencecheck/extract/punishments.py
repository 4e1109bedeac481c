"""Punishments a verdict imposes, read from its Russian text: «8 (восемь) лет лишения свободы с отбыванием
наказания в учреждении уголовно-исполнительной системы средней безопасности», «штраф в размере 20 (двадцати)
месячных расчётных показателей», «административный арест сроком на 10 (десять) суток», «наказание считать условным
с испытательным сроком 2 (два) года».

A punishment is read only with its term or amount where it has one (a kind named without it, «назначить наказание в
виде лишения свободы», is the court's reasoning, not a sentence); life imprisonment, a warning and the additional
punishments need none.  Not read: a sanction («наказывается …», «санкция … предусматривает …»), a range («от 8 до 15
лет», «на срок до 2 лет»), a negated punishment («лишение свободы не назначать», «оснований для назначения штрафа не
имеется», «без конфискации имущества»), the credit for time held («из расчёта один день … за один день лишения
свободы»), house arrest."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal, cast, get_args

from sentencecheck.extract.citations import sentence_starts
from sentencecheck.extract.numbers import NUMBER, number_value
from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.model.case import SentenceKind

AdditionalKind = Literal["deprivation_of_right", "deprivation_of_title", "confiscation", "expulsion"]
"""Punishments the model has no kind for; they come as additional punishments."""

_SENTENCE_KINDS: frozenset[str] = frozenset(get_args(SentenceKind))
_ALWAYS_ADDITIONAL: frozenset[str] = frozenset({"deprivation_of_right", "deprivation_of_title", "confiscation"})
_NEEDS_NO_TERM: frozenset[str] = frozenset({"life", "warning", *get_args(AdditionalKind)})


@dataclass(frozen=True)
class Punishment:
    """One punishment as the text states it.  ``mci`` is an amount in МРП (monthly calculation index), ``money`` an
    amount in ``currency`` («тенге» KZT, «рублей» RUB); ``facility`` is the regime as written («средней
    безопасности», «общего режима»).  ``additional`` marks an additional punishment («с лишением права занимать
    должности …»), ``final`` one fixed «окончательно» (for a set of offences or sentences).  A conditional sentence
    has kind ``conditional``, the suspended term in ``years``/``months`` and the probation in ``probation_*``; one
    stated apart from its term (in another paragraph) has no term: join it with :func:`apply_conditional`.
    ``at`` is where the quote starts in the paragraph's text; it takes no part in equality."""

    kind: SentenceKind | AdditionalKind
    years: float | None = None
    months: float | None = None
    days: float | None = None
    hours: float | None = None
    mci: float | None = None
    money: float | None = None
    currency: Literal["KZT", "RUB"] | None = None
    probation_years: float | None = None
    probation_months: float | None = None
    facility: str | None = None
    additional: bool = False
    final: bool = False
    at: int = field(default=0, compare=False)


# --- terms and amounts ---------------------------------------------------------------------------------------------

_YEARS = r"(?:год(?:ами|ам|ах|ом|а|у|ы)?|лет)(?![а-яё])"
_MONTHS = r"(?:месяц(?:ами|ам|ах|ем|ев|а|у|ы)?)(?![а-яё])"
_DAYS = r"(?:сут(?:ками|кам|ках|ки|ок)|д(?:ень|ням|нями|нях|нём|нем|ней|ня|ню|ни))(?![а-яё])"
_HOURS = r"(?:час(?:ами|ам|ах|ом|ов|а|у|ы)?)(?![а-яё])"
_HALF_YEAR = r"пол(?:у)?года(?![а-яё])"
_JOIN = r"(?:\s*,\s*|\s+и\s+|\s*)"
# A term: years, months, days, hours in that order, each at most once («1 (один) год 6 (шесть) месяцев»).
_TERM = rf"""(?:
    (?=(?:{NUMBER})\s*(?:{_YEARS}|{_MONTHS}|{_DAYS}|{_HOURS})|{_HALF_YEAR})
    (?:(?:{NUMBER})\s*{_YEARS})?
    (?:{_JOIN}(?:(?:{NUMBER})\s*{_MONTHS}|{_HALF_YEAR}))?
    (?:{_JOIN}(?:{NUMBER})\s*{_DAYS})?
    (?:{_JOIN}(?:{NUMBER})\s*{_HOURS})?
)"""
_TERM_PARTS = re.compile(
    rf"""\s*(?:(?P<y>{NUMBER})\s*{_YEARS})?
    (?:{_JOIN}(?:(?P<m>{NUMBER})\s*{_MONTHS}|(?P<half>{_HALF_YEAR})))?
    (?:{_JOIN}(?P<d>{NUMBER})\s*{_DAYS})?
    (?:{_JOIN}(?P<h>{NUMBER})\s*{_HOURS})?\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_MCI = r"(?:МРП|М\.Р\.П\.|месячн\w*\s+расч[её]тн\w*\s+показател\w*)"
_TENGE = r"тенге"
_RUBLES = r"(?:руб(?:лей|ля|ль)(?![а-яё])|руб\.)"
_THOUSANDS = r"(?:\s+тыс(?:яч[аи]?|\.))?"
_AMOUNT = rf"(?:(?:{NUMBER}){_THOUSANDS}\s*(?:{_MCI}|{_TENGE}|{_RUBLES}))"
_AMOUNT_PARTS = re.compile(
    rf"(?P<n>{NUMBER})(?P<k>{_THOUSANDS})\s*(?:(?P<mci>{_MCI})|(?P<kzt>{_TENGE})|(?P<rub>{_RUBLES}))",
    re.IGNORECASE | re.VERBOSE,
)

# What may stand between a kind and its term or amount: «сроком на», «на срок», «в размере», «в сумме».
_LINK = r"\s*,?\s*(?:сроком|на\s+срок|срок(?:ом)?)?\s*(?:на|в\s+размере|в\s+сумме|размером|в\s+количестве)?\s*"
_TERM_AFTER = re.compile(rf"{_LINK}(?P<term>{_TERM})", re.IGNORECASE | re.VERBOSE)
_AMOUNT_AFTER = re.compile(
    rf"{_LINK}(?P<amount>{_AMOUNT})(?:\s*,?\s*(?:что\s+составляет|что\s+равно|в\s+сумме|или)\s*(?P<equal>{_AMOUNT}))?",
    re.IGNORECASE | re.VERBOSE,
)
_TERM_BEFORE = re.compile(rf"(?P<term>{_TERM})\s*$", re.IGNORECASE | re.VERBOSE)
# A number after these is a limit or a range, not a sentence («на срок до 2 лет»); after «за», a credit rate.
_NOT_A_SENTENCE_BEFORE = re.compile(r"(?<![а-яё])(?:до|от|свыше|более|менее|за|не\s+более|не\s+менее)\s*$",
                                    re.IGNORECASE)
# The term of a deprivation of a right comes after the right's description: «… на государственной службе сроком на
# 3 (три) года».
_RIGHT_TERM = re.compile(rf"[^.;()]{{0,200}}?(?:сроком|на\s+срок)\s*(?:на\s*)?(?P<term>{_TERM})",
                         re.IGNORECASE | re.VERBOSE)

# --- kinds ---------------------------------------------------------------------------------------------------------

_KIND = re.compile(
    r"""(?<![а-яё])(?:
      (?P<admin_arrest>административн\w*\s+арест(?:а|у|ом|е)?)(?![а-яё])
    | (?P<admin_fine>административн\w*\s+штраф(?:а|у|ом|е|ы|ов)?)(?![а-яё])
    | (?P<life>пожизненн\w*\s+лишени\w*\s+свобод\w*)
    | (?P<deprivation_of_right>(?:пожизненн\w*\s+)?лишени\w*\s+(?:специальн\w*\s+)?прав(?:а|ом)?)(?![а-яё])
    | (?P<imprisonment>лишени(?:е|я|ю|ем|и)\s+свобод(?:ы|е|ой|у))(?![а-яё])
    | (?P<restriction_of_liberty>ограничени(?:е|я|ю|ем|и)\s+свобод(?:ы|е|ой|у))(?![а-яё])
    | (?P<deprivation_of_title>лишени\w*\s+(?:(?!свобод)[^.;()]){0,60}?звани[яйе]\w*)
    | (?P<confiscation>конфискаци\w*\s+имуществ\w*)
    | (?P<expulsion>выдворени\w*)
    | (?P<corrective_labour>исправительн\w*\s+работ\w*)
    | (?P<community_work>(?:привлечени\w*\s+к\s+)?(?:общественн|обязательн)\w*\s+работ\w*)
    | (?P<arrest>арест(?:а|у|ом|е)?)(?![а-яё])
    | (?P<fine>штраф(?:а|у|ом|е|ы|ов)?)(?![а-яё])
    | в\s+виде\s+(?P<warning>предупреждени[ея])(?![а-яё])
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_HOUSE = re.compile(r"(?<![а-яё])домашн\w*\s+$", re.IGNORECASE)
_WITHOUT = re.compile(r"(?<![а-яё])без\s+$", re.IGNORECASE)  # «без конфискации имущества», «без штрафа»
_ADDITIONAL_BEFORE = re.compile(
    r"(?<![а-яё])(?:дополнительн\w*\s+(?:наказани\w*\s+)?(?:в\s+виде\s+)?|со?\s+)$", re.IGNORECASE
)
# A sentence stating a sanction, or the credit for time held, states no punishment.
_NOT_IMPOSED = re.compile(
    r"(?<![а-яё])(?:наказыва\w*|санкци\w*|предусматрива\w*\s+(?:наказани|ответственност)\w*|из\s+расч[её]та|"
    r"зач[её]т\w*|зачесть|засчитать)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"(?<![а-яё])(?:не\s+(?:назнач|применя|может\s+быть\s+назначен|подлежит|имеется|усматрива|находит)\w*"
    r"|нет\s+оснований)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:]")
_FINAL = re.compile(r"(?<![а-яё])окончательн\w*", re.IGNORECASE)
_FACILITY = re.compile(
    r"""\s*,?\s*(?:с\s+отбыв\w*(?:\s+наказани\w*)?\s+)?(?:в|во)\s+[^.;]{0,100}?(?P<facility>
        (?:минимальн|средн|максимальн|чрезвычайн)\w*\s+безопасност\w*
      | (?:общ|строг|особ)\w*\s+режим\w*
      | колони\w*[-‑]поселени\w*
      | воспитательн\w*\s+колони\w*
      | тюрьм\w*)""",
    re.IGNORECASE | re.VERBOSE,
)
_CONDITIONAL = re.compile(r"(?<![а-яё])условн(?:ым|ое|ого|ому|ом|ая|ой|ую|ые|ых|о)(?![а-яё‑-])", re.IGNORECASE)
_CANCEL = re.compile(r"(?<![а-яё])отмен\w*", re.IGNORECASE)  # «отменить условное осуждение» (RU_CC 74)
_PROBATION = re.compile(
    rf"(?:испытательн\w*\s+срок\w*|пробационн\w*\s+контрол\w*)\s*,?\s*"
    rf"(?:сроком|на\s+срок|продолжительностью|в\s+течение)?\s*(?:на|в)?\s*(?P<term>{_TERM})",
    re.IGNORECASE | re.VERBOSE,
)


_SUSPENDABLE = frozenset({"imprisonment", "restriction_of_liberty", "corrective_labour"})


@dataclass(frozen=True)
class _Measure:
    """A term or an amount as read, and the span of text that states it together with its kind."""

    start: int
    end: int
    years: float | None = None
    months: float | None = None
    days: float | None = None
    hours: float | None = None
    mci: float | None = None
    money: float | None = None
    currency: Literal["KZT", "RUB"] | None = None


def _read_term(written: str, start: int, end: int) -> _Measure | None:
    """A term («1 (один) год 6 (шесть) месяцев», «полгода»); None if a number is unreadable or out of range."""
    match = _TERM_PARTS.fullmatch(written)
    if match is None:
        return None
    values = {k: number_value(match[k]) if match[k] else None for k in ("y", "m", "d", "h")}
    if any(match[k] and values[k] is None for k in values):
        return None
    term = _Measure(start, end, values["y"], 6.0 if match["half"] else values["m"], values["d"], values["h"])
    if (term.years or 0) > 100 or (term.months or 0) > 1200 or (term.days or 0) > 36500:
        return None
    return term


def _read_amount(written: str, equal: str | None, start: int, end: int) -> _Measure | None:
    """An amount in МРП, tenge or roubles, with the equal amount stated beside it («…, что составляет … тенге»)."""
    measure = _Measure(start, end)
    for part in (equal, written):
        match = _AMOUNT_PARTS.fullmatch(part.strip()) if part else None
        value = number_value(match["n"]) if match else None
        if match is None or value is None:
            continue
        value *= 1000 if match["k"] else 1
        if match["mci"]:
            measure = replace(measure, mci=value)
        else:
            measure = replace(measure, money=value, currency="KZT" if match["kzt"] else "RUB")
    return measure if measure.mci is not None or measure.money is not None else None


def _measure(text: str, kind: str, start: int, end: int, limit: int) -> _Measure | None:
    """The term or amount stated beside the kind, with the span it widens the quote to; None if there is none (a
    kind that needs none comes back without one)."""
    found: _Measure | None = None
    if kind == "deprivation_of_right":
        right = _RIGHT_TERM.match(text, end, limit)
        found = _read_term(right["term"], start, right.end("term")) if right else None
    elif kind in ("fine", "admin_fine", "corrective_labour"):
        amount = _AMOUNT_AFTER.match(text, end, limit)
        found = _read_amount(amount["amount"], amount["equal"], start, amount.end()) if amount else None
    if found is None and kind not in ("fine", "admin_fine", "deprivation_of_right"):
        after = _TERM_AFTER.match(text, end, limit)
        found = _read_term(after["term"], start, after.end("term")) if after else None
        before = None if found else _TERM_BEFORE.search(text, max(0, start - 120), start)
        if before and not _NOT_A_SENTENCE_BEFORE.search(text, max(0, before.start("term") - 12), before.start("term")):
            found = _read_term(before["term"], before.start("term"), end)
    if found is None and kind in _NEEDS_NO_TERM:
        found = _Measure(start, end)
    return found


def _sentence(starts: list[int], position: int, length: int) -> tuple[int, int]:
    start = max(s for s in starts if s <= position)
    end = next((s for s in starts if s > position), length)
    return start, end


def _span(match: re.Match[str]) -> tuple[int, int]:
    return match.span(match.lastgroup or 0)


def _negated(text: str, kinds: list[re.Match[str]], i: int, sentence: tuple[int, int]) -> bool:
    """A negation in the sentence between a kind and its neighbours belongs to the kind it leads on to without a
    comma or semicolon («…, не назначая штрафа»: the fine), else to the kind before it («лишение свободы не
    назначать»)."""
    start, end = _span(kinds[i])
    gap_start = max(_span(kinds[i - 1])[1] if i > 0 else 0, sentence[0])
    gap_end = min(_span(kinds[i + 1])[0] if i + 1 < len(kinds) else len(text), sentence[1])
    before = list(_NEGATION.finditer(text, gap_start, start))
    if before and not _CLAUSE_BREAK.search(text, before[-1].end(), start):
        return True
    after = _NEGATION.search(text, end, gap_end)
    if after is None:
        return False
    leads_on = gap_end < sentence[1] and not _CLAUSE_BREAK.search(text, after.end(), gap_end)
    return not leads_on


def _read(text: str, starts: list[int], kinds: list[re.Match[str]], i: int) -> tuple[Punishment, int, int] | None:
    """The punishment the ``i``-th kind phrase states, with its quote's span; None if it states none."""
    kind = kinds[i].lastgroup or ""
    start, end = _span(kinds[i])
    sentence = _sentence(starts, start, len(text))
    if _NOT_IMPOSED.search(text, sentence[0], sentence[1]) or _negated(text, kinds, i, sentence):
        return None
    house_arrest = kind == "arrest" and _HOUSE.search(text, max(0, start - 20), start) is not None
    if house_arrest or _WITHOUT.search(text, max(0, start - 8), start):
        return None
    limit = min(_span(kinds[i + 1])[0] if i + 1 < len(kinds) else len(text), sentence[1])
    measure = _measure(text, kind, start, end, limit)
    if measure is None:
        return None
    quote_end = measure.end
    facility = None
    if kind == "imprisonment" and (place := _FACILITY.match(text, quote_end, limit)) is not None:
        facility, quote_end = place["facility"], place.end()
    additional = kind in _ALWAYS_ADDITIONAL or (
        i > 0 and _span(kinds[i - 1])[0] >= sentence[0]
        and _ADDITIONAL_BEFORE.search(text, max(sentence[0], start - 40), start) is not None
    )
    punishment = Punishment(
        cast(SentenceKind | AdditionalKind, kind), measure.years, measure.months, measure.days, measure.hours,
        measure.mci, measure.money, measure.currency, facility=facility, additional=additional,
        final=_FINAL.search(text, sentence[0], start) is not None,
    )
    return punishment, measure.start, quote_end


def _conditional(text: str, starts: list[int], read: list[tuple[Punishment, int, int]]
                 ) -> list[tuple[Punishment, int, int]]:
    """Each conditional sentence («считать условным с испытательным сроком 2 года») applies to the last main
    custodial punishment before it; with none in the paragraph it comes back alone, without a term.  A refused or
    cancelled one («оснований для условного осуждения не имеется», «отменить условное осуждение») is none."""
    handled: set[int] = set()
    markers = list(_CONDITIONAL.finditer(text))
    for k, marker in enumerate(markers):
        sentence = _sentence(starts, marker.start(), len(text))
        if sentence[0] in handled or _NEGATION.search(text, sentence[0], sentence[1]) or _CANCEL.search(
                text, sentence[0], sentence[1]):
            continue
        handled.add(sentence[0])
        limit = _sentence(starts, markers[k + 1].start(), len(text))[0] if k + 1 < len(markers) else len(text)
        probation = _PROBATION.search(text, sentence[0], max(limit, sentence[1]))
        term = _read_term(probation["term"], 0, 0) if probation else None
        end = probation.end("term") if probation and term else marker.end()
        condition = Punishment("conditional", probation_years=term.years if term else None,
                               probation_months=term.months if term else None)
        before = [n for n, (p, s, _) in enumerate(read)
                  if s < marker.start() and not p.additional and p.kind in _SUSPENDABLE]
        if before:
            main, start, main_end = read[before[-1]]
            read[before[-1]] = (apply_conditional(main, condition), start, max(end, main_end))
        else:
            read.append((condition, marker.start(), end))
    return sorted(read, key=lambda item: item[1])


def _quote_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;(":
        end -= 1
    return end


def find_punishments(paragraph: Paragraph) -> list[Found[Punishment]]:
    """Every punishment the paragraph imposes, in reading order.  A conditional sentence stated in the paragraph
    turns the custodial punishment before it into one of kind ``conditional``."""
    text = paragraph.text
    starts = sentence_starts(text)
    kinds = list(_KIND.finditer(text))
    read = [r for i in range(len(kinds)) if (r := _read(text, starts, kinds, i)) is not None]
    found: list[Found[Punishment]] = []
    for punishment, start, end in _conditional(text, starts, read):
        quote = text[start:_quote_end(text, start, end)]
        found.append(Found(replace(punishment, at=start), paragraph.index, quote))
    return found


def apply_conditional(main: Punishment, condition: Punishment) -> Punishment:
    """``main`` (the suspended punishment) made conditional with ``condition``'s probation."""
    return replace(main, kind="conditional", facility=None, probation_years=condition.probation_years,
                   probation_months=condition.probation_months)


def to_sentence(p: Punishment) -> dict[str, object]:
    """The model's Sentence fields (kind, term, probation) as plain data; an additional punishment the model has no
    kind for (a deprivation of a right …) is refused with ValueError."""
    if p.kind not in _SENTENCE_KINDS:
        raise ValueError(f"{p.kind}: the case model has no sentence kind for this additional punishment")
    term = {k: v for k, v in (("years", p.years), ("months", p.months), ("days", p.days), ("hours", p.hours),
                              ("mci", p.mci)) if v is not None}
    probation = {k: v for k, v in (("years", p.probation_years), ("months", p.probation_months)) if v is not None}
    return {"kind": p.kind, "term": term, "probation": probation or None}
