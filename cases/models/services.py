"""The six services (notice standard 5) a case receives, and what each needs recorded."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.scoping import RegionScoped

from .cases import Case
from .choices import Channel


class Service(RegionScoped):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        DRAFTING = "drafting", _("Document drafting")
        MEDIATION = "mediation", _("Mediation")
        COORDINATION = "coordination", _("Coordination")
        REPRESENTATION = "representation", _("Representation")
        DEFENCE = "defence", _("Criminal defence")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="services", verbose_name=_("case")
    )
    kind = models.CharField(_("service"), max_length=16, choices=Kind.choices)
    provider = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("provided by"),
    )
    provided_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    # Drafting: the document drafted (an uploaded Document, or generated from a template).
    drafted_document = models.ForeignKey(
        "cases.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted document"),
    )
    # Mediation.
    parties = models.TextField(_("parties"), blank=True)
    agreement_reached = models.BooleanField(_("agreement reached"), null=True, blank=True)
    agreement = models.TextField(_("agreement"), blank=True)
    performance_followed_up_on = models.DateField(
        _("performance followed up on"), null=True, blank=True
    )
    performance_note = models.TextField(_("performance of the agreement"), blank=True)
    # Coordination.
    partner = models.ForeignKey(
        "workstations.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner agency"),
    )
    # Representation and defence.
    proceeding = models.CharField(_("proceeding"), max_length=128, blank=True)
    court = models.CharField(_("court or organ"), max_length=128, blank=True)
    stage = models.CharField(_("stage"), max_length=64, blank=True)
    # Defence in a mandatory case: the legal aid appointment it follows.
    appointment_referral = models.ForeignKey(
        "cases.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal aid appointment"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["provided_on", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["case", "kind"], name="service_case_kind"),
            # The case list's "had a service of this kind" filter, driven from the service side.
            models.Index(fields=["kind", "case"], name="service_kind_case"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.provided_on}"


class MediationSession(RegionScoped):
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("mediation")
    )
    held_on = models.DateField(_("held on"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        base_manager_name = "all_objects"


class Accommodation(RegionScoped):
    """An access arrangement the federation made for a service (notice standard 5)."""

    class Kind(models.TextChoices):
        SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter")
        LARGE_PRINT = "large_print", _("Large print")
        EASY_READ = "easy_read", _("Easy-read material")
        BRAILLE = "braille", _("Braille")
        HOME_VISIT = "home_visit", _("Home visit")
        OTHER = "other", _("Other accommodation")

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="accommodations",
        verbose_name=_("service"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    provided_by = models.CharField(_("provided by"), max_length=64, blank=True)
    provided_on = models.DateField(_("date"))
    cost = models.DecimalField(
        _("cost (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["provided_on", "pk"]
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")
        base_manager_name = "all_objects"
