"""Risk prevention (notice standard 6): flags on cases, reviewed by a supervisor."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.scoping import RegionScoped

from .cases import Case


class RiskFlag(RegionScoped):
    class Kind(models.TextChoices):
        GROUP_DISPUTE = "group_dispute", _("Group dispute")
        HIGH_IMPACT = "high_impact", _("High social impact")
        DEADLINE = "deadline", _("Imminent deadline")
        SELF_HARM = "self_harm", _("Risk of self-harm or extreme action")
        CONFLICT = "conflict", _("Conflict of interest")
        COMPLAINT = "complaint", _("Complaint")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="risks", verbose_name=_("case")
    )
    kind = models.CharField(_("risk"), max_length=16, choices=Kind.choices)
    note = models.TextField(_("what was seen"))
    raised_at = models.DateTimeField(_("raised at"))
    raised_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("raised by")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(_("review"), blank=True)

    class Meta:
        ordering = ["-raised_at", "pk"]
        verbose_name = _("risk flag")
        verbose_name_plural = _("risk flags")
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["reviewed_at", "raised_at"], name="risk_open")]

    def __str__(self) -> str:
        return self.get_kind_display()
