"""The case list (being written)."""

from django.http import HttpRequest, HttpResponse

from accounts.permissions import requires
from accounts.roles import Capability


@requires((Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED))
def case_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
