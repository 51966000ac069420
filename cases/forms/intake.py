"""Forms at the counter: they parse input; the intake services decide."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Applicant, Channel, Intake, MatterCategory


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def new_submission_key() -> str:
    """The one-time token a rendered form carries: submitting it twice makes one record."""
    return secrets.token_urlsafe(32)


def applicant_label(applicant: Applicant) -> str:
    parts = [applicant.name, applicant.id_number_masked, applicant.federation.name]
    return " · ".join(part for part in parts if part)


class ApplicantChoiceMixin:
    """An ``applicant`` radio group over the candidates the view found in scope."""

    none_label = _("Not registered yet, or not known")

    def set_applicants(self, applicants: Iterable[Applicant], *, required: bool) -> None:
        self._applicants = {str(applicant.pk): applicant for applicant in applicants}
        choices = [(pk, applicant_label(a)) for pk, a in self._applicants.items()]
        if not required:
            choices.insert(0, ("", self.none_label))
        field = self.fields["applicant"]
        field.choices = choices
        field.required = required

    def clean_applicant(self) -> Applicant | None:
        return self._applicants.get(self.cleaned_data.get("applicant") or "")


class IntakeForm(ApplicantChoiceMixin, forms.Form):
    """The counter's form: the request as it arrived, then one of three buttons."""

    channel = forms.ChoiceField(
        label=_("How did the request arrive?"),
        choices=Channel.choices,
        initial=Channel.IN_PERSON,
        widget=forms.RadioSelect,
    )
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=DateTimeInput(), help_text=_("Not in the future.")
    )
    in_own_words = forms.CharField(
        label=_("The matter in the person's own words"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
    )
    is_oral = forms.BooleanField(
        label=_("Oral request (face to face or by phone), written down by staff"),
        required=False,
    )
    read_back = forms.BooleanField(
        label=_("I read what I wrote back to the person and they confirmed it"),
        required=False,
        help_text=_("Required for an oral request."),
    )
    applicant = forms.ChoiceField(label=_("Applicant"), widget=forms.RadioSelect, required=False)
    contact_name = forms.CharField(
        label=_("Name given"),
        max_length=64,
        required=False,
        help_text=_("When the person is not registered as an applicant yet."),
    )
    contact_details = forms.CharField(
        label=_("Phone, e-mail or address given"), max_length=200, required=False
    )
    matter_category = forms.ChoiceField(
        label=_("Kind of matter"),
        choices=[("", _("Choose…")), *MatterCategory.choices],
        required=False,
        help_text=_("Required to register a case."),
    )
    answer = forms.CharField(
        label=_("Answer given"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
        help_text=_("Required to close the request as a consultation."),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    q = forms.CharField(
        widget=forms.HiddenInput(attrs={"id": "id_search_carried"}), required=False, max_length=64
    )
    decision = forms.ChoiceField(
        choices=Intake.Outcome.choices, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, applicants: Iterable[Applicant] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_applicants(applicants, required=False)
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("received_at", now)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        decision = data.get("decision") or Intake.Outcome.PENDING
        data["decision"] = decision
        if data.get("is_oral") and not data.get("read_back"):
            self.add_error("read_back", _("Read the request back to the person and tick this box."))
        if decision == Intake.Outcome.CONSULTATION and not data.get("answer", "").strip():
            self.add_error("answer", _("Write down the answer given to the person."))
        if decision == Intake.Outcome.CASE:
            if data.get("applicant") is None:
                self.add_error("applicant", _("Choose the applicant, or register them first."))
            if not data.get("matter_category"):
                self.add_error("matter_category", _("Choose the kind of matter."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("q", None)
        return data


class ConsultationForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer given"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )


class RegisterForm(ApplicantChoiceMixin, forms.Form):
    applicant = forms.ChoiceField(label=_("Applicant"), widget=forms.RadioSelect)
    matter = forms.CharField(
        label=_("The matter"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    matter_category = forms.ChoiceField(
        label=_("Kind of matter"), choices=[("", _("Choose…")), *MatterCategory.choices]
    )
    q = forms.CharField(
        widget=forms.HiddenInput(attrs={"id": "id_search_carried"}), required=False, max_length=64
    )

    def __init__(self, *args: Any, applicants: Iterable[Applicant] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_applicants(applicants, required=True)


class ApplicantSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find an applicant by name, resident ID or certificate number"),
        max_length=64,
        required=False,
    )
