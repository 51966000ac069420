"""Periodic statistical reports sent up level by level, their history, and reopen requests.

A federation submits its report for a period (a frozen snapshot of the figure table of its region)
to the federation directly above; that federation returns it with a reason or accepts it. An
accepted report locks the period for the submitting federation's region: the reportable records of
that region dated inside the period cannot change (``stats.locking``) until a reopen request is
accepted by the level above. The provincial federation's report goes to the national federation
outside this system: ``submitted_to`` is empty and its submission is final on sending.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regions.models import Federation, Region
from regions.scoping import RegionScoped


class PeriodReport(RegionScoped):
    """One federation's report for one period; filed under the submitting federation's region,
    so the level above sees it through the ordinary scope."""

    class Kind(models.TextChoices):
        MONTH = "month", _("Monthly")
        QUARTER = "quarter", _("Quarterly")
        YEAR = "year", _("Yearly")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
        RETURNED = "returned", pgettext_lazy("report status", "Returned")
        ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")
        REOPENED = "reopened", pgettext_lazy("report status", "Reopened")

    federation = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="period_reports",
        verbose_name=_("federation"),
    )
    # The submitting federation's region, kept on the row so the lock check
    # (``stats.locking``) is one indexed query on region codes, without a join.
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    # The federation directly above; empty for a province (it reports outside this system).
    submitted_to = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="period_reports_received",
        verbose_name=_("submitted to"),
    )
    kind = models.CharField(_("report"), max_length=8, choices=Kind.choices)
    period_key = models.CharField(_("period"), max_length=32)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    # How many times it was submitted (1 for the first, 2 after one return, ...).
    number = models.PositiveSmallIntegerField(_("submission"), default=1)
    # The figure table as submitted: {"areas": [...], "values": {indicator: {area: value}}}.
    snapshot = models.JSONField(_("figures as submitted"), default=dict)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    is_late = models.BooleanField(_("submitted late"), default=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period_start", "federation_id"]
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "period_key"], name="period_report_once_per_period"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="returned") | ~models.Q(return_reason=""),
                name="period_report_return_has_reason",
            ),
        ]
        indexes = [
            # The lock check: accepted reports covering a day, by the federation's region.
            models.Index(
                fields=["region", "status", "period_start", "period_end"],
                name="period_report_lock",
            ),
            models.Index(fields=["submitted_to", "period_key"], name="period_report_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.federation} · {self.period_key}"


class ReportEvent(RegionScoped):
    """The report's history, step by step (the audit log has every step too)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("report event", "Submitted")
        RETURNED = "returned", pgettext_lazy("report event", "Returned with reasons")
        ACCEPTED = "accepted", pgettext_lazy("report event", "Accepted")
        REOPEN_REQUESTED = "reopen_requested", _("Reopening requested")
        REOPEN_ACCEPTED = "reopen_accepted", _("Reopening accepted")
        REOPEN_REFUSED = "reopen_refused", _("Reopening refused")

    report = models.ForeignKey(
        PeriodReport, on_delete=models.PROTECT, related_name="events", verbose_name=_("report")
    )
    action = models.CharField(_("step"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    reason = models.TextField(_("reason"), blank=True)
    # For a submission: the snapshot sent that time (earlier submissions stay readable).
    snapshot = models.JSONField(_("figures"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
        base_manager_name = "all_objects"


class ReopenRequest(RegionScoped):
    """A request to reopen an accepted (locked) report, decided by the level above."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        ACCEPTED = "accepted", pgettext_lazy("reopen request", "Accepted")
        REFUSED = "refused", pgettext_lazy("reopen request", "Refused")

    report = models.ForeignKey(
        PeriodReport,
        on_delete=models.PROTECT,
        related_name="reopen_requests",
        verbose_name=_("report"),
    )
    reason = models.TextField(_("why the figures must change"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        ordering = ["-requested_at", "pk"]
        verbose_name = _("reopen request")
        verbose_name_plural = _("reopen requests")
        base_manager_name = "all_objects"
        constraints = [
            # At most one undecided request per report.
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status="pending"),
                name="reopen_request_one_pending",
            ),
        ]
