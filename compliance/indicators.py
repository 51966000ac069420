"""The indicators of the nine standards: what each measures and how its figures decide the result.

Pure rules (no database): ``compliance.selectors.indicators`` gathers the figures of many
workstations at once and calls the deciders here. Each indicator key is what a ``Criterion``
names in ``measure``.

One decider per indicator: it takes the figures ``compliance.selectors.indicators`` gathered for
one workstation and one period, and returns an ``IndicatorResult`` carrying those figures. Each
decider's docstring says what counts; the thresholds are the constants below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps
from typing import Any

from lawstation.periods import Period

__all__ = [
    "DECIDERS",
    "INDICATORS",
    "STANDARD_OF",
    "IndicatorResult",
    "Period",
    "Status",
    "combine",
    "standard_results",
]

# Thresholds (shares are fractions of 1).
SATISFIED_MET = 0.90  # work_style.satisfaction: share satisfied or very satisfied
SATISFIED_PARTLY = 0.70
SATISFIED_LEVELS = (4, 5)  # ReturnVisit.Satisfaction: satisfied, very satisfied
ACCOMMODATIONS_PARTLY = 0.80  # service.accommodations: share arranged
FLAGGED_REVIEWED_PARTLY = 0.80  # quality.flagged_reviewed: share reviewed before closure
RISK_REVIEW_DAYS = 7  # quality.risk_reviews: a flag unreviewed this long is overdue
REFERRALS_PARTLY = 0.80  # coordination.referrals_made: share referred
CHANNELS_ALL = 5  # service.channels: face to face, phone, SMS, e-mail, web
CHANNELS_PARTLY = 3
REGISTRATION_MET = 0.95  # information.registration: share registered in time
REGISTRATION_PARTLY = 0.80
ARCHIVING_PARTLY = 0.80  # information.archiving: share archived by the due date


class Status(StrEnum):
    """Mirrors ``compliance.models.Result`` (values are stored)."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class IndicatorResult:
    key: str
    standard: int
    status: Status
    # The numbers that decided it, e.g. {"present": 7, "required": 8, "stale": 1}.
    figures: dict[str, int | float | str | None] = field(default_factory=dict)


# (key, standard number): every indicator the criteria may name, in the order shown.
INDICATORS: tuple[tuple[str, int], ...] = (
    ("work_style.complaints_upheld", 1),
    ("work_style.satisfaction", 1),
    ("premises.items", 2),
    ("staffing.head", 3),
    ("staffing.lawyers", 3),
    ("notice.complete", 4),
    ("notice.published", 4),
    ("service.duty_days", 5),
    ("service.channels", 5),
    ("service.accommodations", 5),
    ("quality.flagged_reviewed", 6),
    ("quality.risk_reviews", 6),
    ("coordination.referrals_made", 7),
    ("coordination.referral_outcomes", 7),
    ("coordination.contacts", 7),
    ("funding.budget", 8),
    ("funding.rule", 8),
    ("funding.spending", 8),
    ("information.registration", 9),
    ("information.archiving", 9),
    ("information.data_quality", 9),
    ("information.filing", 9),
)
STANDARD_OF = dict(INDICATORS)


def combine(results: Iterable[Status | str]) -> Status:
    """One result from several (the criteria of a standard, the standards of a workstation):
    not applicable ones are left out; all met is met, none met (and none partly) is not met,
    anything between is partly met; nothing applicable is not applicable."""
    applicable = [Status(result) for result in results if result != Status.NOT_APPLICABLE]
    if not applicable:
        return Status.NOT_APPLICABLE
    if all(result == Status.MET for result in applicable):
        return Status.MET
    if all(result == Status.NOT_MET for result in applicable):
        return Status.NOT_MET
    return Status.PARTLY


