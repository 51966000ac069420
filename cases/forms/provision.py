"""Forms for services, mediation sessions, access arrangements and drafted documents: they
parse input; the services decide.

The service form shows every kind's fields in its own fieldset, so it works without JavaScript;
only the chosen kind's fields are validated and passed on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import drafting
from cases.models import Accommodation, Channel, Service
from cases.services.provision import KIND_FIELDS
from people.forms import DateInput

TEXTAREA = {"rows": 3}
GROUP_LEGENDS = {
    "drafting": _("Document drafting"),
    "mediation": _("Mediation"),
    "coordination": _("Coordination"),
    "court": _("Representation or criminal defence"),
}
GROUP_FIELDS = {
    "drafting": KIND_FIELDS[Service.Kind.DRAFTING],
    "mediation": KIND_FIELDS[Service.Kind.MEDIATION],
    "coordination": KIND_FIELDS[Service.Kind.COORDINATION],
    "court": KIND_FIELDS[Service.Kind.REPRESENTATION],
}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {obj.get_kind_display()}"


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {obj.get_kind_display()} · {obj.region.name}"


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} · {obj.original_name}"


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Service"), choices=Service.Kind.choices, widget=forms.RadioSelect
    )
    provider = PersonChoiceField(
        label=_("Provided by"),
        queryset=None,
        help_text=_(
            "Active people of the federation and those engaged at its workstation. A criminal "
            "defence needs a licensed lawyer."
        ),
    )
    provided_on = forms.DateField(
        label=_("Date"), widget=DateInput(), help_text=_("Not in the future.")
    )
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), required=False, min_value=1, max_value=24 * 60
    )
    result = forms.CharField(
        label=_("Result"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=5000
    )
    drafted_document = DocumentChoiceField(
        label=_("Drafted document"),
        queryset=None,
        required=False,
        help_text=_("A document of this case; or draft one from a template afterwards."),
    )
    parties = forms.CharField(
        label=_("Parties"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=2000
    )
    agreement_reached = forms.NullBooleanField(
        label=_("Agreement reached"), required=False, widget=forms.NullBooleanSelect
    )
    agreement = forms.CharField(
        label=_("Terms of the agreement"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=5000,
    )
    performance_followed_up_on = forms.DateField(
        label=_("Performance followed up on"), widget=DateInput(), required=False
    )
    performance_note = forms.CharField(
        label=_("Performance of the agreement"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=2000,
    )
    partner = PartnerChoiceField(
        label=_("Partner agency"),
        queryset=None,
        required=False,
        help_text=_("From the directory of this region and the regions above it."),
    )
    proceeding = forms.CharField(
        label=_("Proceeding"),
        required=False,
        max_length=128,
        help_text=_("For example: labour arbitration, first-instance civil suit."),
    )
    court = forms.CharField(label=_("Court or organ"), required=False, max_length=128)
    stage = forms.CharField(
        label=_("Stage"),
        required=False,
        max_length=64,
        help_text=_("For example: investigation, prosecution review, trial, appeal."),
    )

    def __init__(
        self,
        *args: Any,
        providers: Any,
        partners: Any,
        documents: Any,
        kind: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["partner"].queryset = partners
        self.fields["drafted_document"].queryset = documents
        self.fixed_kind = kind
        if kind:
            # Editing: the kind stays; only its own fields are shown.
            del self.fields["kind"]
            for name in set(_all_kind_fields()) - set(KIND_FIELDS[kind]):
                del self.fields[name]

    def chosen_kind(self) -> str:
        return self.fixed_kind or self.cleaned_data.get("kind", "")

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or self.fixed_kind:
            return
        kind = self.data.get("kind", "")
        foreign = set(_all_kind_fields()) - set(KIND_FIELDS.get(kind, ()))
        for name in foreign:
            self._errors.pop(name, None)
            self.cleaned_data.pop(name, None)

    def kind_values(self) -> dict[str, Any]:
        """The chosen kind's own fields, as the service takes them."""
        names = KIND_FIELDS.get(self.chosen_kind(), ())
        return {name: self.cleaned_data.get(name) for name in names}

    def common_values(self) -> dict[str, Any]:
        names = ("provider", "provided_on", "channel", "duration_minutes", "result")
        return {name: self.cleaned_data.get(name) for name in names}

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The kind-specific fieldsets: (legend, bound fields) for the fields present."""
        return [
            (GROUP_LEGENDS[group], [self[name] for name in names if name in self.fields])
            for group, names in GROUP_FIELDS.items()
            if any(name in self.fields for name in names)
        ]


class ServiceEditForm(ServiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=5000
    )


class AccommodationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Arrangement"), choices=Accommodation.Kind.choices)
    provided_by = forms.CharField(
        label=_("Provided by"),
        required=False,
        max_length=64,
        help_text=_(
            "The interpreter's or provider's name. Required for a sign-language interpreter."
        ),
    )
    provided_on = forms.DateField(label=_("Date"), widget=DateInput())
    cost = forms.DecimalField(
        label=_("Cost (yuan)"), required=False, max_digits=10, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class DraftForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Template"), choices=drafting.template_choices, widget=forms.RadioSelect
    )
    addressee = forms.CharField(
        label=_("Addressed to"),
        max_length=128,
        help_text=_("The body complained to, or the people's court hearing the case."),
    )
    requests = forms.CharField(
        label=_("Requests"), widget=forms.Textarea(attrs=TEXTAREA), max_length=2000
    )
    facts = forms.CharField(
        label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 8}), max_length=8000
    )


def _all_kind_fields() -> list[str]:
    return sorted({name for names in KIND_FIELDS.values() for name in names})
