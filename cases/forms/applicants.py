"""Forms of the applicant pages. They parse input only; the rules live in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Applicant,
    CommunicationNeed,
    DisabilityCategory,
    DisabilityGrade,
    SocialAssistance,
)

_NUMBER_ATTRS = {"autocomplete": "off", "spellcheck": "false", "inputmode": "text"}
SINGLE_CATEGORIES = [
    (value, label)
    for value, label in DisabilityCategory.choices
    if value != DisabilityCategory.MULTIPLE
]


def _text(label: str, max_length: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


class ApplicantForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=64)
    id_number = _text(
        _("Resident ID number"),
        32,
        widget=forms.TextInput(attrs=_NUMBER_ATTRS),
        help_text=_("18 characters; the date of birth and sex are taken from it."),
    )
    certificate_number = _text(
        _("Disability certificate number"),
        32,
        widget=forms.TextInput(attrs=_NUMBER_ATTRS),
        help_text=_(
            "20 characters (22 with a B ending); the category and grade are taken from it."
        ),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only for someone without a resident ID number."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        required=False,
        choices=[("", _("Not known")), *Applicant.Sex.choices],
        help_text=_("Only for someone without a resident ID number."),
    )
    disability_category = forms.ChoiceField(
        label=_("Disability category"),
        required=False,
        choices=[("", _("Not known yet")), *DisabilityCategory.choices],
    )
    disability_components = forms.MultipleChoiceField(
        label=_("Components of a multiple disability"),
        required=False,
        choices=SINGLE_CATEGORIES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for a multiple disability: tick at least two."),
    )
    disability_grade = forms.TypedChoiceField(
        label=_("Disability grade"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Not known yet")), *DisabilityGrade.choices],
    )
    no_fixed_income = forms.BooleanField(label=_("No fixed source of income"), required=False)
    social_assistance = forms.ChoiceField(
        label=_("Social assistance"), choices=SocialAssistance.choices, required=False
    )
    phone = _text(_("Phone"), 20, widget=forms.TextInput(attrs={"type": "tel"}))
    sms_phone = _text(_("Mobile for SMS"), 20, widget=forms.TextInput(attrs={"type": "tel"}))
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = _text(_("Address"), 200)
    communication_needs = forms.MultipleChoiceField(
        label=_("Communication needs"),
        required=False,
        choices=CommunicationNeed.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    guardian_name = _text(_("Guardian or agent"), 64)
    guardian_relationship = _text(_("Relationship to the applicant"), 32)
    guardian_identity = _text(_("Guardian's identity document"), 64)
    guardian_phone = _text(_("Guardian's phone"), 20, widget=forms.TextInput(attrs={"type": "tel"}))
    guardian_is_adverse_party = forms.BooleanField(
        label=_("The guardian or agent is the adverse party"),
        required=False,
        help_text=_("Legal Aid Law Art. 40: then the applicant may apply without them."),
    )


class ApplicantEditForm(ApplicantForm):
    """The same fields; numbers left empty keep the stored ones (shown masked)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    remove_id_number = forms.BooleanField(
        label=_("Remove the stored resident ID number"), required=False
    )
    remove_certificate = forms.BooleanField(
        label=_("Remove the stored certificate number"), required=False
    )

    def __init__(self, *args: Any, applicant: Applicant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = _("Leave empty to keep the stored number (%(masked)s).")
        if applicant.id_number_masked:
            self.fields["id_number"].help_text = keep % {"masked": applicant.id_number_masked}
        else:
            del self.fields["remove_id_number"]
        if applicant.certificate_masked:
            self.fields["certificate_number"].help_text = keep % {
                "masked": applicant.certificate_masked
            }
        else:
            del self.fields["remove_certificate"]

    def service_fields(self) -> dict[str, Any]:
        """Keyword arguments for ``update_applicant``: ``None`` keeps a stored number."""
        data = dict(self.cleaned_data)
        data.pop("version")
        for number, remove in (
            ("id_number", "remove_id_number"),
            ("certificate_number", "remove_certificate"),
        ):
            if data.pop(remove, False):
                data[number] = ""
            elif not data[number]:
                data[number] = None
        return data


class IdentifierSearchForm(forms.Form):
    """Posted, never in the address: a full number must not end up in URLs or server logs."""

    number = forms.CharField(
        label=_("Full resident ID or disability certificate number"),
        max_length=32,
        widget=forms.TextInput(attrs=_NUMBER_ATTRS),
    )


class RevealForm(forms.Form):
    which = forms.ChoiceField(
        choices=[("id_number", _("Resident ID number")), ("certificate", _("Certificate number"))]
    )


class LinkForm(forms.Form):
    same_as = forms.IntegerField(label=_("Same person as"), widget=forms.HiddenInput)
    note = forms.CharField(label=_("Why you are sure"), max_length=200, required=False)
