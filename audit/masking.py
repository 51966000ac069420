"""Masking of identifiers in audit text: a rules module, plain strings in and out.

Resident ID numbers keep the first four and the last four characters (never the birth date);
disability certificate numbers likewise keep their category and grade digits; mobile numbers
keep the first three and the last four digits.
"""

import re
from typing import Any

# Only a digit ends a number: one right after letters ("ID340…") is masked too (fail closed).
_CERTIFICATE = re.compile(r"(?<!\d)(\d{4})\d{10}(\d{3}[0-9Xx])([1-7][1-4](?:[Bb][1-8])?)(?!\d)")
_RESIDENT_ID = re.compile(r"(?<!\d)(\d{4})\d{10}(\d{3}[0-9Xx])(?!\d)")
# An optional country code written without a space (+86…, 86…, 0086…) is kept as it is.
_MOBILE = re.compile(r"(?<!\d)((?:\+?86|0086)?1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_text(text: str) -> str:
    """Mask every resident ID, certificate and mobile number found in ``text``."""
    text = _CERTIFICATE.sub(lambda m: f"{m[1]}{'*' * 10}{m[2]}{m[3]}", text)
    text = _RESIDENT_ID.sub(lambda m: f"{m[1]}{'*' * 10}{m[2]}", text)
    return _MOBILE.sub(lambda m: f"{m[1]}****{m[2]}", text)


def mask_value(value: Any) -> Any:
    """Mask identifiers inside any JSON-like value (strings, lists, dicts)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, list | tuple):
        return [mask_value(item) for item in value]
    if isinstance(value, dict):
        return {key: mask_value(item) for key, item in value.items()}
    return value
