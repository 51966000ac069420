"""Synthetic, checksum-valid identifiers for applicant tests (no real person's numbers)."""

from __future__ import annotations

from cases.identifiers import check_character
from cases.services.applicants import register_applicant
from tests.factories import Cast


def id_number(area: str = "340102", born: str = "19800101", sequence: str = "123") -> str:
    """An 18-character resident ID with a correct check character (odd sequence: a man)."""
    first17 = f"{area}{born}{sequence}"
    return first17 + check_character(first17)


def certificate(number: str, category: int = 4, grade: int = 2, suffix: str = "") -> str:
    return f"{number}{category}{grade}{suffix}"


def register(cast: Cast, code: str = "340102", name: str = "王小明", **fields):
    """An applicant registered through the service by the clerk of ``code``."""
    return register_applicant(
        cast.federations[code], actor=cast.user(code, "clerk"), name=name, **fields
    )
