"""Choices shared by several case models: the vocabulary of the notice and DOMAIN.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisabilityCategory(models.TextChoices):
    """PDPL Art. 2; the digit is the certificate's category digit (DOMAIN.md §4.3)."""

    VISUAL = "1", _("Visual")
    HEARING = "2", _("Hearing")
    SPEECH = "3", _("Speech")
    PHYSICAL = "4", _("Physical")
    INTELLECTUAL = "5", _("Intellectual")
    PSYCHOSOCIAL = "6", _("Psychosocial")
    MULTIPLE = "7", _("Multiple")


class DisabilityGrade(models.IntegerChoices):
    """GB/T 26341-2010: grade 1 is the most severe."""

    ONE = 1, _("Grade 1 (most severe)")
    TWO = 2, _("Grade 2 (severe)")
    THREE = 3, _("Grade 3 (moderate)")
    FOUR = 4, _("Grade 4 (mild)")


class SocialAssistance(models.TextChoices):
    NONE = "none", _("None")
    MINIMUM_LIVING = "dibao", _("Minimum living allowance (低保)")
    EXTREME_POVERTY = "tekun", _("Extreme poverty support (特困)")


class CommunicationNeed(models.TextChoices):
    SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter")
    WRITTEN = "written", _("Written communication")
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy-read")
    BRAILLE = "braille", _("Braille")
    HOME_VISIT = "home_visit", _("Home visit")
    NO_PHONE = "no_phone", _("Do not phone")


class Channel(models.TextChoices):
    """How a request reached the station (notice standard 4, plus letters)."""

    IN_PERSON = "in_person", _("Face to face")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    WEB = "web", _("Web")
    LETTER = "letter", _("Letter")


class MatterCategory(models.TextChoices):
    """DOMAIN.md §6.2."""

    EMPLOYMENT = "employment", _("Employment and labour")
    EDUCATION = "education", _("Education")
    FAMILY = "family", _("Marriage and family")
    INHERITANCE = "inheritance", _("Inheritance and property")
    GUARDIANSHIP = "guardianship", _("Guardianship and capacity")
    SOCIAL_SECURITY = "social_security", _("Social security and assistance")
    TORT = "tort", _("Torts and personal injury")
    REHABILITATION = "rehabilitation", _("Rehabilitation and medical")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    CARE_INSTITUTION = "care_institution", _("Care institutions")
    CRIMINAL = "criminal", _("Criminal")
    ADMINISTRATIVE = "administrative", _("Administrative")
    GROUP = "group", _("Group infringement")
    DIGNITY = "dignity", _("Dignity")
    OTHER = "other", _("Other")
