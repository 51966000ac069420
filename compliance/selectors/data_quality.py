"""Data-quality checks (standard 9: data "timely, accurate, true and valid"): named conditions on
the records that fail a check, counted per workstation (compliance), per region or federation
(statistics, ``stats.selectors.quality``), and listed.

A ``Check`` is a condition on the rows of one model (cases, referrals, services, return visits)
for a period: the records of the period (registered, closed, sent... inside it); dates in the
future are wrong whatever the period. Counting runs one conditional ``GROUP BY`` query per model
and owner, plus one per check marked ``alone`` (a correlated subquery): a fixed number of
queries, whatever the number of records.

Owner: a problem belongs to the federation that can correct it: the case's (``CASE``), or, for
the applicant's record, the applicant's (``APPLICANT``): that record stays with the federation
that registered it when a case is transferred (``cases.services.transfers``).

Severity: an ``error`` blocks its owner's period report and fails the compliance indicator "no
open data-quality errors"; a ``warning`` is listed only. A check no page can correct is a
warning (it would block every report for good); an error's rows that can no longer change
(``correctable``: an archived file) are listed but block nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Expression, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import ApplicantLink, Case, Referral, ReturnVisit, Service
from compliance.indicators import Period
from compliance.selectors.station_figures import InIds, day_end, day_start

CLOSED = (Case.Status.CLOSED, Case.Status.ARCHIVED)
ERROR = "error"
WARNING = "warning"
SEVERITIES = {ERROR: _("Error: blocks its federation's report"), WARNING: _("Warning")}
DUPLICATE_DAYS = 30
# Whose record a problem is: the case's federation, or the applicant's.
CASE = "case"
APPLICANT = "applicant"


@dataclass(frozen=True)
class Check:
    name: str
    label: str | Promise
    model: type  # Case, or a model with a ``case``
    condition: Callable[[Period], Q]  # the failing rows of ``model`` for a period
    severity: str = ERROR
    # Counted in its own query (a correlated subquery), not in the model's shared pass.
    alone: bool = False
    # Whose record it is (``CASE`` or ``APPLICANT``): who counts, lists and corrects it.
    owner: str = CASE
    # The failing rows the interface can still correct (None: all of them); the others are
    # listed but never block.
    correctable: Callable[[], Q] | None = None

    @property
    def to_case(self) -> str:
        """The path from a failing row to its case: "" (the row is a case) or ``case__``."""
        return "" if self.model is Case else "case__"

    @property
    def to_owner(self) -> str:
        """The path from a failing row to the row filed under its owner (its region codes and
        ``federation``): the case, or the case's applicant."""
        return f"{self.to_case}applicant__" if self.owner == APPLICANT else self.to_case

    @property
    def blocks(self) -> bool:
        return self.severity == ERROR

    @property
    def severity_label(self) -> str | Promise:
        return SEVERITIES[self.severity]

    def condition_for(self, period: Period, *, blocking: bool = False) -> Q:
        """The failing rows; with ``blocking``, those that block (the correctable ones)."""
        found = self.condition(period)
        return found & self.correctable() if blocking and self.correctable else found

    def failing_rows(self, where: Where, period: Period, *, blocking: bool = False) -> QuerySet:
        """The failing rows among those ``where`` keeps (only the blocking ones with
        ``blocking``)."""
        rows = self.model.all_objects.filter(where(self.to_owner))
        return rows.filter(self.condition_for(period, blocking=blocking))


# Restricts the rows of a model, given the path from its rows to their owner's row ("",
# "case__", "applicant__" or "case__applicant__"): in a region, of a federation...
Where = Callable[[str], Q | Expression]


def workstation_path(to_owner: str) -> str:
    """The workstation of the owner's row: a case's own; for an applicant's record, that of the
    applicant's federation."""
    if to_owner.endswith(f"{APPLICANT}__"):
        return f"{to_owner}federation__workstation__id"
    return f"{to_owner}workstation_id"


def at_workstations(ids: Sequence[int]) -> Where:
    """Rows whose owner's workstation is one of ``ids``."""
    return lambda to_owner: InIds(workstation_path(to_owner), ids)


def _within(field: str, period: Period) -> Q:
    """``field`` (a date-time) inside the period."""
    return Q(**{f"{field}__gte": day_start(period.start), f"{field}__lt": day_end(period.end)})


def _registered(period: Period) -> Q:
    return _within("registered_at", period)


def _closed(period: Period) -> Q:
    return Q(status__in=CLOSED) & _within("closed_at", period)


def _missing_category(period: Period) -> Q:
    return _registered(period) & Q(disability_category="")


def _missing_sex_or_birth(period: Period) -> Q:
    return _registered(period) & (Q(applicant__sex="") | Q(applicant__birth_date__isnull=True))


def _without_summary(period: Period) -> Q:
    return _closed(period) & Q(closing_summary="")


