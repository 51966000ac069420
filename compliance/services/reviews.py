"""The review of a submitted self-assessment by the federation directly above.

Per item the reviewer agrees, or disagrees with a comment; then concludes: returned to the
workstation for revision (when it disagrees with any item), or final. A final review with
disagreements sets the final result of those items itself. No federation reviews itself, and
only the direct parent reviews (``compliance.services.assessments``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from compliance.indicators import combine
from compliance.models import Assessment, AssessmentItem, Result
from compliance.services.assessments import error_key, federation_of
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from workstations.models import Workstation

SAVE, RETURN, FINAL = "save", "return", "final"
OUTCOMES = (SAVE, RETURN, FINAL)
MAX_COMMENT = 4000
Review = AssessmentItem.Review


@dataclass(frozen=True)
class Decision:
    review: str  # "agree", "disagree" or "" (not yet)
    comment: str = ""
    final_result: str = ""  # only for a disagreed item concluded as final


def check_reviewer(assessment: Assessment, actor: Any) -> None:
    """Refuse anyone but a member of the federation directly above the workstation."""
    federation = federation_of(actor)
    workstation = Workstation.all_objects.only("federation_id").get(pk=assessment.workstation_id)
    if federation is None or federation.pk == workstation.federation_id:
        raise DomainError(
            _(
                "No federation reviews itself: this self-assessment is reviewed by the "
                "federation directly above."
            ),
            code="own_federation",
        )
    if federation.pk != assessment.reviewer_id:
        raise DomainError(
            _(
                "Only the federation directly above the workstation, %(reviewer)s, reviews "
                "this self-assessment."
            )
            % {"reviewer": assessment.reviewer.name},
            code="not_reviewer",
        )


def can_review(assessment: Assessment, actor: Any) -> bool:
    try:
        check_reviewer(assessment, actor)
    except DomainError:
        return False
    return True


@transaction.atomic
def review_assessment(
    assessment: Assessment,
    *,
    actor: Any,
    decisions: dict[int, Decision],
    outcome: str,
    expected_version: int | None,
) -> Assessment:
    """Record the reviewer's decisions and, unless ``outcome`` is ``save``, conclude: ``return``
    to the workstation, or ``final``."""
    check_reviewer(assessment, actor)
    if outcome not in OUTCOMES:
        raise DomainError(_("Choose how to conclude the review."), code="outcome")
    locked = lock_at_version(assessment, expected_version)
    if locked.status != Assessment.Status.SUBMITTED:
        raise DomainError(
            _("This self-assessment is not waiting for review (it is %(status)s).")
            % {"status": locked.get_status_display()},
            code="not_submitted",
        )
    items = list(AssessmentItem.all_objects.filter(assessment=locked).select_related("criterion"))
    changes = _apply(items, decisions)
    AssessmentItem.all_objects.bulk_update(items, ["review", "review_comment", "final_result"])
    locked.save(update_fields=["version"])
    if changes:
        record("assessment.reviewed", locked, actor=actor, changes=changes)
    if outcome == RETURN:
        _return(locked, items, actor)
    elif outcome == FINAL:
        _finalise(locked, items, actor)
    return locked


def final_result_of(items: list[AssessmentItem]) -> str:
    """The assessment's result: each standard combined over its items, then the standards."""
    by_standard: dict[int, list[str]] = {}
    for item in items:
        by_standard.setdefault(item.criterion.standard_id, []).append(item.final_result)
    return str(combine(combine(results) for results in by_standard.values()))


def _apply(items: list[AssessmentItem], decisions: dict[int, Decision]) -> dict[str, list]:
    errors: dict[str, str] = {}
    changes: dict[str, list] = {}
    for item in items:
        decision = decisions.get(item.pk)
        if decision is None:
            continue
        review = (decision.review or "").strip()
        comment = (decision.comment or "").strip()
        final_result = (decision.final_result or "").strip()
        if review and review not in Review.values:
            errors[error_key(item, "review")] = _("Agree or disagree.")
        elif review == Review.DISAGREE and not comment:
            errors[error_key(item, "comment")] = _(
                "%(code)s: say why you disagree in the comment."
            ) % {"code": item.criterion.code}
        elif len(comment) > MAX_COMMENT:
            errors[error_key(item, "comment")] = _(
                "The comment is too long (%(limit)s characters at most)."
            ) % {"limit": MAX_COMMENT}
        elif final_result and final_result not in Result.values:
            errors[error_key(item, "final_result")] = _("Choose a result.")
        if errors:
            continue
        if not review and item.review_comment and not comment:
            comment = item.review_comment  # the last round's comment stays until replaced
        new = (review, comment, final_result if review == Review.DISAGREE else "")
        old = (item.review, item.review_comment, item.final_result)
        if new != old:
            code = item.criterion.code
            for name, before, after in zip(
                ("review", "comment", "final_result"), old, new, strict=True
            ):
                if before != after:
                    changes[f"{code}.{name}"] = [before, after]
            item.review, item.review_comment, item.final_result = new
    if errors:
        raise DomainError(errors, code="invalid")
    return changes


def _unreviewed(items: list[AssessmentItem]) -> None:
    errors = {
        error_key(item, "review"): _("%(code)s: agree or disagree before concluding.")
        % {"code": item.criterion.code}
        for item in items
        if item.review not in Review.values
    }
    if errors:
        raise DomainError(errors, code="unreviewed")


def _return(assessment: Assessment, items: list[AssessmentItem], actor: Any) -> None:
    _unreviewed(items)
    disagreed = [item.criterion.code for item in items if item.review == Review.DISAGREE]
    if not disagreed:
        raise DomainError(
            _(
                "You agree with every item, so there is nothing to revise: conclude the review "
                "as final."
            ),
            code="nothing_to_return",
        )
    before = assessment.status
    assessment.status = Assessment.Status.RETURNED
    assessment.reviewed_at = timezone.now()
    assessment.save(update_fields=["status", "reviewed_at"])
    record(
        "assessment.returned",
        assessment,
        actor=actor,
        changes={"status": [before, assessment.status], "disagreed": [None, disagreed]},
    )


def _finalise(assessment: Assessment, items: list[AssessmentItem], actor: Any) -> None:
    _unreviewed(items)
    errors = {
        error_key(item, "final_result"): _(
            "%(code)s: you disagree, so give the final result yourself."
        )
        % {"code": item.criterion.code}
        for item in items
        if item.review == Review.DISAGREE and not item.final_result
    }
    if errors:
        raise DomainError(errors, code="final_result")
    for item in items:
        if item.review == Review.AGREE:
            item.final_result = item.self_result
    AssessmentItem.all_objects.bulk_update(items, ["final_result"])
    before = assessment.status
    assessment.status = Assessment.Status.FINAL
    assessment.reviewed_at = timezone.now()
    assessment.result = final_result_of(items)
    assessment.save(update_fields=["status", "reviewed_at", "result"])
    record(
        "assessment.finalised",
        assessment,
        actor=actor,
        changes={"status": [before, assessment.status], "result": [None, assessment.result]},
    )
