"""Partner agencies per region (standard 7) and the workstation's coordination contacts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region
from regions.scoping import RegionScoped
from workstations.models.groups import PartnerUnit
from workstations.models.stations import Workstation


class Partner(RegionScoped):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="partners", verbose_name=_("region")
    )
    kind = models.CharField(_("kind of agency"), max_length=20, choices=PartnerUnit.choices)
    name = models.CharField(_("name"), max_length=128)
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("partner agency")
        verbose_name_plural = _("partner agencies")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.name


class CoordinationContact(RegionScoped):
    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("workstation"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("agency")
    )
    contacted_on = models.DateField(_("date"))
    matter = models.CharField(_("matter"), max_length=200)
    result = models.CharField(_("result"), max_length=200, blank=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        verbose_name = _("coordination contact")
        verbose_name_plural = _("coordination contacts")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.contacted_on} {self.partner}"
