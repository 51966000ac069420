"""Local policy a province sets: what the law leaves to it (DOMAIN.md §1.3, §2.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region


class CasePolicy(models.Model):
    """One row per province; a province without one uses the defaults below."""

    province = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="case_policy", verbose_name=_("province")
    )
    # The province's economic-hardship standard: monthly income per family member, in yuan.
    hardship_income_per_month = models.DecimalField(
        _("economic hardship: monthly income per person below (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    acceptance_days = models.PositiveSmallIntegerField(
        _("days to accept or refuse a registered case"), default=7
    )
    archive_within_days = models.PositiveSmallIntegerField(
        _("days after closure to archive"), default=90
    )
    return_visit_within_days = models.PositiveSmallIntegerField(
        _("days after closure for the return visit"), default=30
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("case policy")
        verbose_name_plural = _("case policies")

    def __str__(self) -> str:
        return str(self.province)
