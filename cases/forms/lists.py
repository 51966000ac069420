"""The case list's filter and search form (GET: bookmarkable, works without JavaScript)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import identifiers
from cases.crypto import lookup_hash
from cases.models import Case, Channel, DisabilityCategory, MatterCategory, Service
from cases.selectors.lists import CaseFilter
from regions.models import Region

DIGITS = frozenset("0123456789")


def _any(label: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", label), *choices]


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=64,
        help_text=_(
            "A case number or its beginning, the beginning of an applicant's name, or a full "
            "resident ID or disability certificate number."
        ),
    )
    region = forms.ChoiceField(label=_("Filed in"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_any(_("Any status"), Case.Status.choices)
    )
    service = forms.ChoiceField(
        label=_("Service received"),
        required=False,
        choices=_any(_("Any service"), Service.Kind.choices),
    )
    matter = forms.ChoiceField(
        label=_("Matter category"),
        required=False,
        choices=_any(_("Any matter"), MatterCategory.choices),
    )
    disability = forms.ChoiceField(
        label=_("Disability category"),
        required=False,
        choices=_any(_("Any disability"), DisabilityCategory.choices),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=_any(_("Any channel"), Channel.choices)
    )
    registered_from = forms.DateField(
        label=_("Registered from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    registered_to = forms.DateField(
        label=_("Registered until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = forms.BooleanField(
        label=_("Only overdue cases"),
        required=False,
        help_text=_(
            "Not accepted or refused within the province's time limit, a referral past its "
            "decision or assignment date, or a closed file past its archiving date."
        ),
    )
    risk = forms.BooleanField(label=_("Only cases with an open risk flag"), required=False)

    def __init__(self, *args, regions: list[Region], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.regions = {region.code: region for region in regions}
        self.fields["region"].choices = _any(
            _("Anywhere I can see"), [(region.code, region_label(region)) for region in regions]
        )
        self.search_kind = ""

    def clean_q(self) -> str:
        text = identifiers.normalise(self.cleaned_data.get("q"))
        self.search_kind = search_kind(text)
        try:
            if self.search_kind == "id_number":
                text = identifiers.check_id_number(text, today=timezone.localdate()).number
            elif self.search_kind == "certificate":
                text = identifiers.check_certificate(text, today=timezone.localdate()).number
        except identifiers.IdentifierError as error:
            raise forms.ValidationError(error.message, code="identifier") from None
        if self.search_kind == "name":
            text = (self.cleaned_data.get("q") or "").strip()
        return text

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("registered_from"), data.get("registered_to")
        if start and end and start > end:
            self.add_error("registered_to", _("The end date is before the start date."))
        return data

    def to_filter(self) -> CaseFilter:
        data = self.cleaned_data
        text = data.get("q") or ""
        kind = self.search_kind if text else ""
        return CaseFilter(
            region=self.regions.get(data.get("region") or ""),
            status=data.get("status") or "",
            service_kind=data.get("service") or "",
            matter_category=data.get("matter") or "",
            disability_category=data.get("disability") or "",
            channel=data.get("channel") or "",
            registered_from=data.get("registered_from"),
            registered_to=data.get("registered_to"),
            overdue=bool(data.get("overdue")),
            risk=bool(data.get("risk")),
            number=text if kind == "number" else "",
            name=text if kind == "name" else "",
            id_number_hash=lookup_hash("id_number", text) if kind == "id_number" else "",
            certificate_hash=lookup_hash("certificate", text) if kind == "certificate" else "",
        )

    def searched_identifier(self) -> str:
        """The ID or certificate number searched for ("" for other searches)."""
        if not self.is_valid() or self.search_kind not in {"id_number", "certificate"}:
            return ""
        return self.cleaned_data.get("q") or ""


def search_kind(text: str) -> str:
    """What a search text is: ``id_number``, ``certificate``, ``number`` (a case number or its
    beginning: it has a digit), ``name`` (the beginning of a name) or "" (empty)."""
    if not text:
        return ""
    looks_like_id = len(text) >= 18 and set(text[:17]) <= DIGITS
    if looks_like_id and len(text) == 18:
        return "id_number"
    if looks_like_id and len(text) in (20, 22):
        return "certificate"
    if DIGITS.intersection(text):
        return "number"
    return "name"


def region_label(region: Region) -> str:
    return "\u2003" * (region.level - 1) + region.name
