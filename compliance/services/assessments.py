"""A workstation's self-assessment: started for a period that has ended, filled in criterion by
criterion beside what the data say, and submitted to the federation directly above.

The level above reviews (``compliance.services.reviews``). Decided here, once:

- Only the federation DIRECTLY above a workstation's federation reviews it (a city its
  counties, a province its cities and the counties directly under it). A province does not
  review a county of one of its cities: the city does. A provincial federation has no level
  above it in this system (the CDPF reviews it), so it cannot start a self-assessment here.
- Only the workstation's own federation fills in, revises and submits its self-assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from audit.services import record
from compliance.models import Assessment, AssessmentItem, Result
from compliance.selectors.assessments import computed_for, criteria_at
from lawstation.errors import DomainError
from lawstation.periods import Period
from lawstation.versioning import lock_at_version
from regions.models import Federation
from workstations.models import Workstation

EDITABLE = (Assessment.Status.DRAFT, Assessment.Status.RETURNED)
MAX_STATEMENT = 4000


@dataclass(frozen=True)
class Answer:
    """What the workstation says about one item."""

    self_result: str
    statement: str


def error_key(item: AssessmentItem | int, field: str) -> str:
    """The key an error about one item's field is raised under (the form names its fields so)."""
    return f"{field}_{getattr(item, 'pk', item)}"


def federation_of(actor: Any) -> Federation | None:
    """The federation the actor works for, or ``None`` (no membership)."""
    membership = (
        Membership.all_objects.select_related("federation__region")
        .filter(user_id=getattr(actor, "pk", None))
        .first()
    )
    return membership.federation if membership else None


def reviewer_of(federation: Federation) -> Federation:
    """The federation directly above ``federation``; refused when there is none here."""
    parent = federation.region.parent
    if parent is None:
        raise DomainError(
            _(
                "A provincial federation's workstation is reviewed by the China Disabled "
                "Persons' Federation, outside this system, so its self-assessment cannot be "
                "made here."
            ),
            code="no_level_above",
        )
    above = Federation.objects.filter(region=parent).first()
    if above is None:
        raise DomainError(
            _("%(region)s has no federation on record to review this self-assessment.")
            % {"region": parent.name},
            code="no_level_above",
        )
    return above


@transaction.atomic
def start_assessment(
    federation: Federation, *, actor: Any, period: Period, today: date | None = None
) -> Assessment:
    """A draft self-assessment of ``federation``'s workstation for ``period``, one item per
    criterion in force at the period's end (national and the province's own)."""
    workstation, reviewer = _check_start(federation, period, today or timezone.localdate())
    framework, criteria = criteria_at(period.end, federation.region.province_code)
    if framework is None or not criteria:
        raise DomainError(
            _("No version of the standards was in force on %(end)s.")
            % {"end": period.end.isoformat()},
            code="no_framework",
        )
    assessment = Assessment(
        workstation=workstation,
        framework=framework,
        period_start=period.start,
        period_end=period.end,
        reviewer=reviewer,
    )
    assessment.set_region(federation.region)
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:  # a concurrent start of the same period
        raise _duplicate(period) from error
    items = [AssessmentItem(assessment=assessment, criterion=criterion) for criterion in criteria]
    for item in items:
        item.set_region(federation.region)
    AssessmentItem.all_objects.bulk_create(items)
    record(
        "assessment.created",
        assessment,
        actor=actor,
        changes={
            "period": [None, period.key],
            "framework": [None, framework.code],
            "criteria": [None, len(items)],
            "reviewer": [None, reviewer.region_id],
        },
    )
    return assessment


def _check_start(
    federation: Federation, period: Period, today: date
) -> tuple[Workstation, Federation]:
    """The workstation and its reviewer, when a self-assessment of ``period`` may start."""
    if not period.has_ended(today):
        raise DomainError(
            {
                "period": _(
                    "The period %(period)s has not ended yet (it ends on %(end)s). A period is "
                    "assessed once it is over."
                )
                % {"period": period.key, "end": period.end.isoformat()}
            },
            code="not_ended",
        )
    workstation = Workstation.all_objects.filter(federation=federation).first()
    if workstation is None:
        raise DomainError(
            _("%(federation)s has no workstation on record, so there is nothing to assess.")
            % {"federation": federation.name},
            code="no_workstation",
        )
    reviewer = reviewer_of(federation)
    if Assessment.all_objects.filter(
        workstation=workstation, period_start=period.start, period_end=period.end
    ).exists():
        raise _duplicate(period)
    return workstation, reviewer


def _duplicate(period: Period) -> DomainError:
    return DomainError(
        {"period": _("There is already a self-assessment of %(period)s.") % {"period": period.key}},
        code="duplicate",
    )


