from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import requires
from accounts.roles import Capability
from regions.selectors import overview_of, region_in_scope


@requires(Capability.REGION_VIEW)
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    return render(
        request, "regions/region_detail.html", {"overview": overview_of(request.scope, region)}
    )
