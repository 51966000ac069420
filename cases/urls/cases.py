from django.urls import path

from cases.views import cases, lists

app_name = "cases"

urlpatterns = [
    path("", lists.case_list, name="list"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/move/", cases.case_move, name="transition"),
    path("<int:pk>/transfer/", cases.case_transfer, name="transfer"),
    path("<int:pk>/handler/", cases.case_assign, name="assign"),
]
