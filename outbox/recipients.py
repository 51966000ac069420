"""Recipient addresses: normalising and masking, a rules module with plain strings in and out.

A mainland mobile number is eleven digits starting 1[3-9]; people type it with spaces, hyphens,
a +86 / 0086 prefix or full-width digits (from a Chinese input method), all of which are accepted
and removed. E-mail addresses are checked by the caller with Django's validator.
"""

import re
import unicodedata

_MOBILE = re.compile(r"1[3-9]\d{9}")
_SEPARATORS = re.compile(r"[\s\-()]+")
_COUNTRY_CODE = re.compile(r"^(?:\+86|0086|86)(?=1\d{10}$)")


def normalise_mobile(raw: str) -> str | None:
    """The bare eleven-digit mobile number in ``raw``, or None when it is not one."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = _COUNTRY_CODE.sub("", _SEPARATORS.sub("", text))
    return text if text.isascii() and _MOBILE.fullmatch(text) else None


def mask_mobile(number: str) -> str:
    """``138****5678``; anything that is not an eleven-digit number is masked whole."""
    if len(number) != 11:
        return "*" * len(number)
    return f"{number[:3]}****{number[-4:]}"


def mask_email(address: str) -> str:
    """``z***@example.com``: the first character of the local part and the domain."""
    local, sep, domain = address.partition("@")
    if not sep or not local:
        return "*" * len(address)
    return f"{local[0]}***@{domain}"