@transaction.atomic
def save_answers(
    assessment: Assessment,
    *,
    actor: Any,
    answers: dict[int, Answer],
    expected_version: int | None,
) -> Assessment:
    """Record the workstation's result and statement per item (only the items it may edit:
    all of them in a draft, the ones the reviewer disagreed with once returned)."""
    check_own(assessment, actor)
    locked = lock_at_version(assessment, expected_version)
    _check_editable(locked)
    items = {item.pk: item for item in _items(locked)}
    errors: dict[str, str] = {}
    changes: dict[str, list] = {}
    changed: list[AssessmentItem] = []
    for pk, answer in answers.items():
        item = items.get(pk)
        if item is None:
            continue
        self_result = (answer.self_result or "").strip()
        statement = (answer.statement or "").strip()
        if self_result and self_result not in Result.values:
            errors[error_key(item, "self_result")] = _("Choose a result.")
            continue
        if len(statement) > MAX_STATEMENT:
            errors[error_key(item, "statement")] = _(
                "The statement is too long (%(limit)s characters at most)."
            ) % {"limit": MAX_STATEMENT}
            continue
        if (self_result, statement) == (item.self_result, item.statement):
            continue
        if not is_item_editable(locked, item):
            errors[error_key(item, "self_result")] = _(
                "The reviewer agreed with this item; only the items they disagreed with are "
                "revised."
            )
            continue
        if self_result != item.self_result:
            changes[f"{item.criterion.code}.self_result"] = [item.self_result, self_result]
        if statement != item.statement:
            changes[f"{item.criterion.code}.statement"] = [item.statement, statement]
        item.self_result, item.statement = self_result, statement
        changed.append(item)
    if errors:
        raise DomainError(errors, code="invalid")
    AssessmentItem.all_objects.bulk_update(changed, ["self_result", "statement"])
    locked.save(update_fields=["version"])
    if changes:
        record("assessment.updated", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def submit_assessment(
    assessment: Assessment, *, actor: Any, expected_version: int | None
) -> Assessment:
    """Send the self-assessment to the level above: every item answered (with a statement where
    it differs from the data), the computed results and figures kept as a snapshot."""
    check_own(assessment, actor)
    locked = lock_at_version(assessment, expected_version)
    _check_editable(locked)
    items = _items(locked)
    computed = computed_for(locked, items)
    errors: dict[str, str] = {}
    for item in items:
        result = computed.get(item.pk)
        if not item.self_result:
            errors[error_key(item, "self_result")] = _(
                "%(code)s: give your own result before submitting."
            ) % {"code": item.criterion.code}
        elif result is not None and item.self_result != result.status and not item.statement:
            errors[error_key(item, "statement")] = _(
                "%(code)s: your result differs from what the data say; explain why in the "
                "statement."
            ) % {"code": item.criterion.code}
    if errors:
        raise DomainError(errors, code="incomplete")
    for item in items:
        result = computed.get(item.pk)
        item.computed_result = str(result.status) if result is not None else ""
        item.computed_figures = dict(result.figures) if result is not None else {}
        if item.review == AssessmentItem.Review.DISAGREE:
            item.review = ""  # to be reviewed again; the comment stays as the last round's
    AssessmentItem.all_objects.bulk_update(items, ["computed_result", "computed_figures", "review"])
    before = locked.status
    locked.status = Assessment.Status.SUBMITTED
    locked.round += 1
    locked.submitted_at = timezone.now()
    locked.save()
    record(
        "assessment.submitted",
        locked,
        actor=actor,
        changes={"status": [before, locked.status], "round": [locked.round - 1, locked.round]},
    )
    return locked


def check_own(assessment: Assessment, actor: Any) -> None:
    """Only the workstation's own federation writes its self-assessment."""
    federation = federation_of(actor)
    workstation = Workstation.all_objects.only("federation_id").get(pk=assessment.workstation_id)
    if federation is None or federation.pk != workstation.federation_id:
        raise DomainError(
            _("Only the workstation's own federation fills in its self-assessment."),
            code="not_own",
        )


def is_item_editable(assessment: Assessment, item: AssessmentItem) -> bool:
    if assessment.status == Assessment.Status.DRAFT:
        return True
    return (
        assessment.status == Assessment.Status.RETURNED
        and item.review == AssessmentItem.Review.DISAGREE
    )


def _check_editable(assessment: Assessment) -> None:
    if assessment.status not in EDITABLE:
        raise DomainError(
            _("This self-assessment is %(status)s; it can no longer be changed.")
            % {"status": assessment.get_status_display()},
            code="not_editable",
        )


def _items(assessment: Assessment) -> list[AssessmentItem]:
    return list(
        AssessmentItem.all_objects.filter(assessment=assessment).select_related(
            "criterion__standard"
        )
    )
