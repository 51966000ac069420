"""Funding (经费保障, standard 8): budgets by source and year, spending, the financial rule."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.scoping import RegionScoped
from workstations.models.stations import Workstation


class Budget(RegionScoped):
    class Source(models.TextChoices):
        FISCAL = "fiscal", _("Fiscal allocation")
        FEDERATION = "federation", _("Federation funds")
        SERVICE_PURCHASE = "service_purchase", _("Purchase of service")
        OTHER = "other", _("Other")

    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="budgets",
        verbose_name=_("workstation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["-year", "source"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["workstation", "year", "source"], name="budget_one_per_source_year"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_source_display()} {self.amount}"


class Expenditure(RegionScoped):
    class Category(models.TextChoices):
        LEGAL_SERVICES = "legal_services", _("Legal services")
        ACCESSIBILITY = "accessibility", _("Sign language and accessibility")
        PREMISES = "premises", _("Premises and equipment")
        PUBLICITY = "publicity", _("Public notice and publicity")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="expenditures",
        verbose_name=_("workstation"),
    )
    spent_on = models.DateField(_("date"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-spent_on", "-id"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="expenditure_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.amount}"


class FinancialRule(RegionScoped):
    workstation = models.ForeignKey(
        Workstation,
        on_delete=models.PROTECT,
        related_name="financial_rules",
        verbose_name=_("workstation"),
    )
    document_number = models.CharField(_("document number"), max_length=64)
    adopted_on = models.DateField(_("adopted on"))

    class Meta:
        ordering = ["-adopted_on"]
        verbose_name = _("financial management rule")
        verbose_name_plural = _("financial management rules")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.document_number