def standard_results(
    results_by_key: Mapping[str, IndicatorResult | Status | str],
    criteria: Iterable[object],
) -> dict[int, Status]:
    """``{standard number: result}`` for one workstation: each standard's criteria combined.

    ``criteria`` are ``Criterion`` rows (or anything with ``measure`` and either
    ``standard_number`` or ``standard.number``); a criterion without a measure, or whose measure
    has no result, counts as not applicable. Every standard named by a criterion appears."""
    by_standard: dict[int, list[Status]] = {}
    for criterion in criteria:
        number = getattr(criterion, "standard_number", None) or criterion.standard.number
        found = results_by_key.get(criterion.measure) if criterion.measure else None
        status = found.status if isinstance(found, IndicatorResult) else found
        by_standard.setdefault(number, []).append(Status(status or Status.NOT_APPLICABLE))
    return {number: combine(results) for number, results in sorted(by_standard.items())}


Decider = Callable[..., IndicatorResult]
DECIDERS: dict[str, Decider] = {}


def decide(key: str, figures: Mapping[str, Any]) -> IndicatorResult:
    """The result of indicator ``key`` from its figures (keyword arguments of its decider)."""
    return DECIDERS[key](**figures)


def _decider(key: str, share_of: tuple[str, str] | None = None) -> Callable[..., Decider]:
    """Register a decider of ``key``: the function returns a ``Status`` from keyword figures;
    the result carries those figures (and ``share`` = part / whole when ``share_of`` names
    them)."""

    def register(function: Callable[..., Status]) -> Decider:
        @wraps(function)
        def decider(**figures: Any) -> IndicatorResult:
            if share_of:
                figures["share"] = share(figures[share_of[0]], figures[share_of[1]])
            status = function(**figures)
            return IndicatorResult(key, STANDARD_OF[key], status, figures)

        DECIDERS[key] = decider
        return decider

    return register


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def by_share(part: int, whole: int, met: float, partly: float) -> Status:
    """Not applicable without a whole; else met, partly met or not met by the share."""
    if not whole:
        return Status.NOT_APPLICABLE
    value = part / whole
    if value >= met:
        return Status.MET
    return Status.PARTLY if value >= partly else Status.NOT_MET


def _all_some_none(part: int, whole: int) -> Status:
    if part >= whole:
        return Status.MET
    return Status.PARTLY if part else Status.NOT_MET


# --- 1. Work style ----------------------------------------------------------------------------


@_decider("work_style.complaints_upheld")
def complaints_upheld(*, cases: int, complaints: int, unresolved: int) -> Status:
    """Complaints received in the period about the workstation's cases.

    ``cases.Complaint`` records no finding (upheld or not), so every complaint received counts
    as upheld; it is resolved when ``resolved_on`` is on or before the period end. No complaint
    is met; some, all resolved, partly met; any unresolved not met. A workstation with no case
    registered by the period end: not applicable."""
    if not cases:
        return Status.NOT_APPLICABLE
    if not complaints:
        return Status.MET
    return Status.NOT_MET if unresolved else Status.PARTLY


@_decider("work_style.satisfaction", share_of=("satisfied", "visits"))
def satisfaction(*, visits: int, satisfied: int, share: float) -> Status:
    """Return visits done in the period with a satisfaction score: the share scoring one of
    ``SATISFIED_LEVELS`` (satisfied, very satisfied). At least ``SATISFIED_MET`` met, at least
    ``SATISFIED_PARTLY`` partly met, else not met; no scored visit, not applicable."""
    return by_share(satisfied, visits, SATISFIED_MET, SATISFIED_PARTLY)


# --- 2. Premises ------------------------------------------------------------------------------


@_decider("premises.items")
def premises_items(
    *, required: int, recorded: int, present: int, stale: int, months: int
) -> Status:
    """The latest check (on or before the period end) of every ``PremisesItem``.

    Every item present with evidence checked within ``months`` months before the period end
    (``COMPLIANCE_PREMISES_EVIDENCE_MONTHS``) is met; every item present but some evidence older,
    or blank, is partly met; any item missing or never checked is not met."""
    if recorded < required or present < required:
        return Status.NOT_MET
    return Status.PARTLY if stale else Status.MET


# --- 3. Staffing ------------------------------------------------------------------------------


