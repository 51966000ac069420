"""The coordination group (协调领导小组) and its office, with every adjustment on record."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Federation
from regions.scoping import RegionScoped


class PartnerUnit(models.TextChoices):
    """The member units named by the notice (standard 7) and the 2009 Opinions."""

    FEDERATION = "federation", _("Disabled persons' federation")
    COURT = "court", _("People's court")
    PROCURATORATE = "procuratorate", _("People's procuratorate")
    PUBLIC_SECURITY = "public_security", _("Public security")
    JUSTICE = "justice", _("Justice bureau")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs")
    HUMAN_RESOURCES = "human_resources", _("Human resources and social security")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    LEGAL_AID = "legal_aid", _("Legal aid institution")
    OTHER = "other", _("Other")


class CoordinationGroup(RegionScoped):
    federation = models.OneToOneField(
        Federation,
        on_delete=models.PROTECT,
        related_name="coordination_group",
        verbose_name=_("federation"),
    )
    established_on = models.DateField(_("set up on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    office_location = models.CharField(_("office"), max_length=200, blank=True)
    office_head = models.CharField(_("head of the office"), max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("coordination group")
        verbose_name_plural = _("coordination groups")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return str(self.federation)

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


class GroupAdjustment(RegionScoped):
    """One dated change to a group, with the document that made it."""

    class Kind(models.TextChoices):
        SET_UP = "set_up", _("Set up")
        REFORMED = "reformed", _("Re-formed")
        MEMBER_CHANGED = "member_changed", _("Members changed")
        DISSOLVED = "dissolved", _("Dissolved")

    group = models.ForeignKey(
        CoordinationGroup,
        on_delete=models.PROTECT,
        related_name="adjustments",
        verbose_name=_("coordination group"),
    )
    kind = models.CharField(_("adjustment"), max_length=16, choices=Kind.choices)
    effective_on = models.DateField(_("effective on"))
    document_number = models.CharField(
        _("document number"), max_length=64, help_text=_("For example 皖残联〔2019〕56号")
    )
    document_date = models.DateField(_("document date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document_number}"


class GroupMember(RegionScoped):
    group = models.ForeignKey(
        CoordinationGroup,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("coordination group"),
    )
    unit = models.CharField(_("member unit"), max_length=20, choices=PartnerUnit.choices)
    unit_name = models.CharField(_("unit name"), max_length=128)
    name = models.CharField(_("name"), max_length=64)
    post = models.CharField(_("post"), max_length=64)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.name} ({self.unit_name})"
