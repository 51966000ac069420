"""Scope-matrix rows for the online request for help and the status lookup (issue 5).

Public pages: everyone, signed in or not, gets the same answer. The cast has no workstation, so
the form's step 1 (choosing the place) is what a bare GET shows; the lookup form is the same for
all (its answers are tested in tests/portal/test_status.py)."""

from django.urls import reverse

from tests.scope import Row, everyone

ROWS: dict[str, Row] = {
    "help:form": Row(lambda c, r: reverse("help:form"), everyone(200), anonymous=200),
    "help:receipt": Row(lambda c, r: reverse("help:receipt"), everyone(200), anonymous=200),
    # GET: the matrix would post more lookups from one address than the rate limit allows.
    "help:status": Row(lambda c, r: reverse("help:status"), everyone(200), anonymous=200),
}