@_decider("staffing.head")
def staffing_head(*, has_head: int, formal_same_level: int) -> Status:
    """The head recorded on the workstation is a federation staff member, formal (正式) staff of
    the workstation's own federation, active at the period end (as
    ``workstations.services.stations.check_head`` requires on entry) → met; else not met."""
    return Status.MET if has_head and formal_same_level else Status.NOT_MET


@_decider("staffing.lawyers")
def staffing_lawyers(*, engaged: int) -> Status:
    """At least one lawyer or legal worker with an engagement at the workstation overlapping the
    period → met; none → not met."""
    return Status.MET if engaged else Status.NOT_MET


# --- 4. Public notice -------------------------------------------------------------------------


@_decider("notice.complete")
def notice_complete(*, has_notice: int, items_present: int, items: int = 5) -> Status:
    """The notice in force at the period end (``workstations.completeness``: scope of cases,
    workflow, working hours, office address, a contact): all five items met, some partly met,
    none or no notice not met."""
    if not has_notice or not items_present:
        return Status.NOT_MET
    return Status.MET if items_present >= items else Status.PARTLY


@_decider("notice.published")
def notice_published(*, website: int, notice_board: int) -> Status:
    """Publications of the notice in force, made by the period end: on the website AND a notice
    board met; one of them partly met; neither (media or a service window alone) not met."""
    return (Status.NOT_MET, Status.PARTLY, Status.MET)[bool(website) + bool(notice_board)]


# --- 5. Service provision ---------------------------------------------------------------------


@_decider("service.duty_days")
def duty_days(*, months: int, months_on_duty: int) -> Status:
    """Calendar months of the period with at least one on-site duty day that was HELD (checked
    in: ``DutyDay.checked_in_at`` set); a day planned on the roster but never checked in does
    not count. Every month met; some partly met; none not met."""
    return _all_some_none(months_on_duty, months)


@_decider("service.channels")
def channels(*, offered: int, channels: int = CHANNELS_ALL, missing: str = "") -> Status:
    """Intake channels the notice in force offers: face to face (an office address), phone,
    SMS (``sms_number``), e-mail, and the web (the public portal: always offered). All five met;
    ``CHANNELS_PARTLY`` to four partly met; fewer not met."""
    if offered >= channels:
        return Status.MET
    return Status.PARTLY if offered >= CHANNELS_PARTLY else Status.NOT_MET


@_decider("service.accommodations", share_of=("arranged", "requested"))
def accommodations(*, requested: int, arranged: int, share: float) -> Status:
    """Cases served in the period (a service provided in it) whose applicant recorded a
    communication need other than "do not phone" count as requesting an accommodation; arranged
    when the case has an accommodation provided in the period. All arranged met, at least
    ``ACCOMMODATIONS_PARTLY`` partly met, else not met; none requested not applicable."""
    return by_share(arranged, requested, 1.0, ACCOMMODATIONS_PARTLY)


# --- 6. Quality -------------------------------------------------------------------------------


@_decider("quality.flagged_reviewed", share_of=("reviewed", "flagged"))
def flagged_reviewed(*, flagged: int, reviewed: int, share: float) -> Status:
    """Cases closed in the period with a risk flag raised before closure; reviewed when every such
    flag was reviewed at or before the closure. All met; at least ``FLAGGED_REVIEWED_PARTLY``
    partly met; else not met; no flagged case closed not applicable."""
    return by_share(reviewed, flagged, 1.0, FLAGGED_REVIEWED_PARTLY)


@_decider("quality.risk_reviews")
def risk_reviews(*, overdue: int, days: int = RISK_REVIEW_DAYS) -> Status:
    """Risk flags on the workstation's cases still unreviewed at the period end and raised more
    than ``RISK_REVIEW_DAYS`` days before it (the risk register sets no deadline; this is ours).
    None met; any not met."""
    return Status.NOT_MET if overdue else Status.MET


# --- 7. Coordination --------------------------------------------------------------------------


