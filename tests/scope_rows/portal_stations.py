"""Scope-matrix rows for the public workstation finder and workstation pages (issue 5): public,
so every role and anonymous visitors get 200, whatever the region."""

from django.urls import reverse

from tests.scope import Row, everyone
from tests.workstations.stations_helpers import make_station


def station_page(cast, code):
    make_station(cast, code)
    return reverse("finder:station", args=[code])


ROWS = {
    "finder:index": Row(lambda cast, code: reverse("finder:index"), everyone(200), anonymous=200),
    "finder:station": Row(station_page, everyone(200), anonymous=200),
}
