"""The public notice: versions with effective dates, publications, completeness; its pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from lawstation.errors import DomainError
from tests.workstations.stations_helpers import COMPLETE_NOTICE, make_notice, make_station
from workstations.models import Publication, PublicNotice
from workstations.services.notices import publish_notice, record_publication

pytestmark = pytest.mark.django_db


def audited(action: str) -> int:
    return AuditEntry.all_objects.filter(action=action).count()


def test_publishing_the_first_version(cast):
    notice = make_notice(cast, "340102", effective_from=date(2020, 1, 1))
    assert notice.effective_until is None
    assert notice.county_code == "340102"
    assert notice.phone == "0551-12345678"
    entry = AuditEntry.all_objects.get(action="public_notice.published")
    assert entry.changes["effective_from"] == [None, "2020-01-01"]


def test_a_new_version_closes_the_previous_one_the_day_before(cast):
    first = make_notice(cast, "340102", effective_from=date(2020, 1, 1))
    second = make_notice(cast, "340102", effective_from=date(2020, 7, 1), phone="0551-7654321")
    first.refresh_from_db()
    assert first.effective_until == date(2020, 6, 30)
    assert second.effective_until is None
    assert audited("public_notice.superseded") == 1
    assert audited("public_notice.published") == 2


@pytest.mark.parametrize("start", [date(2020, 1, 1), date(2019, 12, 31)])
def test_a_version_not_after_the_current_one_is_refused_and_nothing_changes(cast, start):
    first = make_notice(cast, "340102", effective_from=date(2020, 1, 1))
    with pytest.raises(DomainError, match="must take effect after the current one"):
        make_notice(cast, "340102", effective_from=start)
    first.refresh_from_db()
    assert first.effective_until is None
    assert PublicNotice.all_objects.count() == 1
    assert audited("public_notice.superseded") == 0


def test_a_version_more_than_a_year_ahead_is_refused(cast):
    with pytest.raises(DomainError, match="at most a year ahead"):
        make_notice(cast, "340102", effective_from=timezone.localdate() + timedelta(days=400))
    assert audited("public_notice.published") == 0


def test_a_version_announced_for_next_month_is_allowed(cast):
    notice = make_notice(cast, "340102", effective_from=timezone.localdate() + timedelta(days=30))
    assert notice.pk


def test_a_bad_email_or_too_long_text_is_refused(cast):
    with pytest.raises(DomainError, match="not valid"):
        make_notice(cast, "340102", email="not-an-address")
    with pytest.raises(DomainError, match="too long"):
        make_notice(cast, "340102", working_hours="x" * 201)
    assert audited("public_notice.published") == 0


def test_an_incomplete_notice_may_be_published(cast):
    notice = publish_notice(
        make_station(cast, "340102"), actor=None, effective_from=date(2020, 1, 1), phone="123"
    )
    assert notice.scope_of_cases == ""


def test_a_publication_is_recorded_and_audited(cast):
    notice = make_notice(cast, "340102")
    publication = record_publication(
        notice, actor=None, channel="notice_board", published_on=date(2020, 1, 2), location="大厅"
    )
    assert publication.county_code == "340102"
    entry = AuditEntry.all_objects.get(action="publication.recorded")
    assert entry.changes["channel"] == [None, "notice_board"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"channel": "radio"}, "from the list"),
        ({"published_on": "future"}, "cannot be in the future"),
    ],
)
def test_bad_publications_are_refused(cast, values, message):
    notice = make_notice(cast, "340102")
    values = {"channel": "website", "published_on": date(2020, 1, 2)} | values
    if values["published_on"] == "future":
        values["published_on"] = timezone.localdate() + timedelta(days=1)
    with pytest.raises(DomainError, match=message):
        record_publication(notice, actor=None, **values)
    assert not Publication.all_objects.exists()
    assert audited("publication.recorded") == 0


# --- pages -----------------------------------------------------------------------------------


def url(name, code="340102", *args):
    return reverse(f"stations:{name}", args=[code, *args])


def test_the_notice_page_says_in_words_what_is_missing(client, cast):
    make_notice(cast, "340102", effective_from=date(2020, 1, 1), workflow="")
    client.force_login(cast.user("340102", Role.LEADER))
    response = client.get(url("notice"))
    html = response.content.decode()
    assert "Incomplete" in html
    assert "Missing: Workflow" in html
    assert "Not published through any channel" in html
    assert url("notice_new") not in html  # a leader does not edit


def test_a_complete_published_notice_is_shown_complete(client, cast):
    notice = make_notice(cast, "340102", effective_from=date(2020, 1, 1))
    record_publication(notice, actor=None, channel="website", published_on=date(2020, 1, 1))
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.get(url("notice"))
    assert response.context["current"][0].completeness.is_complete
    assert "Complete: all five items present and published" in response.content.decode()


def test_clerk_publishes_a_new_version_starting_from_the_current_one(client, cast):
    make_notice(cast, "340102", effective_from=date(2020, 1, 1))
    client.force_login(cast.user("340102", Role.CLERK))
    form = client.get(url("notice_new")).context["form"]
    assert form.initial["phone"] == "0551-12345678"
    data = {**COMPLETE_NOTICE, "effective_from": "2020-07-01", "sms_number": "10690000"}
    response = client.post(url("notice_new"), data)
    assert response.status_code == 302
    assert PublicNotice.all_objects.get(effective_until=None).sms_number == "10690000"
    response = client.get(url("notice"))
    assert len(response.context["others"]) == 1


def test_a_refused_version_keeps_what_was_typed(client, cast):
    make_notice(cast, "340102", effective_from=date(2020, 1, 1))
    client.force_login(cast.user("340102", Role.CLERK))
    data = {**COMPLETE_NOTICE, "effective_from": "2019-01-01", "workflow": "新流程说明"}
    response = client.post(url("notice_new"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "must take effect after the current one" in html
    assert "新流程说明" in html
    assert PublicNotice.all_objects.count() == 1


def test_recording_a_publication_through_the_page(client, cast):
    notice = make_notice(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    target = url("publication_add", "340102", notice.pk)
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client.post(
        target, {"channel": "website", "published_on": future, "location": "网址"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot be in the future" in html
    assert "网址" in html
    response = client.post(
        target, {"channel": "website", "published_on": "2020-01-02", "location": "网址"}
    )
    assert response.status_code == 302
    assert Publication.all_objects.get().location == "网址"


def test_notice_pages_are_404_without_a_workstation(client, cast):
    client.force_login(cast.user("340102", Role.CLERK))
    assert client.get(url("notice")).status_code == 404
    assert client.get(url("notice_new")).status_code == 404


def test_a_publication_for_another_federations_notice_is_404(client, cast):
    other = make_notice(cast, "340103")
    make_station(cast, "340102")
    client.force_login(cast.user("340100", Role.CLERK))
    target = url("publication_add", "340102", other.pk)
    response = client.post(target, {"channel": "website", "published_on": "2020-01-02"})
    assert response.status_code == 404


def test_notice_page_queries_do_not_grow_with_versions(client, cast, django_assert_max_num_queries):
    notice = make_notice(cast, "340102", effective_from=date(2019, 1, 1))
    client.force_login(cast.user("340102", Role.CLERK))
    with django_assert_max_num_queries(20) as few:
        client.get(url("notice"))
    for month in range(2, 8):
        notice = make_notice(cast, "340102", effective_from=date(2019, month, 1))
        for channel in ("website", "notice_board"):
            record_publication(
                notice, actor=None, channel=channel, published_on=date(2019, month, 1)
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("notice"))
    assert len(response.context["others"]) == 6
