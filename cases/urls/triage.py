from django.urls import path

from cases.views import triage

app_name = "triage"

urlpatterns = [
    path("", triage.triage_page, name="page"),
    path("decide/", triage.triage_decide, name="decide"),
]
