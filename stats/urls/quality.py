"""The data-quality list (issue 7, item 3): ``?region=<code>&period=<key>``."""

from django.urls import path

from stats.views import quality

app_name = "quality"
urlpatterns = [
    path("", quality.quality_list, name="list"),
]
