"""Resident ID and disability certificate numbers: checking, deriving and masking.

A rules module: plain values in and out, no database. The region table is not read here; the
service passes the known county codes (``known_area_codes``) so an unknown one can be a warning.

Resident ID (GB 11643-1999, DOMAIN.md §4.4): 6-digit area code, 8-digit birth date, 3-digit
sequence (17th digit odd for men, even for women), ISO 7064 MOD 11-2 check character. Refused:
wrong length or characters, a failed check character, an impossible or future birth date or one
before 1900-01-01, a first two digits that are no province (GB/T 2260). An unknown 6-digit area
code is only a warning: codes change and people keep the code they were born under.
``stdnum.cn.ric`` is deliberately not used (TOOLCHAIN.md "Identifiers").

Disability certificate number (DOMAIN.md §4.3): the 18-character ID, a category digit 1–7 and a
grade digit 1–4, optionally followed by ``B1``–``B8`` (20 or 22 characters).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

# GB/T 2260 provinces, plus 83 (Taiwan residents' residence permits use 830000, like 810000 and
# 820000 for Hong Kong and Macao).
_PROVINCES = (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46)
_PROVINCES += (50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83)
PROVINCE_PREFIXES = frozenset(str(code) for code in _PROVINCES)
# Since 2023 a foreigner's permanent residence card has 18 characters, this checksum and a first
# digit 9 (DOMAIN.md §4.4, unverified): accepted with a warning, never refused for its prefix.
FOREIGNER_PREFIX = "9"
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
_DIGITS = frozenset("0123456789")
# The same message ids as DisabilityCategory's labels (that module imports django.db).
_CATEGORY_NAMES = {
    "1": "Visual",
    "2": "Hearing",
    "3": "Speech",
    "4": "Physical",
    "5": "Intellectual",
    "6": "Psychosocial",
    "7": "Multiple",
}

KnownAreaCodes = Container[str] | Callable[[str], bool] | None


class IdentifierError(ValueError):
    """An identifier was refused; ``message`` is translated and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: date
    sex: str  # "m" or "f"
    area_code: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Certificate:
    number: str
    id_number: IdNumber
    category: str  # "1".."7", DisabilityCategory
    grade: int  # 1..4, DisabilityGrade
    suffix: str = ""  # "" or "B1".."B8"

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.id_number.warnings


def normalise(raw: str | None) -> str:
    """Whitespace removed, full-width digits and letters made half-width, letters upper-case."""
    text = unicodedata.normalize("NFKC", raw or "")
    return "".join(text.split()).upper()


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def check_id_number(
    raw: str | None, *, today: date, known_area_codes: KnownAreaCodes = None
) -> IdNumber:
    """The checked resident ID number, or :class:`IdentifierError` saying what is wrong."""
    number = normalise(raw)
    if len(number) != 18:
        raise IdentifierError(
            _(
                "A resident ID number has 18 characters; this one has %(count)d. "
                "Check that no digit is missing or doubled."
            )
            % {"count": len(number)}
        )
    if not set(number[:17]) <= _DIGITS or number[17] not in _DIGITS | {"X"}:
        raise IdentifierError(
            _(
                "A resident ID number has 17 digits followed by a digit or the letter X; "
                "this one has other characters."
            )
        )
    if check_character(number[:17]) != number[17]:
        raise IdentifierError(
            _(
                "This resident ID number fails its check character: a digit was probably "
                "mistyped. Compare it with the card."
            )
        )
    warnings: list[str] = []
    if number.startswith(FOREIGNER_PREFIX):
        warnings.append(
            _("This number looks like a foreigner's permanent residence card; it was accepted.")
        )
    elif number[:2] not in PROVINCE_PREFIXES:
        raise IdentifierError(
            _("A resident ID number starts with a province code; %(prefix)s is none.")
            % {"prefix": number[:2]}
        )
    birth_date = _birth_date(number[6:14], today=today)
    area_code = number[:6]
    if not number.startswith(FOREIGNER_PREFIX) and not _is_known(area_code, known_area_codes):
        warnings.append(
            _(
                "The area code %(code)s is not in the current region table. It may be an old "
                "code: check the number against the card."
            )
            % {"code": area_code}
        )
    return IdNumber(
        number=number,
        birth_date=birth_date,
        sex="m" if int(number[16]) % 2 else "f",
        area_code=area_code,
        warnings=tuple(warnings),
    )


