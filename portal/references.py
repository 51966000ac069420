"""Public references of online requests for help: random, typo-tolerant, never a database id.

A reference is ten random symbols of Crockford's base 32 (digits and capitals without I, L, O
and U) and one check symbol (the Luhn mod N algorithm over the same alphabet: it catches every
single mistyped symbol and every swap of two neighbours). Stored without separators
(``K7P39XQ2M4C``), shown in groups of four (``K7P3-9XQ2-M4C``). Input is forgiving: case,
spaces, dashes and full-width characters are ignored, O reads as 0 and I or L as 1.

A pure rules module: plain strings in and out.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from enum import Enum

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BASE = len(ALPHABET)
RANDOM_LENGTH = 10
LENGTH = RANDOM_LENGTH + 1
GROUP = 4
_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-_.·—–]+")
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class Parsed(Enum):
    """How typed text reads as a reference."""

    VALID = "valid"  # well formed and the check symbol matches
    BAD_CHECK = "bad_check"  # well formed, but the check symbol does not match (a typo)
    MALFORMED = "malformed"  # wrong length or a symbol outside the alphabet


def check_symbol(body: str) -> str:
    """The Luhn mod 32 check symbol of ``body`` (symbols of :data:`ALPHABET`)."""
    factor = 2
    total = 0
    for symbol in reversed(body):
        addend = factor * _VALUE[symbol]
        addend = addend // BASE + addend % BASE
        total += addend
        factor = 1 if factor == 2 else 2
    return ALPHABET[(BASE - total % BASE) % BASE]


def new_reference() -> str:
    """A fresh random reference (canonical form: eleven symbols, no separators)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + check_symbol(body)


def normalise(text: str) -> str:
    """``text`` as canonical symbols: upper case, no separators, O→0, I/L→1 (may be invalid)."""
    folded = unicodedata.normalize("NFKC", text or "").upper()
    return _SEPARATORS.sub("", folded).translate(_READ_AS)


def parse(text: str) -> tuple[Parsed, str]:
    """How ``text`` reads, and its canonical form (meaningful only when not MALFORMED)."""
    canonical = normalise(text)
    if len(canonical) != LENGTH or any(symbol not in _VALUE for symbol in canonical):
        return Parsed.MALFORMED, canonical
    if check_symbol(canonical[:-1]) != canonical[-1]:
        return Parsed.BAD_CHECK, canonical
    return Parsed.VALID, canonical


def is_valid(text: str) -> bool:
    return parse(text)[0] is Parsed.VALID


def display_reference(reference: str) -> str:
    """``K7P3-9XQ2-M4C``: the canonical form in groups of four, for reading aloud and typing."""
    canonical = normalise(reference)
    return "-".join(canonical[i : i + GROUP] for i in range(0, len(canonical), GROUP))
