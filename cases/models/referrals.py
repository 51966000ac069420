"""Referrals to legal aid, to a court for fee relief, to national judicial aid, to a department."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
    routing_basis = models.CharField(_("why this agency"), max_length=200, blank=True)
    is_litigation = models.BooleanField(_("litigation matter"), default=False)
    is_mandatory_defence = models.BooleanField(
        _("mandatory legal-aid defence (LAL Art. 25)"), default=False
    )
    materials = models.JSONField(_("materials checklist"), default=list, blank=True)
    consent_recorded_at = models.DateTimeField(
        _("applicant's consent recorded at"), null=True, blank=True
    )
    prepared_at = models.DateTimeField(_("prepared at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    assignment_due_on = models.DateField(_("assignment due on"), null=True, blank=True)
    assigned_on = models.DateField(_("lawyer assigned on"), null=True, blank=True)
    assigned_lawyer = models.CharField(_("assigned lawyer"), max_length=64, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    concluded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["prepared_at", "pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_status_display()}"
