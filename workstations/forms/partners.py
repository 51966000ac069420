"""Forms for partner agencies and coordination contacts."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from workstations.forms.funding import DateInput
from workstations.models import PartnerUnit


class PartnerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of agency"), choices=PartnerUnit.choices)
    name = forms.CharField(label=_("Name"), max_length=128)
    contact_name = forms.CharField(label=_("Contact person"), max_length=64, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class PartnerEditForm(PartnerForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PartnerCreateForm(PartnerForm):
    region = forms.ModelChoiceField(label=_("Region"), queryset=None)

    field_order = ["region"]

    def __init__(self, *args, regions: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class ContactForm(forms.Form):
    contacted_on = forms.DateField(
        label=_("Date"), widget=DateInput(), help_text=_("Not in the future.")
    )
    partner = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=None,
        help_text=_("Agencies of this region and of the regions above it."),
    )
    matter = forms.CharField(label=_("Matter"), max_length=200)
    result = forms.CharField(label=_("Result"), max_length=200, required=False)

    def __init__(self, *args, agencies: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = agencies
        self.fields["partner"].label_from_instance = lambda partner: (
            f"{partner.name} · {partner.region.name} · {partner.get_kind_display()}"
        )
