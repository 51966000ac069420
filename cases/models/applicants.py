"""Applicants: persons with disabilities (or those applying for them) and their profiles.

Resident ID and certificate numbers are never stored in clear: ``*_cipher`` holds the SM4-GCM
ciphertext (key outside the database, see ``cases/crypto.py``), ``*_hash`` a keyed hash for exact
lookup and duplicate detection, ``*_masked`` what every page shows (``3401**********1234``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Federation
from regions.scoping import RegionScoped

from .choices import DisabilityCategory, DisabilityGrade, SocialAssistance


class Applicant(RegionScoped):
    class Sex(models.TextChoices):
        MALE = "m", _("Male")
        FEMALE = "f", _("Female")

    federation = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="applicants",
        verbose_name=_("federation"),
    )
    name = models.CharField(_("full name"), max_length=64)
    id_number_cipher = models.BinaryField(_("resident ID number (encrypted)"), null=True)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    id_number_masked = models.CharField(_("resident ID number"), max_length=18, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    certificate_cipher = models.BinaryField(
        _("disability certificate number (encrypted)"), null=True
    )
    certificate_hash = models.CharField(max_length=64, blank=True, db_index=True)
    certificate_masked = models.CharField(
        _("disability certificate number"), max_length=22, blank=True
    )
    # The category and grade digits the certificate number carries (DOMAIN.md §4.3), stored when
    # the number is saved: the masked form hides them, and the data-quality check "certificate
    # contradicts the category or grade" compares them with the recorded ones in SQL.
    certificate_category = models.CharField(
        _("category on the certificate"), max_length=1, blank=True, default=""
    )
    certificate_grade = models.PositiveSmallIntegerField(
        _("grade on the certificate"), null=True, blank=True
    )
    disability_category = models.CharField(
        _("disability category"), max_length=1, choices=DisabilityCategory.choices, blank=True
    )
    # For a multiple disability (多重): the component categories, e.g. ["2", "3"].
    disability_components = models.JSONField(_("components"), default=list, blank=True)
    disability_grade = models.PositiveSmallIntegerField(
        _("disability grade"), choices=DisabilityGrade.choices, null=True, blank=True
    )
    no_fixed_income = models.BooleanField(_("no fixed source of income"), default=False)
    social_assistance = models.CharField(
        _("social assistance"),
        max_length=8,
        choices=SocialAssistance.choices,
        default=SocialAssistance.NONE,
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    sms_phone = models.CharField(_("mobile for SMS"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # CommunicationNeed values.
    communication_needs = models.JSONField(_("communication needs"), default=list, blank=True)
    guardian_name = models.CharField(_("guardian or agent"), max_length=64, blank=True)
    guardian_relationship = models.CharField(_("relationship"), max_length=32, blank=True)
    guardian_identity = models.CharField(
        _("guardian's identity document"), max_length=64, blank=True
    )
    guardian_phone = models.CharField(_("guardian's phone"), max_length=20, blank=True)
    guardian_is_adverse_party = models.BooleanField(
        _("the guardian is the adverse party (LAL Art. 40)"), default=False
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["federation", "name"], name="applicant_fed_name")]

    def __str__(self) -> str:
        return self.name


class ApplicantLink(RegionScoped):
    """Two applicant records a clerk confirmed are the same person (never merged silently)."""

    applicant = models.ForeignKey(
        Applicant, on_delete=models.PROTECT, related_name="links", verbose_name=_("applicant")
    )
    same_as = models.ForeignKey(
        Applicant, on_delete=models.PROTECT, related_name="+", verbose_name=_("same person as")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    linked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("linked by")
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("applicant link")
        verbose_name_plural = _("applicant links")
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(fields=["applicant", "same_as"], name="applicant_link_once"),
            models.CheckConstraint(
                condition=~models.Q(applicant=models.F("same_as")), name="applicant_link_not_self"
            ),
        ]
