"""Forms for the public notice: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms import DateInput
from workstations.models import Publication


class NoticeForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Effective from"),
        widget=DateInput(),
        help_text=_("After the current version's start; at most a year ahead."),
    )
    scope_of_cases = forms.CharField(
        label=_("Scope of cases accepted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    workflow = forms.CharField(
        label=_("Workflow"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    working_hours = forms.CharField(
        label=_("Working hours"),
        max_length=200,
        required=False,
        help_text=_("For example Monday to Friday 8:30-12:00, 14:30-17:30"),
    )
    office_address = forms.CharField(label=_("Office address"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    sms_number = forms.CharField(label=_("SMS number"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    sign_language_video = forms.CharField(
        label=_("Sign-language video contact"),
        max_length=200,
        required=False,
        help_text=_("If any: an account or link for a sign-language video call."),
    )


class PublicationForm(forms.Form):
    channel = forms.ChoiceField(label=_("Where"), choices=Publication.Channel.choices)
    published_on = forms.DateField(
        label=_("Published on"), widget=DateInput(), help_text=_("Not in the future.")
    )
    location = forms.CharField(
        label=_("Address or place"),
        max_length=200,
        required=False,
        help_text=_("For example the web address, or where the board stands."),
    )


def publication_form(notice_id: int, data=None) -> PublicationForm:
    """The publication form of one version; ids are unique when several are on a page."""
    return PublicationForm(data, auto_id=f"id_publication{notice_id}_%s")
