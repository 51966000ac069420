"""The public notice (服务公示, standard 4), versioned with effective dates, and where it is
published."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.scoping import RegionScoped
from workstations.models.stations import Workstation


class PublicNotice(RegionScoped):
    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("workstation"),
    )
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    scope_of_cases = models.TextField(_("scope of cases accepted"), blank=True)
    workflow = models.TextField(_("workflow"), blank=True)
    working_hours = models.CharField(_("working hours"), max_length=200, blank=True)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    sms_number = models.CharField(_("SMS number"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    sign_language_video = models.CharField(
        _("sign-language video contact"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.workstation} · {self.effective_from}"


class Publication(RegionScoped):
    class Channel(models.TextChoices):
        WEBSITE = "website", _("Website")
        MEDIA = "media", _("Media")
        NOTICE_BOARD = "notice_board", _("Notice board")
        SERVICE_WINDOW = "service_window", _("Service window")

    notice = models.ForeignKey(
        PublicNotice,
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("public notice"),
    )
    channel = models.CharField(_("where"), max_length=16, choices=Channel.choices)
    published_on = models.DateField(_("published on"))
    location = models.CharField(_("address or place"), max_length=200, blank=True)

    class Meta:
        ordering = ["channel", "-published_on"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"
