"""These tests assert English wording (see ``english`` in tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Every test here runs in English; ``english`` stays active until the test ends."""
