"""The portal's content pages: /, the easy-read version, accessibility, the display switch."""

from django.urls import path

from portal.views import public

app_name = "portal"
urlpatterns = [
    path("", public.home, name="home"),
    path("easy-read/", public.easy_read, name="easy_read"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("display/", public.display, name="display"),
]
