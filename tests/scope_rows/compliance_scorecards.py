"""Scope-matrix rows for the scorecards and the roll-up (issue 6, item 5).

Both are objects of a region: the roll-up of ``?region=<code>`` and the scorecard of the
workstation of ``<code>`` (made by the URL lambda). A region outside the scope is a 404."""

from django.urls import reverse

from accounts.roles import Capability
from tests.scope import Row, roles_with
from tests.workstations.stations_helpers import make_station

VIEW = roles_with(Capability.WORKSTATION_VIEW)


def scorecard(cast, code):
    make_station(cast, code)
    return reverse("scorecards:station", args=[code]) + "?period=2025"


ROWS: dict[str, Row] = {
    "scorecards:rollup": Row(
        lambda cast, code: reverse("scorecards:rollup") + f"?region={code}&period=2025",
        VIEW,
        anonymous=302,
        is_object=True,
    ),
    "scorecards:station": Row(scorecard, VIEW, anonymous=302, is_object=True),
}
