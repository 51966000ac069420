"""Documents on cases and services, stored outside static paths under generated names."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.scoping import RegionScoped

from .cases import Case


class Document(RegionScoped):
    class Category(models.TextChoices):
        APPLICATION = "application", _("Application and registration")
        IDENTITY = "identity", _("Identity and disability certificate")
        EVIDENCE = "evidence", _("Evidence")
        DRAFTED = "drafted", _("Drafted document")
        MEDIATION = "mediation", _("Mediation agreement")
        CORRESPONDENCE = "correspondence", _("Letters and notices")
        DECISION = "decision", _("Decisions and judgments")
        OTHER = "other", _("Other")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="documents", verbose_name=_("case")
    )
    service = models.ForeignKey(
        "cases.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("service"),
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    title = models.CharField(_("title"), max_length=128)
    original_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title
