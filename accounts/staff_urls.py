from django.urls import path

from accounts import staff_views

app_name = "users"
urlpatterns = [
    path("", staff_views.user_list, name="list"),
    path("new/", staff_views.user_create, name="create"),
    path("<int:user_id>/", staff_views.user_detail, name="detail"),
    path("<int:user_id>/role/", staff_views.user_role, name="role"),
    path("<int:user_id>/unlock/", staff_views.user_unlock, name="unlock"),
    path("<int:user_id>/deactivate/", staff_views.user_deactivate, name="deactivate"),
]
