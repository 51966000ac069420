"""Intake records, cases and their transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regions.models import Federation
from regions.scoping import RegionScoped

from .applicants import Applicant
from .choices import Channel, DisabilityCategory, MatterCategory


class Intake(RegionScoped):
    """One request for help as it arrived, on any channel."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not yet decided")
        CONSULTATION = "consultation", _("Closed on the spot as a consultation")
        CASE = "case", _("Registered as a case")

    federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="intakes", verbose_name=_("federation")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    applicant = models.ForeignKey(
        Applicant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intakes",
        verbose_name=_("applicant"),
    )
    # Who asked, as they gave it, before (or without) an applicant record: a web form, a phone call.
    contact_name = models.CharField(_("name given"), max_length=64, blank=True)
    contact_details = models.CharField(_("contact given"), max_length=200, blank=True)
    in_own_words = models.TextField(_("the matter in the person's own words"))
    is_oral = models.BooleanField(_("oral application written down by staff"), default=False)
    read_back_at = models.DateTimeField(_("read back and confirmed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    answer = models.TextField(_("answer given"), blank=True)
    # A form's one-time token: a double-submitted intake creates one record.
    submission_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["federation", "outcome", "-received_at"], name="intake_fed_list")
        ]
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_oral=False)
                | models.Q(read_back_at__isnull=False)
                | models.Q(outcome="pending"),
                name="intake_oral_read_back",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.received_at:%Y-%m-%d %H:%M}"


LIST_KEY = ["-registered_at", "-id"]
LIST_FILTERS = ["status", "matter_category", "disability_category", "channel", "has_open_risk"]
LIST_FILTERS += ["archive_due_on", "applicant", "number"]


