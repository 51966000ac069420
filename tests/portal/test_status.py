"""/status/: the stage and its date, nothing else; the same answer for unknown and wrong."""

import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEntry
from portal.models import HelpRequest
from portal.references import check_symbol, display_reference, new_reference
from portal.selectors.status import stage_of
from regions.scoping import unscoped
from tests.portal.help_helpers import (
    HELP_URL,
    RECEIPT_URL,
    STATUS_URL,
    reference_on,
    served,
    valid_post,
)

pytestmark = pytest.mark.django_db
__all__ = ["served"]

NO_LIMITS = {
    "status": (100_000, 60),
    "status_reference": (100_000, 3600),
    "help": (100, 600),
    "help_daily": (100, 86400),
}
NOT_FOUND = "We could not find a request with this reference and these digits"
_VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*|(value=")[^"]*')


@pytest.fixture
def submitted(client, served) -> str:
    """A request submitted through the form; its reference as shown on the receipt."""
    client.post(HELP_URL, valid_post(matter="房东扣押押金，不肯退还。"))
    return reference_on(client.get(RECEIPT_URL).content.decode())


def look_up(client, reference: str, digits: str):
    return client.post(STATUS_URL, {"reference": reference, "second_factor": digits})


def text(response) -> str:
    return response.content.decode()


def test_form_page(client, served, english):
    response = client.get(STATUS_URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert 'name="reference"' in text(response)
    assert 'name="second_factor"' in text(response)


def test_reference_and_last_four_show_the_stage_and_nothing_else(client, submitted, english):
    response = look_up(client, submitted, "5678")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = text(response)
    assert "Received" in body
    assert "since" in body
    assert f"{timezone.localdate():%Y}" in body
    for private in ("李明", "房东", "13912345678", "瑶海区", "法律救助工作站", "340102"):
        assert private not in body


@pytest.mark.parametrize(
    "transform", [str.lower, lambda r: r.replace("-", " "), lambda r: r.replace("0", "O")]
)
def test_reference_input_is_forgiving(client, submitted, english, transform):
    assert "Received" in text(look_up(client, transform(submitted), "５６７８"))


def test_declined_request_shows_declined(client, submitted, english):
    with unscoped("test"):
        HelpRequest.objects.update(status=HelpRequest.Status.DECLINED, declined_reason="重复")
    body = text(look_up(client, submitted, "5678"))
    assert "Not taken up" in body
    assert "重复" not in body


def normalised(response, *typed: str) -> str:
    body = _VOLATILE.sub(lambda m: m.group(1) or m.group(2), text(response))
    for value in typed:
        body = body.replace(value, "X")
    return body


def test_unknown_reference_and_wrong_digits_give_the_same_answer(client, submitted, english):
    unknown = display_reference(new_reference())
    wrong = look_up(client, submitted, "0000")
    missing = look_up(client, unknown, "5678")
    assert wrong.status_code == missing.status_code == 200
    assert NOT_FOUND in text(wrong)
    assert normalised(wrong, submitted, "0000") == normalised(missing, unknown, "5678")


def test_unknown_reference_still_computes_a_hash(client, served, monkeypatch):
    calls = []
    import portal.selectors.status as status_module

    real = status_module.lookup_digest
    monkeypatch.setattr(status_module, "lookup_digest", lambda *a: calls.append(a) or real(*a))
    look_up(client, new_reference(), "1234")
    assert len(calls) == 1


def test_bad_check_symbol_says_check_for_a_typo(client, submitted, english):
    canonical = submitted.replace("-", "")
    wrong_check = next(s for s in "0123456789" if s != canonical[-1])
    body = text(look_up(client, canonical[:-1] + wrong_check, "5678"))
    assert "typo" in body
    assert NOT_FOUND not in body
    assert 'id="error-summary"' in body


@pytest.mark.parametrize(
    ("reference", "digits"),
    [
        ("", ""),
        ("abc", "5678"),
        ("<script>", "5678"),
        ("K7P3\u202e9XQ2M4C", "5678"),
        ("{ok}", "56"),
        ("{ok}", "<b>"),
    ],
)
def test_bad_input_is_a_clear_error_never_a_500(client, served, english, reference, digits):
    body = "0123456789"
    reference = reference.format(ok=body + check_symbol(body))
    response = look_up(client, reference, digits)
    assert response.status_code == 200
    assert 'id="error-summary"' in text(response)


def test_a_thousand_random_references_reveal_nothing(submitted):
    """The decision itself, for 1,000 random references with valid check characters: nothing
    found, after the same single query each (the page for that answer is the next test)."""
    real = submitted.replace("-", "")
    with CaptureQueriesContext(connection) as queries:
        answers = [stage_of(reference, "5678") for reference in _random_references(1000, real)]
    assert answers == [None] * 1000
    assert len(queries) == 1000
    assert stage_of(real, "0000") is None
    assert stage_of(real, "5678") is not None


@override_settings(PORTAL_RATE_LIMITS=NO_LIMITS)
def test_unknown_references_and_wrong_digits_get_the_same_page(client, submitted, english):
    real = submitted.replace("-", "")
    answers = set()
    guesses = [(reference, "5678") for reference in _random_references(40, real)]
    guesses += [(submitted, f"{n:04d}") for n in range(20) if f"{n:04d}" != "5678"]
    for reference, digits in guesses:
        response = look_up(client, reference, digits)
        assert response.status_code == 200
        assert NOT_FOUND in text(response)
        answers.add(normalised(response, display_reference(reference), reference))
    assert len(answers) == 1


def _random_references(count: int, real: str) -> list[str]:
    references = set()
    while len(references) < count:
        if (reference := new_reference()) != real:
            references.add(reference)
    return list(references)


def test_eleventh_lookup_in_a_minute_is_refused(client, submitted, english):
    for n in range(10):
        response = look_up(client, new_reference(), f"{n:04d}")
        assert response.status_code == 200, n
    response = look_up(client, submitted, "5678")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Too many attempts" in text(response)
    assert "Received" not in text(response)
    look_up(client, submitted, "5678")
    with unscoped("test"):
        refusals = AuditEntry.objects.filter(action="portal.rate_limited")
        assert refusals.count() == 1
        assert refusals.get().changes == {"bucket": [None, "status"]}
    assert look_up(Client(REMOTE_ADDR="198.51.100.7"), submitted, "5678").status_code == 200


def test_one_reference_is_limited_across_addresses(served, submitted, english):
    for n in range(10):
        client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        assert look_up(client, submitted, f"{n:04d}").status_code == 200
    client = Client(REMOTE_ADDR="198.51.100.99")
    assert look_up(client, submitted, "5678").status_code == 429


@override_settings(PORTAL_RATE_LIMITS=NO_LIMITS)
def test_query_count_does_not_grow_with_requests(client, submitted):
    look_up(client, submitted, "5678")  # opens the rate-limit windows
    with CaptureQueriesContext(connection) as few:
        look_up(client, submitted, "5678")
    for n in range(20):
        client.post(HELP_URL, valid_post(matter=f"事情 {n}"))
    with CaptureQueriesContext(connection) as many:
        look_up(client, submitted, "5678")
    assert len(many) <= len(few) <= 20
