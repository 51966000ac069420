"""Reads of self-assessments: the own federation's, the reviewer's queue, and the assessment page
(per standard, per criterion: what the data say beside what the workstation says)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from compliance.figure_labels import figure_rows
from compliance.indicators import IndicatorResult
from compliance.models import (
    Assessment,
    AssessmentItem,
    Criterion,
    Evidence,
    Framework,
    Result,
    Standard,
)
from compliance.selectors.indicators import indicator_results
from compliance.selectors.standards import criteria_for, current_framework
from compliance.standards import FRAMEWORK_CODE, criterion_text, measure_text, standard_title
from lawstation.periods import Period
from regions.models import Federation
from regions.scoping import Scope, activate, get_in_scope_or_404


def criteria_at(on: date, province_code: str) -> tuple[Framework | None, list[Criterion]]:
    """The version of the standards in force on ``on`` and its criteria in force then, national
    and ``province_code``'s local ones, in the order shown."""
    framework = current_framework(on)
    return framework, (criteria_for(framework, province_code, on) if framework else [])


def criterion_label(criterion: Criterion) -> str:
    """A criterion's text in the reader's language (a national one of the national framework
    from the registry, anything else as stored)."""
    national = criterion.province_id is None and criterion.standard.framework.code == FRAMEWORK_CODE
    return str(criterion_text(criterion.code, criterion.text, is_national=national))


def period_of(assessment: Assessment) -> Period:
    return Period(assessment.period_start, assessment.period_end)


def computed_for(assessment: Assessment, items: list[AssessmentItem]) -> dict[int, IndicatorResult]:
    """``{item id: indicator result}`` computed now, for the items measured by an indicator."""
    results = indicator_results([assessment.workstation], period_of(assessment)).get(
        assessment.workstation_id, {}
    )
    return {
        item.pk: results[item.criterion.measure]
        for item in items
        if item.criterion.measure and item.criterion.measure in results
    }


# --- Lists ----------------------------------------------------------------------------------


def _listed(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return queryset.select_related(
        "workstation__federation__region", "reviewer__region", "framework"
    ).order_by("-period_end", "-pk")


def assessments_of(scope: Scope, federation: Federation) -> QuerySet[Assessment]:
    """The self-assessments of ``federation``'s own workstation."""
    with activate(scope):
        return _listed(Assessment.objects.filter(workstation__federation=federation))


def review_queue(scope: Scope, federation: Federation) -> QuerySet[Assessment]:
    """Self-assessments submitted to ``federation`` (the workstations directly below it)."""
    with activate(scope):
        return _listed(
            Assessment.objects.filter(reviewer=federation, status=Assessment.Status.SUBMITTED)
        )


def reviewed_by(scope: Scope, federation: Federation) -> QuerySet[Assessment]:
    """Self-assessments ``federation`` reviews that are not waiting for it (returned, final)."""
    with activate(scope):
        return _listed(
            Assessment.objects.filter(reviewer=federation).exclude(
                status__in=[Assessment.Status.SUBMITTED, Assessment.Status.DRAFT]
            )
        )


def assessment_in_scope(scope: Scope, pk: int) -> Assessment:
    return get_in_scope_or_404(
        Assessment.objects.select_related(
            "workstation__federation__region", "reviewer__region", "framework"
        ),
        scope,
        pk=pk,
    )


def item_in_scope(scope: Scope, assessment: Assessment, pk: int) -> AssessmentItem:
    return get_in_scope_or_404(
        AssessmentItem.objects.select_related("criterion__standard__framework"),
        scope,
        assessment=assessment,
        pk=pk,
    )


def evidence_in_scope(scope: Scope, assessment: Assessment, pk: int) -> Evidence:
    return get_in_scope_or_404(Evidence.objects.all(), scope, item__assessment=assessment, pk=pk)


# --- The assessment page --------------------------------------------------------------------


@dataclass
class ItemRow:
    item: AssessmentItem
    computed: str  # a Result value, or "" for a criterion judged on evidence alone
    figures: dict
    evidence: list[Evidence]
    editable: bool = False
    national: bool = False

    @property
    def text(self) -> str:
        """The criterion in the reader's language (a national one from the registry)."""
        criterion = self.item.criterion
        is_national = self.national and criterion.province_id is None
        return str(criterion_text(criterion.code, criterion.text, is_national=is_national))

    @property
    def measure_label(self) -> str:
        return str(measure_text(self.item.criterion.measure))

    @property
    def differs(self) -> bool:
        return bool(
            self.item.self_result and self.computed and self.item.self_result != self.computed
        )

    @property
    def disagreed(self) -> bool:
        return self.item.review == AssessmentItem.Review.DISAGREE or bool(
            self.item.review_comment and not self.item.review
        )

    @property
    def figure_list(self) -> list[tuple[str, str]]:
        """The figures as (label, value) pairs in words (a template's ``.items`` would find a
        figure named "items")."""
        return figure_rows(self.figures)

    @property
    def computed_label(self) -> str:
        return _result_label(self.computed)


@dataclass
class StandardRows:
    standard: Standard
    rows: list[ItemRow] = field(default_factory=list)
    national: bool = False

    @property
    def title(self) -> str:
        if self.national:
            return str(standard_title(self.standard.number))
        return self.standard.title


def assessment_page(scope: Scope, assessment: Assessment) -> list[StandardRows]:
    """The items grouped by standard, each with the computed result (fresh while the
    workstation may still edit, the snapshot once submitted) and its evidence files."""
    with activate(scope):
        items = list(
            AssessmentItem.objects.filter(assessment=assessment)
            .select_related("criterion__standard")
            .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        )
    fresh = assessment.status in (Assessment.Status.DRAFT, Assessment.Status.RETURNED)
    computed = computed_for(assessment, items) if fresh else {}
    national = assessment.framework.code == FRAMEWORK_CODE
    groups: dict[int, StandardRows] = {}
    for item in items:
        if fresh:
            result = computed.get(item.pk)
            status = str(result.status) if result else ""
            figures = dict(result.figures) if result else {}
        else:
            status, figures = item.computed_result, item.computed_figures or {}
        editable = fresh and (
            assessment.status == Assessment.Status.DRAFT
            or item.review == AssessmentItem.Review.DISAGREE
        )
        group = groups.setdefault(
            item.criterion.standard_id, StandardRows(item.criterion.standard, national=national)
        )
        evidence = list(item.evidence.all())
        group.rows.append(ItemRow(item, status, figures, evidence, editable, national))
    return list(groups.values())


def _result_label(value: str) -> str:
    return str(dict(Result.choices).get(value, "")) if value else ""
