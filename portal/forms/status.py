"""The status lookup form: a reference and the last four digits of the phone (or the code)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms.fields import LinkedErrorsMixin, PlainTextField
from portal.references import Parsed, parse
from portal.validation import LIMITS, clean_digits


class StatusForm(LinkedErrorsMixin, forms.Form):
    reference = PlainTextField(
        limit=LIMITS["reference"],
        required=True,
        label=_("Reference"),
        help_text=_("11 letters and digits, as on your receipt, for example K7P3-9XQ2-M4C."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    second_factor = PlainTextField(
        limit=LIMITS["second_factor"],
        required=True,
        label=_("Last four digits of your phone, or your code"),
        help_text=_(
            "The last four digits of the phone number you gave. If you gave only an e-mail "
            "address: the 4-digit code on your receipt."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_reference(self) -> str:
        state, canonical = parse(self.cleaned_data["reference"])
        if state is not Parsed.VALID:
            # A typo is all this reveals: the check symbol is public arithmetic.
            raise forms.ValidationError(
                _(
                    "Check the reference for a typo: it has 11 letters and digits, "
                    "like K7P3-9XQ2-M4C."
                ),
                code=state.value,
            )
        return canonical

    def clean_second_factor(self) -> str:
        digits = clean_digits(self.cleaned_data["second_factor"])
        if digits is None:
            raise forms.ValidationError(_("Enter 4 digits."), code="invalid")
        return digits