@_decider("coordination.referrals_made", share_of=("referred", "required"))
def referrals_made(*, required: int, referred: int, share: float) -> Status:
    """Cases decided at triage in the period with a referral decision (legal aid, fee relief,
    judicial aid or a department: ``Case.decision``, not "serve directly"); referred when the
    case has a referral that was sent. All met, at least ``REFERRALS_PARTLY`` partly met, else
    not met; none required not applicable."""
    return by_share(referred, required, 1.0, REFERRALS_PARTLY)


@_decider("coordination.referral_outcomes")
def referral_outcomes(*, referrals: int, overdue: int) -> Status:
    """Referrals sent by the period end and not finished before it started; overdue when, at the
    period end, the receiving body's decision or lawyer assignment was past its due date
    (``cases.referral_rules``) and not yet recorded. None overdue met; any not met; no referral
    not applicable."""
    if not referrals and not overdue:
        return Status.NOT_APPLICABLE
    return Status.NOT_MET if overdue else Status.MET


@_decider("coordination.contacts")
def contacts(*, quarters: int, quarters_with_contact: int, contacts: int) -> Status:
    """Coordination contacts with partner agencies logged in the period, by calendar quarter the
    period touches: a contact in every quarter met; in some partly met; none not met."""
    return _all_some_none(quarters_with_contact, quarters)


# --- 8. Funding -------------------------------------------------------------------------------


@_decider("funding.budget")
def funding_budget(*, years: int, years_budgeted: int) -> Status:
    """Every calendar year the period touches has a budget (its budget rows total more than
    zero) → met; else not met."""
    return Status.MET if years_budgeted >= years else Status.NOT_MET


@_decider("funding.rule")
def funding_rule(*, rules: int) -> Status:
    """A financial management rule adopted on or before the period end → met; else not met."""
    return Status.MET if rules else Status.NOT_MET


@_decider("funding.spending")
def funding_spending(*, budget: str, expenditures: int, spent: str) -> Status:
    """Expenditure recorded in the period → met; none → not met; not applicable when the
    budgets of the years the period touches total zero (amounts are decimal strings)."""
    if not float(budget or 0):
        return Status.NOT_APPLICABLE
    return Status.MET if expenditures else Status.NOT_MET


# --- 9. Information ---------------------------------------------------------------------------


@_decider("information.registration", share_of=("on_time", "cases"))
def registration(*, cases: int, on_time: int, days: int, share: float) -> Status:
    """Cases registered in the period from an intake: on time when registered within ``days``
    days (``COMPLIANCE_REGISTRATION_DAYS``) of the intake's ``received_at``. At least
    ``REGISTRATION_MET`` met, at least ``REGISTRATION_PARTLY`` partly met, else not met; none
    not applicable. A case registered without an intake record is not counted."""
    return by_share(on_time, cases, REGISTRATION_MET, REGISTRATION_PARTLY)


@_decider("information.archiving", share_of=("on_time", "due"))
def archiving(*, due: int, on_time: int, share: float) -> Status:
    """Closed cases whose ``archive_due_on`` (``cases.archive_rules``, set at closure) falls in
    the period; on time when archived on or before that day. All met, at least
    ``ARCHIVING_PARTLY`` partly met, else not met; none due not applicable."""
    return by_share(on_time, due, 1.0, ARCHIVING_PARTLY)


@_decider("information.data_quality")
def data_quality(*, errors: int, **by_check: int) -> Status:
    """Records of the workstation failing a check of ``compliance.selectors.data_quality`` at the
    period end: none met; any not met. The figures give the count per check."""
    return Status.NOT_MET if errors else Status.MET


@_decider("information.filing")
def filing(*, state: str) -> Status:
    """The workstation federation's latest filing of its daily manager submitted by the period
    end, as it stood then: accepted met; submitted, not yet decided, partly met; returned or no
    filing (``state`` "") not met."""
    return {"accepted": Status.MET, "submitted": Status.PARTLY}.get(state, Status.NOT_MET)


def quarters_of(months: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """(year, quarter) of each (year, month)."""
    return {(year, (month - 1) // 3 + 1) for year, month in months}
