"""Flag-rate views, with small groups suppressed in the SQL itself.

The rates are the audit summary's: the share of screened cases (``screening`` not ``not_screened``) with at least
one finding (of a rule, of a direction). The threshold is read inside each view from the ``manifest`` table
(``options.min_group``). A group below it keeps its row, with ``suppressed`` = 1 and every count and rate NULL, so
that the view says a group was hidden without saying how big it was. The rule and direction views have one group,
the whole audit: they are suppressed when the audit has fewer screened cases than the threshold."""

from __future__ import annotations

from dataclasses import dataclass

from sentencecheck.publish.schema import DIRECTIONS, direction_ru

_THRESHOLD = "(SELECT CAST(value AS INTEGER) FROM manifest WHERE key = 'options.min_group')"
_SCREENED = "screening IS NOT 'not_screened'"
GROUPS = ("court", "year", "instance")


@dataclass(frozen=True)
class View:
    name: str
    sql: str
    en: str
    ru: str


def _shown(expr: str, size: str) -> str:
    """``expr`` when the group (of ``size`` cases) reaches the threshold, else NULL."""
    return f"CASE WHEN {size} >= {_THRESHOLD} THEN {expr} END"


def _pct(part: str, whole: str) -> str:
    return f"ROUND(100.0 * {part} / {whole}, 1)"


def group_view(key: str) -> View:
    """Flag rates per court, year or instance."""
    per_direction = ",\n  ".join(
        _shown(_pct(f"g.{_name(d)}", "g.cases"), "g.cases") + f" AS {_name(d)}_pct" for d in DIRECTIONS)
    sums = ", ".join(f"SUM(findings_{_name(d)} > 0) AS {_name(d)}" for d in DIRECTIONS)
    sql = f"""WITH g AS (
  SELECT {key}, COUNT(*) AS cases, SUM(findings > 0) AS flagged, {sums}
  FROM cases WHERE {_SCREENED} GROUP BY {key}
)
SELECT g.{key},
  g.cases < {_THRESHOLD} AS suppressed,
  {_shown("g.cases", "g.cases")} AS cases,
  {_shown("g.flagged", "g.cases")} AS flagged_cases,
  {_shown(_pct("g.flagged", "g.cases"), "g.cases")} AS flag_rate_pct,
  {per_direction}
FROM g ORDER BY g.{key}"""
    ru = {"court": "судам", "year": "годам", "instance": "инстанциям"}[key]
    return View(f"flag_rate_by_{key}", sql, f"Share of screened cases with a finding, per {key}",
                f"Доля проверенных дел с выводами по {ru}")


def rule_view() -> View:
    sql = f"""WITH n AS (SELECT COUNT(*) AS screened FROM cases WHERE {_SCREENED}),
k AS (
  SELECT f.rule, COUNT(DISTINCT f.case_row) AS flagged,
    COUNT(DISTINCT CASE WHEN f.confidence = 'confirmed' THEN f.case_row END) AS confirmed
  FROM findings f JOIN cases c ON c.case_row = f.case_row
  WHERE c.{_SCREENED} GROUP BY f.rule
)
SELECT r.id AS rule, r.title_en, r.title_ru, r.direction, r.severity,
  n.screened < {_THRESHOLD} AS suppressed,
  {_shown("n.screened", "n.screened")} AS screened_cases,
  {_shown("COALESCE(k.flagged, 0)", "n.screened")} AS flagged_cases,
  {_shown(_pct("COALESCE(k.flagged, 0)", "n.screened"), "n.screened")} AS flag_rate_pct,
  {_shown("COALESCE(k.confirmed, 0)", "n.screened")} AS confirmed_cases,
  {_shown(_pct("COALESCE(k.confirmed, 0)", "n.screened"), "n.screened")} AS confirmed_rate_pct
FROM rules r CROSS JOIN n LEFT JOIN k ON k.rule = r.id ORDER BY r.position"""
    return View("flag_rate_by_rule", sql, "Share of screened cases with a finding of each rule (confirmed or "
                "possible; confirmed alone)", "Доля проверенных дел с выводом по каждому правилу (подтверждённым или "
                "возможным; только подтверждённым)")


def direction_view() -> View:
    values = ", ".join(f"({i}, '{d}')" for i, d in enumerate((*DIRECTIONS, "any"), 1))
    sql = f"""WITH d(position, direction) AS (VALUES {values}),
n AS (SELECT COUNT(*) AS screened FROM cases WHERE {_SCREENED}),
k AS (
  SELECT f.direction, COUNT(DISTINCT f.case_row) AS flagged
  FROM findings f JOIN cases c ON c.case_row = f.case_row WHERE c.{_SCREENED} GROUP BY f.direction
  UNION ALL
  SELECT 'any', COUNT(*) FROM cases WHERE {_SCREENED} AND findings > 0
)
SELECT d.direction,
  n.screened < {_THRESHOLD} AS suppressed,
  {_shown("n.screened", "n.screened")} AS screened_cases,
  {_shown("COALESCE(k.flagged, 0)", "n.screened")} AS flagged_cases,
  {_shown(_pct("COALESCE(k.flagged, 0)", "n.screened"), "n.screened")} AS flag_rate_pct
FROM d CROSS JOIN n LEFT JOIN k ON k.direction = d.direction ORDER BY d.position"""
    return View("flag_rate_by_direction", sql, "Share of screened cases with a finding of each direction (any: of "
                "any direction)", "Доля проверенных дел с выводом каждого направления (any — любого направления)")


def _name(direction: str) -> str:
    return direction.replace("-", "_")


def views() -> list[View]:
    return [rule_view(), direction_view(), *(group_view(key) for key in GROUPS)]


VIEW_COLUMNS: dict[str, tuple[str, str]] = {
    "suppressed": ("1 when the group has fewer screened cases than the audit's min_group: its counts are hidden "
                   "(NULL)", "1 — в группе меньше проверенных дел, чем порог публикации (min_group): числа скрыты"),
    "cases": ("Screened cases in the group", "Проверенных дел в группе"),
    "screened_cases": ("Screened cases in the audit", "Проверенных дел в аудите"),
    "flagged_cases": ("Cases with at least one such finding", "Дел хотя бы с одним таким выводом"),
    "flag_rate_pct": ("flagged_cases as a percentage of the screened cases",
                      "flagged_cases в процентах от проверенных дел"),
    "confirmed_cases": ("Cases with a confirmed finding of the rule", "Дел с подтверждённым выводом по правилу"),
    "confirmed_rate_pct": ("confirmed_cases as a percentage of the screened cases",
                           "confirmed_cases в процентах от проверенных дел"),
    **{f"{_name(d)}_pct": (f"Percentage of the group's cases with a finding of direction {d}",
                           f"Процент дел группы с выводом направления «{direction_ru(d)}»") for d in DIRECTIONS},
}
"""Descriptions of the views' computed columns: English, Russian."""
