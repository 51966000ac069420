from django.urls import path

from cases.views import lists

app_name = "cases"

urlpatterns = [
    path("", lists.case_list, name="list"),
]
