"""Password rule beyond Django's validators: staff passwords mix character classes."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters ``password`` uses."""
    lower = any(c in string.ascii_lowercase for c in password)
    upper = any(c in string.ascii_uppercase for c in password)
    digit = any(c.isdigit() for c in password)
    # "Other" is whatever the first three did not count: a full-width digit is a digit only.
    other = any(c not in string.ascii_letters and not c.isdigit() for c in password)
    return sum((lower, upper, digit, other))


class CharacterClassValidator:
    """At least ``min_classes`` of the four classes (an MLPS expectation; see docs/security.md)."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: object = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(count)d kind of character: lower-case letters, "
            "upper-case letters, digits and symbols.",
            "Your password must mix at least %(count)d kinds of character: lower-case letters, "
            "upper-case letters, digits and symbols.",
            self.min_classes,
        ) % {"count": self.min_classes}


__all__ = ["CharacterClassValidator", "_"]
