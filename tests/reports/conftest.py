"""The reports tests use the suite's named cast (``tests/factories.py``: 340000, its cities 340100
and 340200, their counties), with an audit administrator and a clerk in every federation, and one
audit entry per region labelled ``marker-<code>``.
"""

from __future__ import annotations

import pytest

from accounts.models import User
from accounts.roles import Role
from audit.services import record
from tests.factories import Cast, build_cast


@pytest.fixture
def cast(db) -> Cast:
    cast = build_cast(roles=[Role.AUDIT_ADMIN, Role.CLERK])
    for code, region in cast.regions.items():
        record("seed.loaded", None, actor=None, actor_label=f"marker-{code}", region=region)
    return cast


@pytest.fixture
def province_auditor(cast: Cast) -> User:
    return cast.user("340000", Role.AUDIT_ADMIN)


@pytest.fixture
def city_auditor(cast: Cast) -> User:
    return cast.user("340100", Role.AUDIT_ADMIN)


@pytest.fixture
def city_clerk(cast: Cast) -> User:
    return cast.user("340100", Role.CLERK)
