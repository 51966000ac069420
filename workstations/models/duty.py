"""On-site duty days (坐班, standard 5): the monthly roster and the record that each happened."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.scoping import RegionScoped
from workstations.models.stations import Workstation


class DutyDay(RegionScoped):
    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="duty_days",
        verbose_name=_("workstation"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="duty_days",
        verbose_name=_("lawyer or legal worker"),
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        ordering = ["day", "starts_at"]
        verbose_name = _("on-site duty day")
        verbose_name_plural = _("on-site duty days")
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["workstation", "day"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="duty_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.person}"

    @property
    def held(self) -> bool:
        return self.checked_in_at is not None
