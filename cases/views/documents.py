"""Uploading a document to a case, and downloading it: always as an attachment, never shown
inline, through the case's scope, and audited."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from cases import filetypes, storage
from cases.forms.documents import UploadForm
from cases.models import Document
from cases.selectors.cases import case_in_scope_or_404, sub_object_or_404
from cases.selectors.provision import services_of
from cases.services.documents import record_document_download, upload_document
from cases.views.provision import show_error
from lawstation.errors import DomainError

VIEW = (Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED)
UPLOAD = (Capability.CASE_EDIT, Capability.SERVICE_RECORD)
UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")


@never_cache
@requires(UPLOAD)
def document_upload(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    services = services_of(request.scope, case)
    form = UploadForm(request.POST or None, request.FILES or None, services=services)
    if request.method == "POST" and form.is_valid():
        try:
            document = upload_document(case, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("“%(title)s” was added to the case file.") % {"title": document.title}
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/document_form.html",
        {"case": case, "form": form, "limit_mb": filetypes.MAX_SIZE // (1024 * 1024)},
    )


@never_cache
@requires(VIEW)
def document_download(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = case_in_scope_or_404(request.scope, case_pk)
    document = sub_object_or_404(request.scope, Document, case, pk)
    try:
        stream = storage.open_stored(document.stored_name)
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    try:
        record_document_download(document, actor=request.user)
    except BaseException:
        stream.close()
        raise
    response = FileResponse(stream, content_type=document.content_type)
    response["Content-Disposition"] = attachment_header(document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser were tricked into rendering it, nothing in it may run or load.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attachment_header(name: str) -> str:
    """``attachment`` with an ASCII fallback name and the real name in RFC 5987 form."""
    extension = filetypes.extension_of(name)
    stem = name[: -len(extension)] if extension else name
    fallback = UNSAFE_ASCII.sub("_", stem).strip("._") or "document"
    fallback += UNSAFE_ASCII.sub("", extension)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
