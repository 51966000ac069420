"""The workstation (法律救助工作站), its status history and its premises (standard 2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regions.models import Federation
from regions.scoping import RegionScoped


class Workstation(RegionScoped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ESTABLISHED = "established", _("Established")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", pgettext_lazy("workstation status", "Closed")

    federation = models.OneToOneField(
        Federation,
        on_delete=models.PROTECT,
        related_name="workstation",
        verbose_name=_("federation"),
    )
    name = models.CharField(_("name"), max_length=128)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_document = models.CharField(_("approval document"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    head = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head"),
    )
    daily_manager = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("daily manager"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("workstation")
        verbose_name_plural = _("workstations")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.name


class StatusChange(RegionScoped):
    """The workstation's history: each status it entered, when, and on what document."""

    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("workstation"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Workstation.Status.choices)
    effective_on = models.DateField(_("effective on"))
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.effective_on}"


class PremisesItem(models.TextChoices):
    """Standard 2: what the reception premises must offer."""

    FIXED_SITE = "fixed_site", _("Fixed site")
    BARRIER_FREE = "barrier_free", _("Barrier-free access")
    STREET_FACING = "street_facing", _("Street-facing")
    GROUND_FLOOR = "ground_floor", _("Ground floor")
    PUBLIC_TRANSPORT = "public_transport", _("Near public transport")
    SIGNAGE = "signage", _("Conspicuous signage")
    OFFICE_EQUIPMENT = "office_equipment", _("Basic office equipment")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")


class PremisesCheck(RegionScoped):
    """One check of one premises item; the latest check of each item is the current state."""

    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="premises_checks",
        verbose_name=_("workstation"),
    )
    item = models.CharField(_("item"), max_length=20, choices=PremisesItem.choices)
    present = models.BooleanField(_("present"))
    evidence = models.CharField(
        _("evidence"),
        max_length=200,
        blank=True,
        help_text=_("What shows it: a photo or document reference."),
    )
    checked_on = models.DateField(_("checked on"))

    class Meta:
        ordering = ["item", "-checked_on", "-id"]
        verbose_name = _("premises check")
        verbose_name_plural = _("premises checks")
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["workstation", "item", "-checked_on"])]

    def __str__(self) -> str:
        return f"{self.get_item_display()}: {self.present}"