def _birth_date(digits: str, *, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise IdentifierError(
            _("The birth date in this resident ID number (%(digits)s) is not a real date.")
            % {"digits": digits}
        ) from None
    if born > today:
        raise IdentifierError(_("The birth date in this resident ID number is in the future."))
    if born < EARLIEST_BIRTH_DATE:
        raise IdentifierError(_("The birth date in this resident ID number is before 1900."))
    return born


def _is_known(area_code: str, known: KnownAreaCodes) -> bool:
    if known is None:
        return True
    if callable(known):
        return bool(known(area_code))
    return area_code in known


def check_certificate(
    raw: str | None,
    *,
    today: date,
    id_number: str | None = None,
    category: str | int | None = None,
    grade: str | int | None = None,
    known_area_codes: KnownAreaCodes = None,
) -> Certificate:
    """The checked certificate number; it must agree with the applicant's ID number and with
    the category and grade entered, when they are given."""
    number = normalise(raw)
    if len(number) not in (20, 22):
        raise IdentifierError(
            _(
                "A disability certificate number has 20 characters (the resident ID number, "
                "then the category and grade digits), or 22 with a B1–B8 ending; this one has "
                "%(count)d."
            )
            % {"count": len(number)}
        )
    tail, suffix = number[18:20], number[20:]
    if tail[0] not in "1234567" or tail[1] not in "1234":
        raise IdentifierError(
            _(
                "In a disability certificate number the 19th character is the category (1–7) "
                "and the 20th the grade (1–4); here they are %(found)s."
            )
            % {"found": tail}
        )
    if suffix and (suffix[0] != "B" or suffix[1] not in "12345678"):
        raise IdentifierError(
            _("A disability certificate number may end in B1 to B8 only; this one ends in %(end)s.")
            % {"end": suffix}
        )
    try:
        embedded = check_id_number(number[:18], today=today, known_area_codes=known_area_codes)
    except IdentifierError as exc:
        raise IdentifierError(
            _("The resident ID number inside the certificate number is wrong: %(reason)s")
            % {"reason": exc.message}
        ) from None
    if id_number and normalise(id_number) != embedded.number:
        raise IdentifierError(
            _(
                "The certificate number does not contain this applicant's resident ID number. "
                "Check both against the cards."
            )
        )
    certificate = Certificate(
        number=number, id_number=embedded, category=tail[0], grade=int(tail[1]), suffix=suffix
    )
    _check_agrees(certificate, category=category, grade=grade)
    return certificate


def _check_agrees(
    certificate: Certificate, *, category: str | int | None, grade: str | int | None
) -> None:
    entered_category = str(category) if category not in (None, "") else certificate.category
    entered_grade = int(grade) if grade not in (None, "") else certificate.grade
    if (entered_category, entered_grade) == (certificate.category, certificate.grade):
        return
    raise IdentifierError(
        _(
            "The certificate number says %(certificate_category)s, grade "
            "%(certificate_grade)s, but %(category)s, grade %(grade)s was entered. "
            "Correct whichever is wrong."
        )
        % {
            "certificate_category": category_name(certificate.category),
            "certificate_grade": certificate.grade,
            "category": category_name(entered_category),
            "grade": entered_grade,
        }
    )


def category_name(digit: str) -> str:
    """The translated name of a category digit ("2" → "Hearing"), the digit if unknown."""
    name = _CATEGORY_NAMES.get(digit)
    return _(name) if name else digit


def mask_id_number(raw: str | None) -> str:
    """``3401**********1234``: the first four and the last four characters, never the birth date.

    Idempotent; anything too short to keep eight characters is masked whole."""
    number = normalise(raw)
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_certificate(raw: str | None) -> str:
    """The embedded ID masked like :func:`mask_id_number`, the rest (category, grade, suffix)
    masked too: pages show the category and grade from their own fields."""
    number = normalise(raw)
    if len(number) < 18:
        return "*" * len(number)
    return mask_id_number(number[:18]) + "*" * (len(number) - 18)


def mask_phone(raw: str | None) -> str:
    """``138****5678`` for a mobile number; shorter numbers keep only their last four digits."""
    number = normalise(raw)
    if len(number) >= 11:
        return number[:3] + "*" * (len(number) - 7) + number[-4:]
    if len(number) > 4:
        return "*" * (len(number) - 4) + number[-4:]
    return "*" * len(number)