class Case(RegionScoped):
    """A request for help registered as a case of one federation.

    Case numbers: ``<region code of the federation>-<year>-<serial>``, the serial zero-padded to
    four digits (``340102-2026-0012``; it simply grows past 9999). ``serial`` counts per
    federation and numbering year, so the number is unique per federation and year (the
    ``case_number_unique`` constraint). ``year`` is the numbering year: the year of
    registration, or of the transfer that gave the case its number at the receiving federation
    (the old number is kept in ``Transfer.previous_number``)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("case status", "Registered")
        ACCEPTED = "accepted", pgettext_lazy("case status", "Accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        IN_SERVICE = "in_service", _("In service")
        REFERRED = "referred", _("Referred, awaiting outcome")
        CLOSED = "closed", pgettext_lazy("case status", "Closed")
        ARCHIVED = "archived", _("Archived")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        PARTLY = "partly", _("Partly resolved")
        NOT_RESOLVED = "not_resolved", _("Not resolved")
        REFERRED = "referred", _("Referred")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        TERMINATED = "terminated", _("Terminated")

    class Termination(models.TextChoices):
        """LAL Art. 48: when legal aid ends."""

        NO_LONGER_HARDSHIP = "no_longer_hardship", _("No longer in economic hardship")
        ABUSE = "abuse", _("Uses legal aid for illegal purposes")
        FALSE_FACTS = "false_facts", _("Concealed facts or gave false evidence")
        REFUSES = "refuses", _("Refuses the service without good reason")
        OWN_LAWYER = "own_lawyer", _("Engaged a lawyer of their own")
        CASE_ENDED = "case_ended", _("The case was ended by the authorities")
        OTHER = "other", _("Another reason in law")

    class Decision(models.TextChoices):
        """What the clerk decided at triage (DOMAIN.md §0 rule 3)."""

        LEGAL_AID = "legal_aid", _("Refer to legal aid")
        FEE_RELIEF = "fee_relief", _("Refer for litigation-fee relief")
        JUDICIAL_AID = "judicial_aid", _("Refer to national judicial aid")
        DEPARTMENT = "department", _("Send to the competent department")
        DIRECT = "direct", _("Serve directly")

    federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="cases", verbose_name=_("federation")
    )
    workstation = models.ForeignKey(
        "workstations.Workstation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("workstation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("case number"), max_length=32, db_index=True)
    applicant = models.ForeignKey(
        Applicant, on_delete=models.PROTECT, related_name="cases", verbose_name=_("applicant")
    )
    intake = models.OneToOneField(
        Intake,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
        verbose_name=_("intake"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    matter = models.TextField(_("matter"))
    matter_category = models.CharField(
        _("matter category"), max_length=20, choices=MatterCategory.choices
    )
    # Copied from the applicant when the case is registered, so lists filter on one table.
    disability_category = models.CharField(
        _("disability category"), max_length=1, choices=DisabilityCategory.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    handler = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_cases",
        verbose_name=_("handled by"),
    )
    # Triage: the suggestions as computed (codes, reasons, articles), the decision and any override.
    triage_suggestions = models.JSONField(_("triage suggestions"), default=list, blank=True)
    # The facts the clerk entered at triage (cases/triage.py ``Facts``), as plain JSON values.
    triage_facts = models.JSONField(_("triage facts"), default=dict, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_override_reason = models.TextField(
        _("reason for departing from the suggestion"), blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    deadline_on = models.DateField(_("time limit in the matter ends on"), null=True, blank=True)
    # Milestones, stamped by the transition that reaches them.
    registered_at = models.DateTimeField(_("registered at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    not_accepted_at = models.DateTimeField(_("not accepted at"), null=True, blank=True)
    not_accepted_reason = models.TextField(_("reason for not accepting"), blank=True)
    service_started_at = models.DateTimeField(_("service started at"), null=True, blank=True)
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    termination_reason = models.CharField(
        _("termination reason (LAL Art. 48)"),
        max_length=24,
        choices=Termination.choices,
        blank=True,
    )
    money_recovered = models.DecimalField(
        _("economic loss recovered (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    closing_summary = models.TextField(_("closing summary"), blank=True)
    archive_due_on = models.DateField(_("archive due on"), null=True, blank=True)
    archive_number = models.CharField(_("archive number"), max_length=40, blank=True)
    archive_checklist = models.JSONField(_("file checklist"), default=dict, blank=True)
    is_confidential = models.BooleanField(_("confidential (privacy)"), default=False)
    # Kept in step by the risk services: an open flag without a review blocks closing.
    has_open_risk = models.BooleanField(_("open risk"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "serial"], name="case_number_unique"
            ),
            # One case, one file: an archive number is unique in its federation.
            models.UniqueConstraint(
                fields=["federation", "archive_number"],
                condition=~models.Q(archive_number=""),
                name="case_archive_number_unique",
            ),
        ]
        indexes = [
            # The case list (cases/selectors/lists.py): keyset pagination per scope level, newest
            # first; the filter columns follow, so a rare filter or the capped count reads the
            # index, not the table (measured at a million cases: bench/README.md).
            models.Index(fields=["county_code", *LIST_KEY, *LIST_FILTERS], name="case_county_list"),
            models.Index(fields=["city_code", *LIST_KEY, *LIST_FILTERS], name="case_city_list"),
            models.Index(
                fields=["province_code", *LIST_KEY, *LIST_FILTERS], name="case_province_list"
            ),
            # A search by case number across a whole province.
            models.Index(fields=["province_code", "number"], name="case_province_number"),
            # Open risks are few: PostgreSQL lists them from this partial index.
            models.Index(
                fields=["-registered_at", "-id"],
                condition=models.Q(has_open_risk=True),
                name="case_open_risk",
            ),
            models.Index(fields=["federation", "status", "-registered_at"], name="case_fed_status"),
        ]

    def __str__(self) -> str:
        return self.number


class Transition(RegionScoped):
    """One step of a case's lifecycle, kept for the file (the audit log has it too)."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="transitions", verbose_name=_("case")
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=Case.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=Case.Status.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case transition")
        verbose_name_plural = _("case transitions")
        base_manager_name = "all_objects"


class Transfer(RegionScoped):
    """A case moved to another federation's workstation, with the applicant's consent.

    Filed under the receiving region; ``from_federation`` keeps where it came from."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("case")
    )
    from_federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    consent_recorded_on = models.DateField(_("applicant's consent recorded on"))
    reason = models.TextField(_("reason"))
    # The case number at the sending federation; the case has a new one at the receiving one.
    previous_number = models.CharField(_("previous case number"), max_length=32, blank=True)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        ordering = ["at"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        base_manager_name = "all_objects"
