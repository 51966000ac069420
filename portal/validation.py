"""Checks on what the public types into the portal's forms: a pure rules module.

Every text field goes through :func:`clean_text`: it trims, refuses invisible direction-control
characters (they can make text read differently from how it is stored: "Trojan source"), other
control characters and markup (``<`` followed by a letter, ``/``, ``!`` or ``?``), and enforces
the field's length. Phone numbers are normalised (full-width digits, spaces, dashes, brackets,
a +86 / 0086 prefix) and must be a mainland mobile (``1[3-9]`` and nine digits) or a landline
with its area code (``0`` + 2–3 digits + 7–8 digits).

Problems are raised as :class:`InputProblem` with a code and a message in the active language.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

# Bidirectional formatting characters: embeddings/overrides, isolates, marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）.]+")
_COUNTRY_CODE = re.compile(r"^(?:\+86|0086)")
MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}\d{7,8}")
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")

# Longest input per field (characters, after trimming); the matter's limit is a setting.
LIMITS = {
    "name": 64,
    "person_name": 64,
    "relationship": 32,
    "needs_other": 200,
    "email": 254,
    "phone": 32,
    "reference": 40,
    "second_factor": 16,
}


class InputProblem(ValueError):
    """What is wrong with one value; ``message`` is for the person who typed it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """The code of the first problem in ``value`` (``bidi``, ``control``, ``markup``) or None."""
    allowed = "\n\t" if multiline else ""
    if any(char in BIDI_CONTROLS for char in value):
        return "bidi"
    if any(unicodedata.category(char) == "Cc" and char not in allowed for char in value):
        return "control"
    if _MARKUP.search(value):
        return "markup"
    return None


def _message(code: str, **values: int) -> str:
    if code == "bidi":
        return _(
            "Remove the invisible text-direction characters: they can make text read "
            "differently from how it was written."
        )
    if code == "control":
        return _("Remove the invisible control characters.")
    if code == "markup":
        return _("Write plain text: do not use < before a letter, / or !.")
    return _("Write at most %(limit)d characters; you wrote %(count)d.") % values


def clean_text(value: str | None, *, max_length: int, multiline: bool = False) -> str:
    """``value`` trimmed (line breaks made ``\\n``), or :class:`InputProblem`."""
    text = (value or "").strip()
    if multiline:
        text = LINE_BREAKS.sub("\n", text)
    code = text_problem(text, multiline=multiline)
    if code:
        raise InputProblem(code, _message(code))
    if len(text) > max_length:
        raise InputProblem("too_long", _message("too_long", limit=max_length, count=len(text)))
    return text


def normalise_phone(raw: str | None) -> str | None:
    """The bare digits of a mainland mobile or landline number in ``raw``, or None."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = _COUNTRY_CODE.sub("", _PHONE_SEPARATORS.sub("", text))
    if not text.isascii():
        return None
    if MOBILE.fullmatch(text) or LANDLINE.fullmatch(text):
        return text
    return None


def is_mobile(number: str) -> bool:
    """Whether a normalised number is a mainland mobile (it can receive an SMS)."""
    return bool(MOBILE.fullmatch(number or ""))


def clean_phone(raw: str | None) -> str:
    """A normalised phone number, "" for none, or :class:`InputProblem`."""
    text = clean_text(raw, max_length=LIMITS["phone"])
    if not text:
        return ""
    number = normalise_phone(text)
    if number is None:
        raise InputProblem(
            "invalid_phone",
            _(
                "Enter a mobile number of 11 digits starting with 1, or a landline number "
                "with its area code, such as 0551 1234 5678."
            ),
        )
    return number


def last_four(number: str) -> str:
    """The last four digits of a normalised phone number: the status lookup's second factor."""
    return number[-4:]


def clean_digits(raw: str | None, *, length: int = 4) -> str | None:
    """``length`` ASCII digits from ``raw`` (full-width accepted, spaces ignored), or None."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw or ""))
    if text.isascii() and text.isdigit() and len(text) == length:
        return text
    return None
