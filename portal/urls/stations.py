"""The public workstation finder and each workstation's page (issue 5).

``/stations/<code>/`` is printed on notice-board posters as a QR code
(``reports.exporters.poster.station_url``): keep it stable."""

from django.urls import path

from portal.views import stations

app_name = "finder"
urlpatterns = [
    path("", stations.index, name="index"),
    path("<str:code>/", stations.station, name="station"),
]
