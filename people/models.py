"""Staff members and legal service providers, and their engagements at workstations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Federation
from regions.scoping import RegionScoped


class Person(RegionScoped):
    """Someone who works for a workstation: federation staff or a legal service provider."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Federation staff member")
        LAWYER = "lawyer", _("Lawyer")
        LEGAL_WORKER = "legal_worker", _("Legal worker")
        OTHER = "other", _("Other legal professional")

    federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="people", verbose_name=_("federation")
    )
    name = models.CharField(_("name"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    is_formal_staff = models.BooleanField(
        _("formal (正式) staff of this federation"), default=False
    )
    licence_number = models.CharField(_("lawyer's licence number"), max_length=32, blank=True)
    law_firm = models.CharField(_("law firm"), max_length=128, blank=True)
    certificate_number = models.CharField(
        _("legal worker's certificate number"), max_length=32, blank=True
    )
    phone = models.CharField(_("work phone"), max_length=20, blank=True)
    # The staff account of a lawyer or legal worker who signs in: they see the cases they serve.
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    signs = models.BooleanField(_("knows sign language"), default=False)
    areas_of_law = models.CharField(_("areas of law"), max_length=200, blank=True)
    active_from = models.DateField(_("active from"))
    active_until = models.DateField(_("active until"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["federation_id", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="lawyer") | ~models.Q(licence_number=""),
                name="person_lawyer_has_licence",
            ),
            models.CheckConstraint(
                condition=models.Q(active_until__isnull=True)
                | models.Q(active_until__gte=models.F("active_from")),
                name="person_active_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.LAWYER and not self.licence_number.strip():
            raise ValidationError({"licence_number": _("A lawyer must have a licence number.")})
        if self.active_until and self.active_until < self.active_from:
            raise ValidationError({"active_until": _("The end is before the start.")})

    def is_active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_until is None or day <= self.active_until)

    @property
    def is_provider(self) -> bool:
        return self.kind != self.Kind.STAFF


class Engagement(RegionScoped):
    """How a person serves a workstation, over a period."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer")
        CONTRACT = "contract", _("Engaged by contract")
        SECONDED = "seconded", _("Seconded")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="engagements", verbose_name=_("person")
    )
    workstation = models.ForeignKey(
        "workstations.Workstation",
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name=_("workstation"),
    )
    kind = models.CharField(_("kind of engagement"), max_length=16, choices=Kind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    fee_terms = models.CharField(_("fee terms"), max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="engagement_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()}"
