"""Forms of the staff inbox: they parse input; ``portal.services.handling`` decides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.intake import ApplicantChoiceMixin
from cases.models import Applicant, MatterCategory
from portal.models import HelpRequest
from portal.selectors.inbox import AREA, OWN
from portal.services.handling import DETAIL_LENGTH, NEEDS_DETAIL, DeclineReason

ANY_STATUS = "all"


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[*HelpRequest.Status.choices, (ANY_STATUS, _("Any status"))],
        required=False,
    )
    area = forms.ChoiceField(
        label=_("Requests for"),
        choices=[(OWN, _("Our federation")), (AREA, _("All in my area"))],
        required=False,
    )

    def filters(self) -> dict[str, str]:
        """The status ("" for any) and the area asked for; defaults for bad input."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or HelpRequest.Status.NEW
        return {
            "status": "" if status == ANY_STATUS else status,
            "area": data.get("area") or OWN,
        }


class VersionForm(forms.Form):
    """The request's version when the form was shown: a stale form is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TakeUpForm(VersionForm):
    pass


class RegisterForm(ApplicantChoiceMixin, VersionForm):
    applicant = forms.ChoiceField(label=_("Applicant"), widget=forms.RadioSelect)
    matter_category = forms.ChoiceField(
        label=_("Kind of matter"), choices=[("", _("Choose…")), *MatterCategory.choices]
    )
    q = forms.CharField(
        widget=forms.HiddenInput(attrs={"id": "id_search_carried"}), required=False, max_length=64
    )

    def __init__(self, *args: Any, applicants: Iterable[Applicant] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_applicants(applicants, required=True)
        self.fields["applicant"].error_messages["required"] = _(
            "Choose the applicant, or register them first."
        )


class DeclineForm(VersionForm):
    reason = forms.ChoiceField(
        label=_("Why is the request declined?"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the request is declined.")},
    )
    detail = forms.CharField(
        label=_("Which area, or what reason"),
        help_text=_("Required for “outside our area” (say which) and “other reason”."),
        max_length=DETAIL_LENGTH,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        reason = data.get("reason")
        if reason in NEEDS_DETAIL and not (data.get("detail") or "").strip():
            if reason == DeclineReason.OUTSIDE_AREA:
                self.add_error("detail", _("Say which area the request belongs to."))
            else:
                self.add_error("detail", _("Say why the request is declined."))
        return data
