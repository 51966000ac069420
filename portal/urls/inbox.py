"""The staff inbox of online requests for help (``/staff/web-requests/``)."""

from django.urls import path

from portal.views import inbox

app_name = "webrequests"
urlpatterns = [
    path("", inbox.inbox_list, name="list"),
    path("<int:pk>/", inbox.inbox_detail, name="detail"),
    path("<int:pk>/take-up/", inbox.take_up, name="take_up"),
    path("<int:pk>/register/", inbox.register, name="register"),
    path("<int:pk>/decline/", inbox.decline, name="decline"),
]