def _closed_without_outcome(period: Period) -> Q:
    return _closed(period) & Q(outcome="")


def _referral_without_target(period: Period) -> Q:
    return Q(partner__isnull=True, sent_on__range=(period.start, period.end))


def sent_referrals() -> QuerySet:
    """The outer case's referrals that were sent (the closing service asks for one before a
    case closes as "referred", ``cases.services.closure``)."""
    return Referral.all_objects.filter(case=OuterRef("pk"), sent_on__isnull=False)


def _referred_without_referral(period: Period) -> Q:
    return _closed(period) & Q(outcome=Case.Outcome.REFERRED) & ~Exists(sent_referrals())


def _archived_without_number(period: Period) -> Q:
    return Q(status=Case.Status.ARCHIVED, archive_number="") & _within("archived_at", period)


def _certificate_contradicts(period: Period) -> Q:
    """The digits of the certificate number (``Applicant.certificate_category``/``_grade``,
    stored when it is saved) against the applicant's recorded category and grade."""
    grade = Q(applicant__disability_grade__isnull=True) | ~Q(
        applicant__disability_grade=F("applicant__certificate_grade")
    )
    category = ~Q(applicant__disability_category=F("applicant__certificate_category"))
    return _registered(period) & ~Q(applicant__certificate_category="") & (category | grade)


def _registered_before_intake(period: Period) -> Q:
    return _registered(period) & Q(registered_at__lt=F("intake__received_at"))


def _registered_late(period: Period) -> Q:
    days = settings.COMPLIANCE_REGISTRATION_DAYS
    late = Q(registered_at__gt=F("intake__received_at") + timedelta(days=days))
    return _registered(period) & Q(intake__isnull=False) & late


def live() -> Q:
    """A case that stands as a request: neither not accepted nor closed as withdrawn (how a
    clerk settles a case registered twice)."""
    return ~Q(status=Case.Status.NOT_ACCEPTED) & ~Q(outcome=Case.Outcome.WITHDRAWN)


def twins(*, by: str = "") -> QuerySet:
    """The other live cases of the outer case's federation that may be the same request: the
    same matter category, registered within ``DUPLICATE_DAYS`` days, for the same person: the
    same applicant record, a record a clerk linked to it (``ApplicantLink``, either way), or a
    record with the same resident ID number. ``by`` keeps one of these probes ("applicant",
    "link", "number"; each reads its own index), "" all three."""
    gap = timedelta(days=DUPLICATE_DAYS)
    near = (
        Case.all_objects.filter(
            federation_id=OuterRef("federation_id"),
            matter_category=OuterRef("matter_category"),
            registered_at__gte=OuterRef("registered_at") - gap,
            registered_at__lte=OuterRef("registered_at") + gap,
        )
        .filter(live())
        .exclude(pk=OuterRef("pk"))
    )
    links = ApplicantLink.all_objects
    outer_applicant = OuterRef(OuterRef("applicant_id"))
    probes = {
        "applicant": Q(applicant_id=OuterRef("applicant_id")),
        "link": Q(applicant_id__in=links.filter(same_as_id=outer_applicant).values("applicant_id"))
        | Q(applicant_id__in=links.filter(applicant_id=outer_applicant).values("same_as_id")),
        "number": Q(applicant__id_number_hash=OuterRef("applicant__id_number_hash"))
        & ~Q(applicant__id_number_hash=""),
    }
    if by:
        return near.filter(probes[by])
    return near.filter(probes["applicant"] | probes["link"] | probes["number"])


def _possible_duplicate(period: Period) -> Q:
    # One probe per way of being the same person, each through its own index.
    found = Exists(twins(by="applicant")) | Exists(twins(by="link")) | Exists(twins(by="number"))
    return _registered(period) & live() & found


def _future_case_dates(period: Period) -> Q:
    now = timezone.now()
    return Q(registered_at__gt=now) | Q(closed_at__gt=now) | Q(archived_at__gt=now)


def _future(*fields: str) -> Callable[[Period], Q]:
    def condition(period: Period) -> Q:
        today = timezone.localdate()
        found = Q()
        for field in fields:
            found |= Q(**{f"{field}__gt": today})
        return found

    return condition


REFERRAL_DATES = ("consented_on", "sent_on", "decided_on", "assigned_on", "withdrawn_on")
REFERRAL_DATES += ("concluded_on",)


