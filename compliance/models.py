"""The nine standards as versioned data, self-assessments reviewed by the level above, and
rectification (整改) tasks.

A ``Framework`` is one version of the nine CDPF standards (DOMAIN.md §1.2). Each ``Standard`` has
criteria; a criterion says how it is measured: ``measure`` names an indicator computed from the
records (``compliance.indicators``), or is empty for a criterion judged on evidence alone. A
province may add local criteria (``province`` set). Criteria are never edited in place: a change
is a new criterion and the old one is retired, so an assessment keeps exactly the criteria (one
``AssessmentItem`` each) and the framework it was made with.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regions.models import Federation, Region
from regions.scoping import RegionScoped
from workstations.models import Workstation


class Result(models.TextChoices):
    """The result of an indicator, a criterion or a standard."""

    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "na", _("Not applicable")


class Framework(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    source = models.CharField(_("source document"), max_length=200, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("version of the standards")
        verbose_name_plural = _("versions of the standards")

    def __str__(self) -> str:
        return self.title


class Standard(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="standards", verbose_name=_("version")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what it asks"), blank=True)

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="standard_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=9), name="standard_one_to_nine"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Criterion(models.Model):
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("standard")
    )
    code = models.CharField(_("code"), max_length=16)
    text = models.TextField(_("criterion"))
    # An indicator key of compliance.indicators, or "" for a criterion judged on evidence only.
    measure = models.CharField(_("how it is measured"), max_length=64, blank=True)
    # Null for a national criterion; the province for a local one.
    province = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    added_on = models.DateField(_("added on"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)

    class Meta:
        ordering = ["standard", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="criterion_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class Assessment(RegionScoped):
    """A workstation's self-assessment of one period, reviewed by the federation above."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for revision")
        FINAL = "final", _("Reviewed (final)")

    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("workstation"),
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    round = models.PositiveSmallIntegerField(_("round"), default=0)
    # The federation that reviews: the level above the workstation's federation.
    reviewer = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="assessments_to_review",
        verbose_name=_("reviewed by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    result = models.CharField(_("final result"), max_length=8, choices=Result.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["workstation", "period_start", "period_end"],
                name="assessment_one_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="assessment_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workstation} {self.period_start}–{self.period_end}"


class AssessmentItem(RegionScoped):
    """One criterion of one assessment: what the data say, what the workstation says, what the
    reviewer says."""

    class Review(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="items", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    # Snapshot of the indicator when the assessment was (last) submitted.
    computed_result = models.CharField(
        _("measured"), max_length=8, choices=Result.choices, blank=True
    )
    computed_figures = models.JSONField(_("figures"), default=dict, blank=True)
    self_result = models.CharField(
        _("self-assessed"), max_length=8, choices=Result.choices, blank=True
    )
    statement = models.TextField(_("statement"), blank=True)
    review = models.CharField(_("review"), max_length=8, choices=Review.choices, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    final_result = models.CharField(
        _("final result"), max_length=8, choices=Result.choices, blank=True
    )

    class Meta:
        ordering = ["assessment", "criterion__standard__number", "criterion__code"]
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="assessment_item_criterion"
            ),
            models.CheckConstraint(
                condition=~models.Q(review="disagree") | ~models.Q(review_comment=""),
                name="assessment_disagree_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.criterion.code}"


class Evidence(RegionScoped):
    """A file supporting one item (stored like case documents: ``cases.storage``)."""

    item = models.ForeignKey(
        AssessmentItem, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("item")
    )
    original_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=32, unique=True)
    kind = models.CharField(_("type"), max_length=16)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.original_name


class RectificationTask(RegionScoped):
    """整改: work to bring an unmet item up to the standard."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", pgettext_lazy("rectification status", "Done")
        CANCELLED = "cancelled", _("Cancelled")

    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="rectification_tasks",
        verbose_name=_("workstation"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    item = models.ForeignKey(
        AssessmentItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectification_tasks",
        verbose_name=_("assessment item"),
    )
    description = models.TextField(_("what must be done"))
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_note = models.TextField(_("evidence of completion"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rectification task")
        verbose_name_plural = _("rectification tasks")
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["workstation", "status", "deadline"], name="rect_open")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(completed_on__isnull=False),
                name="rect_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code} · {self.deadline}"
