"""The triage facts form and the decision form: they parse input; the rules and services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.eligibility import (
    ART31_MATTERS,
    ART32_SITUATIONS,
    ART42_GROUPS,
    DEPARTMENTS,
    FEE_REDUCTION_GROUNDS,
    JUDICIAL_AID_CATEGORIES,
)
from cases.models import Case, DisabilityCategory, DisabilityGrade, MatterCategory, SocialAssistance


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _none(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *[(code, text) for code, text in choices]]


def _labels(mapping: dict[str, Any]) -> list[tuple[str, Any]]:
    return list(mapping.items())


EXCLUSION_LABELS = {
    "major_fault": _("Major fault in causing the case"),
    "refused_cooperation": _("Refused without good reason to help establish the facts"),
    "false_statements": _("False statements or forged evidence"),
    "gave_up_claim": _("Gave up the civil claim or refused the offender's compensation"),
    "hardship_not_from_case": _("Hardship not caused by the case"),
    "already_compensated": _("Already reasonably compensated (social assistance or otherwise)"),
}


class TriageFactsForm(forms.Form):
    """Everything ``cases.triage.Facts`` takes, grouped as the page shows it (``FIELDSETS``)."""

    disability_category = forms.ChoiceField(
        label=_("Disability category"),
        choices=_none(_("None recorded"), DisabilityCategory.choices),
        required=False,
    )
    disability_components = forms.MultipleChoiceField(
        label=_("Components of a multiple disability"),
        choices=[c for c in DisabilityCategory.choices if c[0] != DisabilityCategory.MULTIPLE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    disability_grade = forms.TypedChoiceField(
        label=_("Disability grade"),
        choices=_none(_("Not known"), DisabilityGrade.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )
    is_criminal_suspect = forms.BooleanField(
        label=_("The person is a criminal suspect or defendant"), required=False
    )
    has_defender = forms.BooleanField(label=_("The person has a defender"), required=False)
    compulsory_treatment_without_representative = forms.BooleanField(
        label=_("Respondent in a compulsory medical treatment case, without a representative"),
        required=False,
    )
    matter_category = forms.ChoiceField(label=_("Matter category"), choices=MatterCategory.choices)
    art31_matter = forms.ChoiceField(
        label=_("Legal-aid matter (LAL Art. 31)"),
        choices=_none(_("None of these"), _labels(ART31_MATTERS)),
        required=False,
    )
    art32_situation = forms.ChoiceField(
        label=_("Situation without a means test (LAL Art. 32)"),
        choices=_none(_("None of these"), _labels(ART32_SITUATIONS)),
        required=False,
    )
    monthly_income = forms.DecimalField(
        label=_("Monthly income per family member (yuan)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty when not known."),
    )
    no_fixed_income = forms.BooleanField(label=_("No fixed source of income"), required=False)
    social_assistance = forms.ChoiceField(
        label=_("Social assistance"), choices=SocialAssistance.choices
    )
    art42_group = forms.ChoiceField(
        label=_("Other group exempt from the means test (LAL Art. 42)"),
        choices=_none(_("None of these"), _labels(ART42_GROUPS)),
        required=False,
    )
    guardian_adverse_party = forms.BooleanField(
        label=_("The guardian is the adverse party (LAL Art. 40)"), required=False
    )
    time_limit_on = forms.DateField(
        label=_("A time limit in the matter ends on"),
        widget=DateInput(),
        required=False,
        help_text=_("A limitation period or a deadline to sue, arbitrate or ask for review."),
    )
    is_litigation = forms.BooleanField(
        label=_("Civil or administrative litigation is pending or will be filed"), required=False
    )
    receives_legal_aid = forms.BooleanField(
        label=_("The person already receives legal aid in the matter"), required=False
    )
    fee_reduction_ground = forms.ChoiceField(
        label=_("Ground for reducing litigation fees"),
        choices=_none(_("None of these"), _labels(FEE_REDUCTION_GROUNDS)),
        required=False,
    )
    judicial_aid_category = forms.ChoiceField(
        label=_("National judicial aid category"),
        choices=_none(_("None of these"), _labels(JUDICIAL_AID_CATEGORIES)),
        required=False,
    )
    judicial_aid_hardship = forms.BooleanField(
        label=_("The case left the person in hardship (生活困难)"), required=False
    )
    judicial_aid_exclusions = forms.MultipleChoiceField(
        label=_("Reasons judicial aid is generally refused"),
        choices=_labels(EXCLUSION_LABELS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    group_interests = forms.BooleanField(
        label=_("The case infringes the group interests of persons with disabilities"),
        required=False,
    )
    complex_or_high_impact = forms.BooleanField(
        label=_("The case is complex, wide-reaching or of high social impact"), required=False
    )
    competent_department = forms.ChoiceField(
        label=_("Another department is responsible"),
        choices=_none(_("No"), _labels(DEPARTMENTS)),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIELDSETS = (
        (_("The person"), ("disability_category", "disability_components", "disability_grade")),
        (
            _("Criminal proceedings"),
            ("is_criminal_suspect", "has_defender", "compulsory_treatment_without_representative"),
        ),
        (
            _("Legal aid"),
            (
                "matter_category",
                "art31_matter",
                "art32_situation",
                "monthly_income",
                "no_fixed_income",
                "social_assistance",
                "art42_group",
                "guardian_adverse_party",
                "time_limit_on",
            ),
        ),
        (
            _("Litigation fees"),
            ("is_litigation", "receives_legal_aid", "fee_reduction_ground"),
        ),
        (
            _("National judicial aid"),
            ("judicial_aid_category", "judicial_aid_hardship", "judicial_aid_exclusions"),
        ),
        (
            _("Direct service or another department"),
            ("group_interests", "complex_or_high_impact", "competent_department"),
        ),
    )

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def facts(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Case.Decision.choices, widget=forms.RadioSelect
    )
    override_reason = forms.CharField(
        label=_("Reason for departing from the suggestions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_(
            "Required when you choose what no suggestion points to, or pass over a mandatory one."
        ),
    )
    deadline_on = forms.DateField(
        label=_("Time limit in the matter ends on"), widget=DateInput(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def facts_initial(case: Case) -> dict[str, Any]:
    """The facts form's starting values: what was entered before, else the applicant's record."""
    if case.triage_facts:
        return dict(case.triage_facts)
    applicant = case.applicant
    return {
        "disability_category": applicant.disability_category,
        "disability_components": list(applicant.disability_components or []),
        "disability_grade": applicant.disability_grade,
        "no_fixed_income": applicant.no_fixed_income,
        "social_assistance": applicant.social_assistance,
        "guardian_adverse_party": applicant.guardian_is_adverse_party,
        "matter_category": case.matter_category,
        "is_criminal_suspect": False,
        "time_limit_on": case.deadline_on,
    }
