"""Return visits (回访) after closure and complaints about the service."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.scoping import RegionScoped

from .cases import Case


class ReturnVisit(RegionScoped):
    class Method(models.TextChoices):
        PHONE = "phone", _("Phone")
        VISIT = "visit", _("Visit")
        LETTER = "letter", _("Letter")
        SMS = "sms", _("SMS")

    class Satisfaction(models.IntegerChoices):
        VERY_SATISFIED = 5, _("Very satisfied")
        SATISFIED = 4, _("Satisfied")
        NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        VERY_DISSATISFIED = 1, _("Very dissatisfied")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="return_visits", verbose_name=_("case")
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=8, choices=Method.choices, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), choices=Satisfaction.choices, null=True, blank=True
    )
    comments = models.TextField(_("comments"), blank=True)
    done_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        base_manager_name = "all_objects"


class Complaint(RegionScoped):
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("case")
    )
    return_visit = models.ForeignKey(
        ReturnVisit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("raised at return visit"),
    )
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("complaint"))
    handling = models.TextField(_("how it was handled"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        base_manager_name = "all_objects"
