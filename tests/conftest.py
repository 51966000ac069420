"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.models import User
from tests.factories import PASSWORD, Cast, build_cast


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translation catalogues, so a bare ``pytest`` tests the current .po files.

    Only the controlling process does it (xdist workers start after it)."""
    if hasattr(config, "workerinput"):
        return
    from scripts.compile_messages import compile_file

    for po in (Path(__file__).resolve().parent.parent / "locale").glob("*/LC_MESSAGES/*.po"):
        compile_file(po)


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


@pytest.fixture
def login(client):
    """Log a user in through the real login form (so axes, signals and the session run)."""

    def _login(user: User, password: str = PASSWORD):
        response = client.post(
            "/accounts/login/", {"username": user.username, "password": password}
        )
        assert response.status_code == 302, response.content[:500]
        return client

    return _login


@pytest.fixture
def english(client):
    """Run the test in English: messages in code and pages the client fetches.

    Chinese is the default; tests that assert wording read the English catalogue, which the
    translation check keeps complete, so the wording asserted is the wording users see."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
