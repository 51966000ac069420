"""The indicators of the periodic statistical report (issue 7; DOMAIN.md §5.3): the rows of the
report form, in order, with their section, unit and how they combine.

Pure data: ``stats.selectors.figures`` computes every indicator for a region and period in SQL;
the report form, the page, the snapshot of a submission, the dashboards and the bench all read
the same keys. A key is stable (snapshots store it); a label is translated at display time.

``kind`` says how a figure combines across areas:
- ``count``: a whole number; the total of a row is the sum of its areas.
- ``money``: yuan (a ``Decimal`` with two places); sums like a count.
- ``ratio``: ``numerator / denominator × scale``, computed from two other indicators, never
  averaged across areas (a percentage, or an average number of days).

``suppress``: a count about persons that could identify someone where it is small
(``stats.suppression``); coverage counts (groups, workstations, lawyers) are public facts.
``shown``: False for a component that only feeds a ratio (kept in snapshots, not printed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import Case, Referral, Service
from cases.models.choices import Channel, DisabilityCategory, DisabilityGrade, MatterCategory

Kind = Literal["count", "money", "ratio"]

# Age bands, as at the last day of the period (from the applicant's date of birth).
AGE_BANDS: list[tuple[str, int | None, int | None, Promise]] = [
    ("0_17", 0, 17, _("Under 18")),
    ("18_44", 18, 44, _("18 to 44")),
    ("45_59", 45, 59, _("45 to 59")),
    ("60_plus", 60, None, _("60 and over")),
]
# Days from sending a referral to the receiving body's decision: LAL Art. 43 gives legal aid
# institutions 7 days (DOMAIN.md §2).
DECISION_NORM_DAYS = 7
# A return visit counts as satisfied at "satisfied" or "very satisfied".
SATISFIED_FROM = 4

PERSON_TIMES = pgettext_lazy("unit", "person-times")  # 人次
CASES = pgettext_lazy("unit", "cases")  # 件
REFERRALS = pgettext_lazy("unit", "referrals")  # 件
DAYS = pgettext_lazy("unit", "days")
YUAN = pgettext_lazy("unit", "yuan")
PERCENT = pgettext_lazy("unit", "%")
TIMES = pgettext_lazy("unit", "times")  # 次
UNITS = pgettext_lazy("unit", "units")  # 个
PERSONS = pgettext_lazy("unit", "persons")  # 人


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise


@dataclass(frozen=True)
class Indicator:
    key: str
    section: str
    label: str | Promise
    unit: str | Promise
    kind: Kind = "count"
    level: int = 0  # 0: a headline figure; 1: a breakdown of the headline above it
    suppress: bool = True
    shown: bool = True
    numerator: str = ""  # for a ratio
    denominator: str = ""
    scale: int = 1  # 100 for a percentage


SECTIONS: list[Section] = [
    Section("consultations", _("Consultations")),
    Section("cases", _("Cases")),
    Section("referrals", _("Referrals")),
    Section("outcomes", _("Outcomes")),
    Section("service", _("Service at the workstation")),
    Section("coverage", _("Coverage")),
]


def _breakdown(
    prefix: str, section: str, unit: str | Promise, choices: list[tuple[str, str | Promise]]
) -> list[Indicator]:
    return [
        Indicator(f"{prefix}.{value}", section, label, unit, level=1) for value, label in choices
    ]


_UNKNOWN = [("unknown", pgettext_lazy("statistics", "Not recorded"))]

INDICATORS: list[Indicator] = [
    # Consultations (人次): every request for help received, on any channel.
    Indicator(
        "consultations.total", "consultations", _("Requests for help received"), PERSON_TIMES
    ),
    *_breakdown("consultations.channel", "consultations", PERSON_TIMES, Channel.choices),
    Indicator(
        "consultations.on_the_spot",
        "consultations",
        _("Closed on the spot as a consultation"),
        PERSON_TIMES,
        level=1,
    ),
    # Cases (件): registered in the period, broken down by what was recorded at registration.
    Indicator("cases.registered", "cases", _("Cases registered"), CASES),
    *_breakdown("cases.channel", "cases", CASES, Channel.choices),
    *_breakdown("cases.matter", "cases", CASES, MatterCategory.choices),
    *_breakdown("cases.disability", "cases", CASES, [*DisabilityCategory.choices, *_UNKNOWN]),
    *_breakdown(
        "cases.grade",
        "cases",
        CASES,
        [(str(value), label) for value, label in DisabilityGrade.choices] + _UNKNOWN,
    ),
    *_breakdown("cases.sex", "cases", CASES, [("m", _("Male")), ("f", _("Female")), *_UNKNOWN]),
    *_breakdown(
        "cases.age", "cases", CASES, [(key, label) for key, _lo, _hi, label in AGE_BANDS] + _UNKNOWN
    ),
    # Cases served in the period, by the service given (a case counts once per service type).
    Indicator("cases.served", "cases", _("Cases served in the period"), CASES),
    *_breakdown("cases.service", "cases", CASES, Service.Kind.choices),
    # Referrals made in the period.
    Indicator("referrals.sent", "referrals", _("Referrals sent"), REFERRALS),
    *_breakdown("referrals.target", "referrals", REFERRALS, Referral.Kind.choices),
    Indicator("referrals.accepted", "referrals", _("Accepted"), REFERRALS, level=1),
    Indicator("referrals.refused", "referrals", _("Refused"), REFERRALS, level=1),
    Indicator("referrals.withdrawn", "referrals", _("Withdrawn"), REFERRALS, level=1),
    Indicator("referrals.pending", "referrals", _("No decision yet"), REFERRALS, level=1),
    Indicator("referrals.decided", "referrals", _("Decisions received in the period"), REFERRALS),
    Indicator(
        "referrals.decided_within_norm",
        "referrals",
        _("Decided within 7 days"),
        REFERRALS,
        level=1,
    ),
    Indicator(
        "referrals.decision_days_total",
        "referrals",
        _("Days from sending to decision, summed"),
        DAYS,
        shown=False,
        suppress=False,
    ),
    Indicator(
        "referrals.decision_days_average",
        "referrals",
        _("Average days from sending to decision"),
        DAYS,
        kind="ratio",
        level=1,
        suppress=False,
        numerator="referrals.decision_days_total",
        denominator="referrals.decided",
    ),
    # Outcomes: cases closed in the period.
    Indicator("cases.closed", "outcomes", _("Cases closed"), CASES),
    *_breakdown("cases.outcome", "outcomes", CASES, Case.Outcome.choices),
    Indicator("cases.archived", "outcomes", _("Cases archived"), CASES),
    Indicator(
        "money.recovered",
        "outcomes",
        _("Economic loss recovered"),
        YUAN,
        kind="money",
        suppress=False,
    ),
    Indicator("return_visits.done", "outcomes", _("Return visits made"), TIMES),
    Indicator("return_visits.rated", "outcomes", _("Return visits with a rating"), TIMES, level=1),
    Indicator(
        "return_visits.satisfied", "outcomes", _("Satisfied or very satisfied"), TIMES, level=1
    ),
    Indicator(
        "return_visits.satisfaction_rate",
        "outcomes",
        _("Satisfaction rate"),
        PERCENT,
        kind="ratio",
        level=1,
        suppress=False,
        numerator="return_visits.satisfied",
        denominator="return_visits.rated",
        scale=100,
    ),
    # Service at the workstation.
    Indicator(
        "duty.days_held", "service", _("On-site lawyer duty days held"), DAYS, suppress=False
    ),
    Indicator("accommodations.arranged", "service", _("Access arrangements made"), TIMES),
    Indicator(
        "accommodations.sign_language",
        "service",
        _("Sign-language interpreting"),
        TIMES,
        level=1,
    ),
    # Coverage, as at the last day of the period.
    Indicator(
        "coverage.groups", "coverage", _("Coordination groups in place"), UNITS, suppress=False
    ),
    Indicator(
        "coverage.workstations", "coverage", _("Workstations established"), UNITS, suppress=False
    ),
    Indicator(
        "coverage.filings",
        "coverage",
        _("Responsible persons filed and accepted"),
        PERSONS,
        suppress=False,
    ),
    Indicator(
        "coverage.lawyers",
        "coverage",
        _("Lawyers and legal workers engaged"),
        PERSONS,
        suppress=False,
    ),
]

_KEYS = [indicator.key for indicator in INDICATORS]

# Figures that add up, for small-cell suppression down a column (``stats.suppression``): each
# headline with the breakdowns that together make it. Where a breakdown can exceed its headline
# (a case served counts once per kind of service) or fall short of it (a case closed without an
# outcome, a data-quality error), the relation is kept all the same: treating it as exact hides
# a figure more than needed, never less.
ADDS_UP: list[tuple[str, list[str]]] = [
    ("consultations.total", [f"consultations.channel.{value}" for value in Channel.values]),
    *(
        ("cases.registered", [key for key in _KEYS if key.startswith(f"cases.{group}.")])
        for group in ("channel", "matter", "disability", "grade", "sex", "age")
    ),
    ("cases.served", [f"cases.service.{value}" for value in Service.Kind.values]),
    ("referrals.sent", [f"referrals.target.{value}" for value in Referral.Kind.values]),
    (
        "referrals.sent",
        ["referrals.accepted", "referrals.refused", "referrals.withdrawn", "referrals.pending"],
    ),
    ("cases.closed", [f"cases.outcome.{value}" for value in Case.Outcome.values]),
]
# Money recovered is the sum of a few persons' awards where few cases closed: it is hidden
# wherever this count is.
HIDDEN_WITH: dict[str, str] = {"money.recovered": "cases.closed"}

BY_KEY: dict[str, Indicator] = {indicator.key: indicator for indicator in INDICATORS}
SHOWN: list[Indicator] = [indicator for indicator in INDICATORS if indicator.shown]
SECTION_BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}
