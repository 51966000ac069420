"""The online request for help (``/help/``, step 2): it parses and checks; the service files."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from cases.models import CommunicationNeed, DisabilityCategory
from portal.forms.fields import LinkedErrorsMixin, PlainTextField
from portal.models import HelpRequest
from portal.services.requests import HelpRequestDetails
from portal.validation import LIMITS, InputProblem, clean_phone, is_mobile

SUBMISSION_SALT = "portal.help.submission"
SUBMISSION_MAX_AGE = 2 * 24 * 60 * 60
HONEYPOT = "homepage"
Preference = HelpRequest.ContactPreference
NEEDS = [(code, label) for code, label in CommunicationNeed.choices if code != "no_phone"]


def new_submission_key() -> str:
    """A signed one-time token for one rendered form: submitting it twice files one request."""
    return signing.dumps(secrets.token_hex(16), salt=SUBMISSION_SALT)


def _matter_hint() -> str:
    return _("In your own words. Up to %(limit)d characters.") % {
        "limit": settings.PORTAL_MATTER_MAX_LENGTH
    }


class HelpRequestForm(LinkedErrorsMixin, forms.Form):
    requester = forms.ChoiceField(
        label=_("Who is asking?"),
        choices=HelpRequest.Requester.choices,
        widget=forms.RadioSelect,
    )
    name = PlainTextField(limit=LIMITS["name"], required=True, label=_("Your name"))
    relationship = PlainTextField(
        limit=LIMITS["relationship"],
        label=_("Your relationship to the person"),
        help_text=_("Only if you ask for someone else, for example: mother, neighbour."),
    )
    person_name = PlainTextField(
        limit=LIMITS["person_name"],
        label=_("Name of the person who needs help"),
        help_text=_("Only if you ask for someone else."),
    )
    phone = PlainTextField(
        limit=LIMITS["phone"],
        label=_("Phone number"),
        help_text=_("A mobile or landline number. Give a phone number, an e-mail, or both."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = PlainTextField(
        limit=LIMITS["email"],
        label=_("E-mail address"),
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    contact_preference = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Preference.choices,
        widget=forms.RadioSelect,
        help_text=_("An SMS needs a mobile number; an e-mail needs an e-mail address."),
    )
    do_not_phone = forms.BooleanField(required=False, label=_("Please do not phone me"))
    disability_categories = forms.MultipleChoiceField(
        required=False,
        label=_("Disability (optional)"),
        choices=DisabilityCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    communication_needs = forms.MultipleChoiceField(
        required=False,
        label=_("What helps you communicate? (optional)"),
        choices=NEEDS,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_other = PlainTextField(limit=LIMITS["needs_other"], label=_("Other needs (optional)"))
    matter = PlainTextField(
        limit=settings.PORTAL_MATTER_MAX_LENGTH,
        multiline=True,
        required=True,
        label=_("What do you need help with?"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent_disability = forms.BooleanField(
        required=False,
        label=_(
            "I agree that the workstation may use the information about disability and needs I gave"
        ),
        help_text=_(
            "Needed only if you gave a disability or needs above. Read the notice above first."
        ),
    )
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())
        self.fields["matter"].help_text = _matter_hint()
        self.fields["matter"].limit = settings.PORTAL_MATTER_MAX_LENGTH

    def clean_email(self) -> str:
        address = self.cleaned_data["email"]
        if address:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    _("Enter an e-mail address like name@example.com."), code="invalid"
                ) from None
        return address

    def clean_phone(self) -> str:
        try:
            return clean_phone(self.cleaned_data["phone"])
        except InputProblem as problem:
            raise ValidationError(problem.message, code=problem.code) from None

    def clean_submission_key(self) -> str:
        try:
            return signing.loads(
                self.cleaned_data["submission_key"],
                salt=SUBMISSION_SALT,
                max_age=SUBMISSION_MAX_AGE,
            )
        except signing.BadSignature:
            # The form is too old or was altered: a fresh key lets the person submit again.
            self.data = self.data.copy()
            self.data["submission_key"] = new_submission_key()
            raise ValidationError(
                _("This form has expired. Check your answers and send it again."),
                code="expired",
            ) from None

    def clean(self) -> dict:
        data = super().clean()
        self._check_requester(data)
        self._check_contact(data)
        needs = data.get("disability_categories") or data.get("communication_needs")
        if (needs or data.get("needs_other")) and not data.get("consent_disability"):
            self.add_error(
                "consent_disability",
                _(
                    "You gave a disability or needs: tick this box so that we may use them, "
                    "or remove them."
                ),
            )
        return data

    def _check_requester(self, data: dict) -> None:
        if data.get("requester") != HelpRequest.Requester.ON_BEHALF:
            return
        for name in ("relationship", "person_name"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("You ask for someone else: fill this in."))

    def _check_contact(self, data: dict) -> None:
        if "phone" in self.errors or "email" in self.errors:
            return
        phone, email = data.get("phone", ""), data.get("email", "")
        if not phone and not email:
            self.add_error("phone", _("Give a phone number or an e-mail address, or both."))
            return
        preference = data.get("contact_preference")
        if preference == Preference.SMS and not is_mobile(phone):
            self.add_error(
                "contact_preference",
                _("For an SMS, give a mobile number of 11 digits starting with 1."),
            )
        elif preference == Preference.EMAIL and not email:
            self.add_error("contact_preference", _("For an e-mail, give your e-mail address."))
        elif preference == Preference.PHONE and not phone:
            self.add_error("contact_preference", _("For a phone call, give a phone number."))
        if preference == Preference.PHONE and data.get("do_not_phone"):
            self.add_error(
                "do_not_phone",
                _("You chose a phone call and also “do not phone”: choose one of them."),
            )

    def details(self) -> HelpRequestDetails:
        data = self.cleaned_data
        on_behalf = data["requester"] == HelpRequest.Requester.ON_BEHALF
        return HelpRequestDetails(
            requester=data["requester"],
            name=data["name"],
            relationship=data["relationship"] if on_behalf else "",
            person_name=data["person_name"] if on_behalf else "",
            phone=data["phone"],
            email=data["email"],
            contact_preference=data["contact_preference"],
            do_not_phone=data["do_not_phone"],
            disability_categories=data["disability_categories"],
            communication_needs=data["communication_needs"],
            needs_other=data["needs_other"],
            matter=data["matter"],
            consent_disability=data["consent_disability"],
        )
