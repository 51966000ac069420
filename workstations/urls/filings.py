from django.urls import path

from workstations.views import filings as views

app_name = "filings"
urlpatterns = [
    path("", views.filing_list, name="list"),
    path("submit/", views.filing_submit, name="submit"),
    path("gaps/", views.filing_gap_list, name="gaps"),
    path("<int:pk>/", views.filing_detail, name="detail"),
    path("<int:pk>/accept/", views.filing_accept, name="accept"),
    path("<int:pk>/return/", views.filing_return, name="return"),
]
