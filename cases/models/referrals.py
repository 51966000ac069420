"""Referrals to legal aid, to a court for fee relief, to national judicial aid, to a department."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import referral_rules
from regions.scoping import RegionScoped

from .cases import Case


class Referral(RegionScoped):
    class Kind(models.TextChoices):
        LEGAL_AID = "legal_aid", _("Legal aid institution")
        FEE_RELIEF = "fee_relief", _("Court: litigation-fee relief")
        JUDICIAL_AID = "judicial_aid", _("National judicial aid")
        DEPARTMENT = "department", _("Competent department")

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CONCLUDED = "concluded", _("Outcome recorded")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("case")
    )
    kind = models.CharField(_("referred to"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREPARED
    )
    partner = models.ForeignKey(
        "workstations.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("receiving agency"),
    )
    # Why this agency (LAL Art. 38 routing), as the rules explained it.
    routing_basis = models.TextField(_("why this agency"), blank=True)
    is_litigation = models.BooleanField(_("litigation matter"), default=False)
    is_mandatory_defence = models.BooleanField(
        _("mandatory legal-aid defence (LAL Art. 25)"), default=False
    )
    materials = models.JSONField(_("materials checklist"), default=list, blank=True)
    # Each step keeps the day it happened (``*_on``, as entered) and when it was recorded.
    consented_on = models.DateField(_("applicant consented on"), null=True, blank=True)
    consent_recorded_at = models.DateTimeField(
        _("applicant's consent recorded at"), null=True, blank=True
    )
    prepared_at = models.DateTimeField(_("prepared at"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    assignment_due_on = models.DateField(_("assignment due on"), null=True, blank=True)
    assigned_on = models.DateField(_("lawyer assigned on"), null=True, blank=True)
    assigned_lawyer = models.CharField(_("assigned lawyer"), max_length=64, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    concluded_on = models.DateField(_("outcome known on"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["prepared_at", "pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        base_manager_name = "all_objects"
        constraints = [
            # The applicant's consent is recorded before the referral is sent.
            models.CheckConstraint(
                condition=models.Q(sent_on__isnull=True) | models.Q(consented_on__isnull=False),
                name="referral_consent_before_sending",
            ),
        ]
        indexes = [
            # The overdue list: sent referrals by decision date, accepted ones by assignment.
            models.Index(fields=["status", "decision_due_on"], name="referral_decision_due"),
            models.Index(fields=["status", "assignment_due_on"], name="referral_assignment_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_status_display()}"

    @property
    def due(self) -> referral_rules.Due | None:
        """What the receiving body owes next, and by when (None when nothing is pending)."""
        return referral_rules.next_due(
            self.status,
            decision_due_on=self.decision_due_on,
            assignment_due_on=self.assignment_due_on,
            assigned_on=self.assigned_on,
        )

    @property
    def is_overdue(self) -> bool:
        due = self.due
        return due is not None and due.is_overdue(timezone.localdate())

    @property
    def days_left(self) -> int | None:
        due = self.due
        return None if due is None else due.days_left(timezone.localdate())

    @property
    def days_overdue(self) -> int:
        days_left = self.days_left
        return -days_left if days_left is not None and days_left < 0 else 0
