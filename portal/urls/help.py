"""The online request for help and the status lookup: short addresses printed on posters."""

from django.urls import path

from portal.views import help as views

app_name = "help"
urlpatterns = [
    path("help/", views.help_form, name="form"),
    path("help/receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
]
