"""The self-assessment and review pages: bad input as clear errors (never a 500), scope, evidence
refusals, highlights in text, and query counts that do not grow with items or evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from cases import filetypes
from compliance.models import Assessment, Criterion, Evidence
from compliance.services.assessments import error_key, submit_assessment
from compliance.services.evidence import upload_evidence
from compliance.services.reviews import Decision
from tests.cases.provision_helpers import PDF_BYTES
from tests.compliance.assessment_helpers import (
    agree_all,
    answer_all,
    clerk,
    framework,
    items_of,
    review,
    started,
)
from tests.compliance.factories import station

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(english, settings, tmp_path):
    settings.DOCUMENT_ROOT = str(tmp_path / "documents")
    with time_machine.travel(datetime(2026, 11, 15, 4, 0, tzinfo=UTC), tick=False):
        yield


def submitted(cast, code="340102") -> Assessment:
    assessment = started(cast, code)
    saved = answer_all(cast, assessment, code)
    return submit_assessment(saved, actor=clerk(cast, code), expected_version=saved.version)


def test_starting_a_period_that_has_not_ended_shows_a_clear_error(cast, client):
    framework()
    station(cast, "340102")
    client.force_login(clerk(cast, "340102"))
    response = client.post(reverse("assessments:start"), {"period": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "has not ended yet" in html
    assert 'id="error-summary"' in html
    assert 'aria-describedby="id_period_helptext id_period_error"' in html
    response = client.post(reverse("assessments:start"), {"period": "2026-Q5"})
    assert response.status_code == 200
    assert "Q1 to Q4" in response.content.decode()
    response = client.post(reverse("assessments:start"), {"period": "2025-H2"})
    assert response.status_code == 302
    assert Assessment.all_objects.get().period_start == date(2025, 7, 1)


def test_a_federation_without_a_workstation_is_told_so(cast, client):
    framework()
    client.force_login(clerk(cast, "340103"))
    response = client.post(reverse("assessments:start"), {"period": "2025"})
    assert response.status_code == 200
    assert "no workstation on record" in response.content.decode()


def test_submitting_an_incomplete_assessment_shows_errors_and_keeps_answers(cast, client):
    assessment = started(cast)
    first, second = items_of(assessment)[:2]
    client.force_login(clerk(cast, "340102"))
    response = client.post(
        reverse("assessments:save", args=[assessment.pk]),
        {
            "version": assessment.version,
            error_key(first, "self_result"): "met",
            error_key(first, "statement"): "有台账",
            "action": "submit",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "give your own result before submitting" in html
    assert Assessment.all_objects.get(pk=assessment.pk).status == "draft"
    # The answer given was kept, and the form carries the new version: saving again works.
    assert items_of(assessment)[0].self_result == "met"
    version = response.context["form"]["version"].value()
    response = client.post(
        reverse("assessments:save", args=[assessment.pk]),
        {"version": version, error_key(second, "self_result"): "partly", "action": "save"},
    )
    assert response.status_code == 302


def test_a_stale_form_is_refused_with_a_clear_message(cast, client):
    assessment = started(cast)
    first = items_of(assessment)[0]
    client.force_login(clerk(cast, "340102"))
    response = client.post(
        reverse("assessments:save", args=[assessment.pk]),
        {"version": assessment.version + 3, error_key(first, "self_result"): "met"},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert items_of(assessment)[0].self_result == ""


def test_review_page_the_city_reviews_the_county_not_itself_nor_the_province(cast, client):
    assessment = submitted(cast)
    url = reverse("assessments:review", args=[assessment.pk])
    client.force_login(clerk(cast, "340100"))
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["refusal"] is None
    assert 'value="final"' in response.content.decode()
    client.force_login(clerk(cast, "340102"))
    response = client.get(url)
    assert response.status_code == 200
    assert "No federation reviews itself" in response.content.decode()
    assert 'value="final"' not in response.content.decode()
    client.force_login(clerk(cast, "340000"))
    response = client.get(url)
    assert "Only the federation directly above" in response.content.decode()
    client.force_login(clerk(cast, "340103"))
    assert client.get(url).status_code == 404
    client.force_login(cast.user("340202", "clerk"))
    assert client.get(url).status_code == 404


def test_disagreeing_without_a_comment_on_the_page_is_a_field_error(cast, client):
    assessment = submitted(cast)
    first = items_of(assessment)[0]
    client.force_login(clerk(cast, "340100"))
    data = {"version": Assessment.all_objects.get(pk=assessment.pk).version, "outcome": "return"}
    data.update({error_key(item, "review"): "agree" for item in items_of(assessment)})
    data[error_key(first, "review")] = "disagree"
    response = client.post(reverse("assessments:review", args=[assessment.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "say why you disagree" in html
    assert f'id="id_{error_key(first, "comment")}_error"' in html
    assert Assessment.all_objects.get(pk=assessment.pk).status == "submitted"


def test_reviewing_an_assessment_that_is_not_submitted_is_refused_on_the_page(cast, client):
    assessment = started(cast)
    client.force_login(clerk(cast, "340100"))
    url = reverse("assessments:review", args=[assessment.pk])
    assert "not waiting for review" in client.get(url).content.decode()
    response = client.post(url, {"version": assessment.version, "outcome": "final"})
    assert response.status_code == 200
    assert "not waiting for review" in response.content.decode()


def test_disagreements_and_differences_are_marked_in_text(cast, client):
    assessment = submitted(cast)
    first = items_of(assessment)[0]
    decisions = agree_all(assessment)
    decisions[first.pk] = Decision("disagree", "台账缺失")
    review(cast, assessment, decisions, "return")
    client.force_login(clerk(cast, "340102"))
    html = client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert html.count('<span aria-hidden="true">✗ </span>Reviewer disagrees</p>') == 1
    assert "台账缺失" in html
    # Only the disagreed item is editable now.
    assert f'name="{error_key(first, "self_result")}"' in html
    assert f'name="{error_key(items_of(assessment)[1], "self_result")}"' not in html


def _upload(client, assessment, item, name, content):
    return client.post(
        reverse("assessments:evidence_upload", args=[assessment.pk, item.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_evidence_of_the_wrong_type_is_refused_and_audited(cast, client, monkeypatch):
    assessment = started(cast)
    item = items_of(assessment)[0]
    client.force_login(clerk(cast, "340102"))
    response = _upload(client, assessment, item, "setup.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    response = _upload(client, assessment, item, "empty.pdf", b"")
    assert "The file is empty." in response.content.decode()
    monkeypatch.setattr(filetypes, "MAX_SIZE", 100)
    response = _upload(client, assessment, item, "big.pdf", PDF_BYTES)
    assert "larger than" in response.content.decode()
    assert not Evidence.all_objects.exists()
    reasons = [
        entry.changes["reason"][1]
        for entry in AuditEntry.all_objects.filter(action="evidence.refused").order_by("pk")
    ]
    assert reasons[1:] == ["empty", "too_large"]
    assert len(reasons) == 3


def test_evidence_is_stored_listed_and_its_download_audited(cast, client):
    assessment = started(cast)
    item = items_of(assessment)[0]
    client.force_login(clerk(cast, "340102"))
    response = _upload(client, assessment, item, "台账.pdf", PDF_BYTES)
    assert response.status_code == 302
    evidence = Evidence.all_objects.get()
    assert (evidence.kind, evidence.county_code) == ("pdf", "340102")
    assert AuditEntry.all_objects.filter(action="evidence.uploaded").count() == 1
    html = client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert "台账.pdf" in html
    response = client.get(
        reverse("assessments:evidence_download", args=[assessment.pk, evidence.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.all_objects.filter(action="evidence.downloaded").count() == 1


def test_assessment_page_queries_do_not_grow_with_items_or_evidence(
    cast, client, django_assert_max_num_queries
):
    small = started(cast, period="2024")
    client.force_login(clerk(cast, "340102"))
    with django_assert_max_num_queries(60) as baseline:
        assert client.get(reverse("assessments:detail", args=[small.pk])).status_code == 200
    # More items (local criteria) and many evidence files.
    standard = small.framework.standards.get(number=1)
    for number in range(8):
        Criterion.objects.create(
            standard=standard,
            code=f"1.L{number}",
            text="本省细则",
            province=cast.regions["340000"],
            added_on=date(2020, 1, 1),
        )
    large = started(cast, period="2025")
    for item in items_of(large)[:5]:
        for number in range(3):
            upload_evidence(
                item,
                actor=clerk(cast, "340102"),
                file=SimpleUploadedFile(f"e{number}.pdf", PDF_BYTES),
            )
    assert len(items_of(large)) == len(items_of(small)) + 8
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        assert client.get(reverse("assessments:detail", args=[large.pk])).status_code == 200
    for page in ("assessments:review",):
        client.force_login(clerk(cast, "340100"))
        with django_assert_max_num_queries(len(baseline.captured_queries) + 5):
            assert client.get(reverse(page, args=[large.pk])).status_code == 200


def test_the_lists_show_own_and_the_review_queue(cast, client):
    own = submitted(cast)
    client.force_login(clerk(cast, "340100"))
    response = client.get(reverse("assessments:list"))
    assert [a.pk for a in response.context["queue"]] == [own.pk]
    assert response.context["own"] == []
    client.force_login(clerk(cast, "340102"))
    response = client.get(reverse("assessments:list"))
    assert [a.pk for a in response.context["own"]] == [own.pk]
    assert response.context["queue"] == []
    client.force_login(clerk(cast, "340000"))
    assert client.get(reverse("assessments:list")).context["queue"] == []


def test_the_round_trip_through_the_pages(cast, client):
    assessment = submitted(cast)
    items = items_of(assessment)
    url = reverse("assessments:review", args=[assessment.pk])

    def post_review(outcome, **overrides):
        data = {
            "version": Assessment.all_objects.get(pk=assessment.pk).version,
            "outcome": outcome,
        }
        data.update({error_key(item, "review"): "agree" for item in items})
        data.update(overrides)
        return client.post(url, data)

    client.force_login(clerk(cast, "340100"))
    response = post_review(
        "return",
        **{error_key(items[0], "review"): "disagree", error_key(items[0], "comment"): "缺台账"},
    )
    assert response.status_code == 302
    assert Assessment.all_objects.get(pk=assessment.pk).status == "returned"
    client.force_login(clerk(cast, "340102"))
    response = client.post(
        reverse("assessments:save", args=[assessment.pk]),
        {
            "version": Assessment.all_objects.get(pk=assessment.pk).version,
            error_key(items[0], "self_result"): "not_met",
            error_key(items[0], "statement"): "确实缺少",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    assert Assessment.all_objects.get(pk=assessment.pk).round == 2
    client.force_login(clerk(cast, "340100"))
    assert post_review("final").status_code == 302
    final = Assessment.all_objects.get(pk=assessment.pk)
    assert final.status == "final"
    # The county may turn the unmet item into a rectification task; the city may not.
    detail = reverse("assessments:detail", args=[assessment.pk])
    link = f"{reverse('rectification:create')}?item={items[0].pk}"
    assert link not in client.get(detail).content.decode()
    client.force_login(clerk(cast, "340102"))
    assert link in client.get(detail).content.decode()
    response = client.get(link)
    assert response.status_code == 200
    assert "criterion" not in response.context["form"].fields
