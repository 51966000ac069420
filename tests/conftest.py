"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import PASSWORD, Cast, build_cast


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
