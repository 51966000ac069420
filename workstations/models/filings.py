"""Filing (备案) of the daily-management person with the level above."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regions.models import Federation
from regions.scoping import RegionScoped


class Filing(RegionScoped):
    """One version of a federation's filing; filed under the filing federation's region, so the
    level above sees it through the ordinary scope."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", pgettext_lazy("filing status", "Accepted")
        RETURNED = "returned", _("Returned")

    federation = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("filing federation"),
    )
    filed_with = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="filings_received",
        verbose_name=_("filed with"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("daily-management person"),
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
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
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        ordering = ["federation_id", "-number"]
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(fields=["federation", "number"], name="filing_version_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="returned") | ~models.Q(return_reason=""),
                name="filing_return_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.federation} · {self.number}"
