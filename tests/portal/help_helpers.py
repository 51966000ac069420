"""Helpers for the online request for help and the status lookup (tests/portal/test_help_*).

The cast has no workstations; ``served`` opens established ones at 瑶海区 (340102) and 合肥市
(340100), so 庐阳区 (340103) is served by the city and 芜湖市's counties by nobody. 710000 (a
province-level code without any workstation) stands for "outside the portal's reach".
"""

from __future__ import annotations

import re

import pytest

from accounts.roles import Role
from portal.forms.help import new_submission_key
from regions.models import Level
from tests.factories import Cast, build_cast, make_region
from workstations.models import Workstation

HELP_URL = "/help/"
STATUS_URL = "/status/"
RECEIPT_URL = "/help/receipt/"
REFERENCE_ON_PAGE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}")


def open_station(cast: Cast, code: str) -> Workstation:
    federation = cast.federations[code]
    station = Workstation(
        federation=federation,
        name=f"{federation.name}法律救助工作站",
        status=Workstation.Status.ESTABLISHED,
    )
    station.set_region(federation.region)
    station.save(force_insert=True)
    return station


@pytest.fixture
def served(db) -> Cast:
    # Public pages need no staff: one clerk per federation keeps the cast quick to build.
    cast = build_cast(roles=[Role.CLERK])
    open_station(cast, "340102")
    open_station(cast, "340100")
    make_region("710000", "台湾省", Level.PROVINCE, None)
    return cast


def valid_post(**overrides) -> dict:
    data = {
        "region": "340102",
        "requester": "self",
        "name": "李明",
        "relationship": "",
        "person_name": "",
        "phone": "139 1234 5678",
        "email": "",
        "contact_preference": "sms",
        "matter": "单位拖欠我三个月工资，不肯支付。",
        "homepage": "",
        "submission_key": new_submission_key(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def reference_on(page: str) -> str:
    match = REFERENCE_ON_PAGE.search(page)
    assert match, "no reference on the page"
    return match.group(0)
