from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_new, name="new"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/left/", views.person_left, name="left"),
    path("<int:pk>/engage/", views.person_engage, name="engage"),
    path(
        "<int:pk>/engagements/<int:engagement_id>/end/",
        views.engagement_end,
        name="end_engagement",
    ),
]
