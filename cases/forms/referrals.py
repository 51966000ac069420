"""Referral forms: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cases import referral_rules as rules
from cases.models import Referral
from regions.models import Region
from workstations.models import Partner


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Partner) -> str:
        return f"{obj.name} · {obj.get_kind_display()} · {obj.region.name}"


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.name} ({obj.code})"


class KindForm(forms.Form):
    """Step one: where the case is referred to (the checklist and agencies depend on it)."""

    kind = forms.ChoiceField(
        label=_("Refer to"), choices=Referral.Kind.choices, widget=forms.RadioSelect
    )


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(choices=Referral.Kind.choices, widget=forms.HiddenInput)
    is_litigation = forms.BooleanField(
        label=_("Litigation matter (a suit, an appeal, a criminal case)"), required=False
    )
    is_mandatory_defence = forms.BooleanField(
        label=_("Mandatory legal-aid defence (LAL Art. 25)"),
        required=False,
        help_text=_(
            "A suspect or defendant who is visually, hearing or speech impaired, or not fully "
            "able to recognise his own conduct, and has no defender."
        ),
    )
    organ_region = RegionChoiceField(
        label=_("Where the court or other organ handling the matter sits"),
        queryset=None,
        required=False,
        help_text=_("Required for litigation, fee relief and judicial aid (LAL Art. 38)."),
    )
    matter_region = RegionChoiceField(
        label=_("Where the matter arose"),
        queryset=None,
        required=False,
        help_text=_("For a non-litigation matter without a handling organ."),
    )
    partner = PartnerChoiceField(
        label=_("Receiving agency"),
        queryset=None,
        required=False,
        empty_label=_("The suggested agency"),
        help_text=_("Leave it to the suggestion, or choose another agency."),
    )
    materials = forms.MultipleChoiceField(
        label=_("Materials already gathered"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args,
        kind: str,
        partners: QuerySet[Partner],
        regions: QuerySet[Region],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = kind
        self.fields["partner"].queryset = partners
        self.fields["organ_region"].queryset = regions
        self.fields["matter_region"].queryset = regions
        self.fields["materials"].choices = [
            (code, label) for code, label in rules.materials_for(kind)
        ]
        if kind != rules.LEGAL_AID:
            del self.fields["is_mandatory_defence"]


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsentForm(VersionedForm):
    consented_on = forms.DateField(
        label=_("The applicant consented on"),
        widget=DateInput(),
        help_text=_("The applicant agrees to the referral and to passing on their details."),
    )


class SendForm(VersionedForm):
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())


class DecisionForm(VersionedForm):
    accepted = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Accepted")), ("no", _("Refused"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    refusal_reason = forms.CharField(
        label=_("Reasons for a refusal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the written decision states them (LAL Art. 43)."),
    )
    assigned_lawyer = forms.CharField(label=_("Assigned lawyer"), max_length=64, required=False)
    assigned_on = forms.DateField(label=_("Assigned on"), widget=DateInput(), required=False)


class AssignmentForm(VersionedForm):
    """The lawyer a legal aid institution assigned after accepting."""

    accepted = forms.TypedChoiceField(
        choices=[("yes", "yes")], coerce=lambda value: value == "yes", widget=forms.HiddenInput
    )
    assigned_lawyer = forms.CharField(label=_("Assigned lawyer"), max_length=64)
    assigned_on = forms.DateField(label=_("Assigned on"), widget=DateInput())


class WithdrawForm(VersionedForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeForm(VersionedForm):
    concluded_on = forms.DateField(label=_("Outcome known on"), widget=DateInput())
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The aid given and its result; after a refusal, what followed."),
    )