# The advice and the page that corrects each check's records: ``stats.views.quality``. The
# checks no page can correct are warnings (docs/statistics.md, "Data quality").
CHECKS: list[Check] = [
    Check(
        "missing_disability_category",
        _("Case without a disability category"),
        Case,
        _missing_category,
        owner=APPLICANT,  # recorded on the applicant's record, which fills in the case's
    ),
    Check(
        "applicant_missing_sex_or_birth",
        _("Applicant without sex or date of birth"),
        Case,
        _missing_sex_or_birth,
        owner=APPLICANT,
    ),
    Check(
        "closed_without_summary",
        _("Closed case without a closing summary"),
        Case,
        _without_summary,
        WARNING,
    ),
    Check(
        "closed_without_outcome",
        _("Closed case without an outcome"),
        Case,
        _closed_without_outcome,
        correctable=lambda: Q(status=Case.Status.CLOSED),  # reopened, closed again
    ),
    Check(  # no page changes the agency of a sent referral; figures count by kind
        "referral_without_target",
        _("Sent referral without a receiving agency"),
        Referral,
        _referral_without_target,
        WARNING,
    ),
    Check(
        "referred_without_referral",
        _("Outcome “referred” without a referral"),
        Case,
        _referred_without_referral,
        alone=True,
        correctable=lambda: Q(status=Case.Status.CLOSED),  # reopened, closed again
    ),
    Check(  # an archived file cannot change
        "archived_without_number",
        _("Archived case without an archive number"),
        Case,
        _archived_without_number,
        WARNING,
    ),
    Check(
        "certificate_contradicts",
        _("Certificate number contradicts the disability category or grade"),
        Case,
        _certificate_contradicts,
        owner=APPLICANT,
    ),
    Check(  # both times are stamped when recorded; no page changes them
        "registered_before_intake",
        _("Case registered before its intake was received"),
        Case,
        _registered_before_intake,
        WARNING,
    ),
    Check("registered_late", _("Case registered late"), Case, _registered_late, WARNING),
    Check(
        "possible_duplicate",
        _("Possible duplicate case"),
        Case,
        _possible_duplicate,
        WARNING,
        alone=True,
    ),
    # Stamped by the server's clock; no page changes them.
    Check("future_dates", _("Case dates in the future"), Case, _future_case_dates, WARNING),
    Check(
        "future_service_dates",
        _("Service dated in the future"),
        Service,
        _future("provided_on", "performance_followed_up_on"),
        correctable=lambda: ~Q(case__status=Case.Status.ARCHIVED),  # as the service's page
    ),
    Check(  # the steps of a referral cannot change once recorded
        "future_referral_dates",
        _("Referral dated in the future"),
        Referral,
        _future(*REFERRAL_DATES),
        WARNING,
    ),
    Check(  # a recorded return visit cannot change
        "future_return_visit_dates",
        _("Return visit done in the future"),
        ReturnVisit,
        _future("done_on"),
        WARNING,
    ),
]
CHECK_BY_NAME = {check.name: check for check in CHECKS}
ERROR_CHECKS = [check for check in CHECKS if check.blocks]


def tally(
    where: Where,
    period: Period,
    checks: Iterable[Check],
    *,
    group: str | Callable[[str], str] = "",
    blocking: bool = False,
) -> dict[Any, dict[str, int]]:
    """``{group value: {check name: failing rows}}`` for the rows ``where`` keeps (only the
    blocking ones with ``blocking``), grouped by ``group``: a path from the owner's row (e.g.
    ``federation_id``), or a function of the path to the owner giving the column; "" for one
    total under ``None``. One conditional ``GROUP BY`` query per model and owner, one per
    check marked ``alone``."""
    result: dict[Any, dict[str, int]] = {}
    passes: dict[tuple[type, str, str], list[Check]] = {}
    for one in checks:
        key = (one.model, one.to_owner, one.name if one.alone else "")
        passes.setdefault(key, []).append(one)
    for (model, to_owner, _alone), together in passes.items():
        column = (group(to_owner) if callable(group) else f"{to_owner}{group}") if group else None
        rows = model.all_objects.filter(where(to_owner)).order_by()
        conditions = [one.condition_for(period, blocking=blocking) for one in together]
        if len(together) == 1:  # the condition as a filter: the database skips other rows
            rows = rows.filter(conditions[0])
            aggregates = {"c0": Count("pk")}
        else:
            aggregates = {
                f"c{index}": Count("pk", filter=condition)
                for index, condition in enumerate(conditions)
            }
        found = (
            rows.values(column).annotate(**aggregates) if column else [rows.aggregate(**aggregates)]
        )
        for row in found:
            counts = result.setdefault(row[column] if column else None, {})
            for index, one in enumerate(together):
                counts[one.name] = row[f"c{index}"]
    return result


def counts(
    ids: Sequence[int], period: Period, checks: Iterable[Check] | None = None
) -> dict[int, dict[str, int]]:
    """``{workstation id: {check name: blocking rows}}`` for ``checks`` (by default those of
    severity ``error``: the compliance indicator counts the errors its workstation can
    correct), every check present for every id. Rows count at their owner's workstation."""
    chosen = list(ERROR_CHECKS if checks is None else checks)
    result = {station: {one.name: 0 for one in chosen} for station in ids}
    found = tally(at_workstations(ids), period, chosen, group=workstation_path, blocking=True)
    for station, by_check in found.items():
        if station in result:
            result[station].update(by_check)
    return result
