"""Scope-matrix rows for a case's documents. A lawyer who does not serve the case gets 404."""

from django.urls import reverse

from accounts.roles import Capability, Role
from tests.cases.provision_helpers import make_document, open_case
from tests.scope import Row, roles_with

VIEW = {
    role: 200 if ok or role == Role.LAWYER else 403
    for role, ok in ((r, s == 200) for r, s in roles_with(Capability.CASE_VIEW).items())
}
UPLOAD = {
    role: 200 if edit == 200 or record == 200 else 403
    for (role, edit), record in zip(
        roles_with(Capability.CASE_EDIT).items(),
        roles_with(Capability.SERVICE_RECORD).values(),
        strict=True,
    )
}
# The cast's lawyers serve none of these cases.
VIEW[Role.LAWYER] = UPLOAD[Role.LAWYER] = 404


def download_url(cast, code):
    document = make_document(cast, code)
    return reverse("documents:download", args=[document.case_id, document.pk])


ROWS: dict[str, Row] = {
    "documents:upload": Row(
        lambda cast, code: reverse("documents:upload", args=[open_case(cast, code).pk]),
        UPLOAD,
        anonymous=302,
        is_object=True,
    ),
    "documents:download": Row(download_url, VIEW, anonymous=302, is_object=True),
}
