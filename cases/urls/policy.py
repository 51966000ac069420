from django.urls import path

from cases.views import policy

app_name = "case_policy"

urlpatterns = [
    path("", policy.policy_detail, name="detail"),
    path("edit/", policy.policy_edit, name="edit"),
]
