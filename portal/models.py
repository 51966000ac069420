"""The public portal's records: online requests for help (the web channel) and rate counters.

A ``HelpRequest`` is what a person (or someone for them) sent from ``/help/``. It lands in the
inbox of the federation whose workstation serves the region they chose; staff turn it into an
intake or a case (``cases``) or decline it. The requester is known to the public only by the
random ``reference`` (never a database id) and, for the status lookup, a second factor: the last
four digits of the phone given, or a code on the receipt when no phone was given. That factor is
stored only as a keyed hash (``lookup_hash``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regions.models import Federation, Region
from regions.scoping import RegionScoped


class HelpRequest(RegionScoped):
    class Requester(models.TextChoices):
        SELF = "self", _("The person who needs help")
        ON_BEHALF = "on_behalf", _("Someone asking for them")

    class ContactPreference(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone call")

    class Status(models.TextChoices):
        """Where the request is on the staff side; the public stage is derived from it and from
        the intake or case it became (``portal.stages``)."""

        NEW = "new", _("New")
        INTAKE = "intake", _("Taken up as a request for help")
        CASE = "case", _("Registered as a case")
        DECLINED = "declined", pgettext_lazy("help request status", "Declined")

    reference = models.CharField(_("reference"), max_length=16, unique=True)
    federation = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("federation"),
    )
    # The region the requester chose; the request is filed (RegionScoped) under the region of
    # the federation that serves it, which may be the city above a county without a workstation.
    chosen_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region chosen")
    )
    requester = models.CharField(_("who is asking"), max_length=16, choices=Requester.choices)
    name = models.CharField(_("name"), max_length=64)
    relationship = models.CharField(_("relationship to the person"), max_length=32, blank=True)
    person_name = models.CharField(
        _("name of the person who needs help"), max_length=64, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    contact_preference = models.CharField(
        _("how to contact"), max_length=8, choices=ContactPreference.choices
    )
    do_not_phone = models.BooleanField(_("do not phone"), default=False)
    # Codes of cases.models.DisabilityCategory and CommunicationNeed.
    disability_categories = models.JSONField(_("disability"), default=list, blank=True)
    communication_needs = models.JSONField(_("communication needs"), default=list, blank=True)
    needs_other = models.CharField(_("other needs"), max_length=200, blank=True)
    matter = models.TextField(_("the matter in their own words"))
    # PIPL Art. 29: separate consent to processing disability information, with the notice shown.
    consent_disability = models.BooleanField(_("consent to processing disability information"))
    consent_notice_version = models.CharField(max_length=16, blank=True)
    lookup_hash = models.CharField(max_length=64)
    submission_key = models.CharField(max_length=64, unique=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    status_changed_at = models.DateTimeField(_("status changed at"))
    intake = models.OneToOneField(
        "cases.Intake",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_request",
        verbose_name=_("intake"),
    )
    declined_reason = models.CharField(_("reason"), max_length=500, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["federation", "status", "-submitted_at"], name="helpreq_inbox")
        ]
        verbose_name = _("online request for help")
        verbose_name_plural = _("online requests for help")
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""),
                name="helpreq_has_contact",
            ),
            models.CheckConstraint(
                condition=models.Q(status="new")
                | models.Q(status="declined")
                | models.Q(intake__isnull=False),
                name="helpreq_taken_up_has_intake",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class RateCounter(models.Model):
    """Hits of one client (a keyed hash of its address, never the address) on one limited
    action within one fixed window. Shared by every server process through the database."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratecounter_window")
        ]
        indexes = [models.Index(fields=["window_start"], name="ratecounter_expiry")]

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.window_start:%H:%M} {self.hits}"
