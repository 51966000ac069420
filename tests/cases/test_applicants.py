"""Applicant services and selectors: registration, changes, revealing, duplicates, links."""

import json
from datetime import date

import pytest
from django.http import Http404

from accounts.roles import Role
from audit.models import AuditEntry
from cases import crypto
from cases.models import Applicant, ApplicantLink
from cases.selectors.applicants import (
    applicant_in_scope_or_404,
    applicants_within,
    find_by_id_number,
    links_of,
    possible_duplicates,
)
from cases.services.applicants import (
    link_applicants,
    record_applicant_viewed,
    register_applicant,
    reveal_identifier,
    update_applicant,
)
from lawstation.errors import DomainError
from regions.middleware import scope_for_membership
from tests.cases.identity import certificate, id_number, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NUMBER = id_number("340102", "19800101", "123")
CERTIFICATE = certificate(NUMBER, 4, 2)


def scope_of(cast, code, role=Role.CLERK):
    return scope_for_membership(cast.user(code, role).membership)


def entries(action):
    return list(AuditEntry.all_objects.filter(action=action).order_by("pk"))


def test_registering_stores_identifiers_encrypted_hashed_and_masked(cast):
    applicant = register(
        cast, id_number=NUMBER.lower(), certificate_number=CERTIFICATE, phone="0551-1234567"
    )
    stored = Applicant.all_objects.get(pk=applicant.pk)
    assert crypto.decrypt(stored.id_number_cipher) == NUMBER
    assert crypto.decrypt(stored.certificate_cipher) == CERTIFICATE
    assert stored.id_number_hash == crypto.lookup_hash("id_number", NUMBER)
    assert stored.certificate_hash == crypto.lookup_hash("certificate", CERTIFICATE)
    assert stored.id_number_masked == "3401**********" + NUMBER[-4:]
    assert (stored.birth_date, stored.sex) == (date(1980, 1, 1), "m")
    assert (stored.disability_category, stored.disability_grade) == ("4", 2)
    assert (stored.province_code, stored.city_code, stored.county_code) == (
        "340000",
        "340100",
        "340102",
    )
    assert applicant.identifier_warnings == ()
    [entry] = entries("applicant.registered")
    assert entry.target_id == str(applicant.pk)
    assert entry.changes["id_number"] == [None, stored.id_number_masked]
    assert NUMBER not in json.dumps(entry.changes)
    assert "19800101" not in json.dumps(entry.changes)


def test_an_id_number_can_come_from_the_certificate_alone(cast):
    applicant = register(cast, certificate_number=CERTIFICATE)
    assert applicant.id_number_hash == crypto.lookup_hash("id_number", NUMBER)
    assert applicant.birth_date == date(1980, 1, 1)


def test_an_unknown_area_code_registers_with_a_warning(cast):
    applicant = register(cast, id_number=id_number("340199"))
    assert applicant.pk
    assert "340199" in applicant.identifier_warnings[0]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"id_number": NUMBER[:-1] + "0" if NUMBER[-1] != "0" else "1"}, "check character"),
        ({"id_number": id_number(born="19810229")}, "not a real date"),
        ({"id_number": id_number(born="20990101")}, "future"),
        (
            {"id_number": NUMBER, "certificate_number": certificate(id_number(sequence="125"))},
            "does not contain this applicant's resident ID number",
        ),
        (
            {"certificate_number": CERTIFICATE, "disability_category": "2"},
            "says Physical, grade 2, but Hearing, grade 2",
        ),
        ({"id_number": NUMBER, "birth_date": date(1981, 1, 1)}, "date of birth entered"),
        ({"id_number": NUMBER, "sex": "f"}, "sex entered"),
        ({"disability_category": "7", "disability_components": ["2"]}, "at least two"),
        ({"disability_category": "4", "disability_components": ["2", "3"]}, "only for a mult"),
        ({"disability_grade": 2}, "category of this grade"),
        ({"guardian_is_adverse_party": True}, "Name the guardian"),
        ({"sms_phone": "12345"}, "11-digit"),
        ({"phone": "call me"}, "not a phone number"),
        ({"email": "nobody@"}, "e-mail address"),
        ({"communication_needs": ["telepathy"]}, "communication needs"),
        ({"name": "  "}, "full name"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(cast, fields, words):
    values = {"name": "王小明", **fields}
    with pytest.raises(DomainError) as error:
        register(cast, **values)
    assert words in " ".join(error.value.messages)
    assert not Applicant.all_objects.exists()
    assert not entries("applicant.registered")


def test_a_multiple_disability_keeps_its_components(cast):
    applicant = register(
        cast,
        disability_category="7",
        disability_components=["3", "2", "2"],
        disability_grade=1,
        communication_needs=["sign_language", "written"],
        guardian_name="王父",
        guardian_is_adverse_party=True,
        social_assistance="dibao",
        no_fixed_income=True,
    )
    assert applicant.disability_components == ["2", "3"]
    assert applicant.guardian_is_adverse_party is True
    changes = entries("applicant.registered")[0].changes
    assert changes["disability_components"] == [None, ["2", "3"]]


def test_updating_changes_the_record_and_audits_the_difference_masked(cast):
    applicant = register(cast, id_number=NUMBER)
    new_number = id_number(born="19850505", sequence="124")
    updated = update_applicant(
        applicant,
        actor=cast.user("340102", Role.CLERK),
        expected_version=applicant.version,
        id_number=new_number,
        phone="0551-7654321",
    )
    assert updated.version == applicant.version + 1
    assert (updated.birth_date, updated.sex) == (date(1985, 5, 5), "f")
    assert crypto.decrypt(updated.id_number_cipher) == new_number
    [entry] = entries("applicant.updated")
    assert entry.changes["phone"] == ["", "0551-7654321"]
    assert entry.changes["id_number"] == [applicant.id_number_masked, updated.id_number_masked]
    assert entry.changes["birth_date"] == ["****-**-**", "****-**-**"]
    assert "1985" not in json.dumps(entry.changes)
    assert new_number not in json.dumps(entry.changes)


def test_updating_without_numbers_keeps_them_and_empty_removes_them(cast):
    applicant = register(cast, id_number=NUMBER, certificate_number=CERTIFICATE)
    kept = update_applicant(
        applicant, actor=None, expected_version=None, name="王大明", id_number=None
    )
    assert kept.id_number_hash == applicant.id_number_hash
    assert kept.certificate_hash == applicant.certificate_hash
    assert "id_number" not in entries("applicant.updated")[0].changes
    removed = update_applicant(kept, actor=None, expected_version=None, certificate_number="")
    assert removed.certificate_cipher is None
    assert removed.certificate_hash == removed.certificate_masked == ""
    assert entries("applicant.updated")[1].changes["certificate"] == [
        applicant.certificate_masked,
        None,
    ]


def test_a_changed_category_must_still_agree_with_the_stored_certificate(cast):
    applicant = register(cast, certificate_number=CERTIFICATE)
    with pytest.raises(DomainError, match="Physical, grade 2, but Physical, grade 3"):
        update_applicant(applicant, actor=None, expected_version=None, disability_grade=3)


def test_a_stale_edit_is_refused(cast):
    applicant = register(cast)
    update_applicant(applicant, actor=None, expected_version=applicant.version, name="甲")
    with pytest.raises(DomainError, match="Someone else changed this record"):
        update_applicant(applicant, actor=None, expected_version=applicant.version, name="乙")
    assert Applicant.all_objects.get().name == "甲"


def test_revealing_returns_the_clear_number_and_audits_it_masked(cast):
    applicant = register(cast, id_number=NUMBER, certificate_number=CERTIFICATE + "B1")
    clerk = cast.user("340102", Role.CLERK)
    assert reveal_identifier(applicant, actor=clerk, which="id_number") == NUMBER
    assert reveal_identifier(applicant, actor=clerk, which="certificate") == CERTIFICATE + "B1"
    first, second = entries("applicant.identifier_revealed")
    assert first.actor == clerk
    assert first.changes == {"id_number": [None, applicant.id_number_masked]}
    assert second.changes == {"certificate": [None, applicant.certificate_masked]}


def test_revealing_a_missing_or_unknown_number_is_refused(cast):
    applicant = register(cast)
    with pytest.raises(DomainError, match="No such number"):
        reveal_identifier(applicant, actor=None, which="id_number")
    with pytest.raises(DomainError, match="Choose which"):
        reveal_identifier(applicant, actor=None, which="name")
    assert not entries("applicant.identifier_revealed")


def test_viewing_is_audited(cast):
    applicant = register(cast)
    record_applicant_viewed(applicant, actor=cast.user("340102", Role.CLERK))
    assert entries("applicant.viewed")[0].target_id == str(applicant.pk)


def test_find_by_id_number_finds_exact_numbers_in_scope_only_and_audits_masked(cast):
    own = register(cast, id_number=NUMBER, certificate_number=CERTIFICATE)
    register(cast, "340103", id_number=NUMBER)
    clerk = cast.user("340102", Role.CLERK)
    typed = " ".join([NUMBER[:6], NUMBER[6:14], NUMBER[14:]]).lower()
    assert find_by_id_number(scope_of(cast, "340102"), typed, actor=clerk) == [own]
    assert len(find_by_id_number(scope_of(cast, "340100"), NUMBER)) == 2
    assert find_by_id_number(scope_of(cast, "340102"), CERTIFICATE) == [own]
    assert find_by_id_number(scope_of(cast, "340102"), id_number(sequence="125")) == []
    assert find_by_id_number(scope_of(cast, "340202"), NUMBER) == []
    searches = entries("applicant.searched")
    assert len(searches) == 5
    assert searches[0].changes == {
        "id_number": [None, own.id_number_masked],
        "results": [None, 1],
    }
    assert searches[2].changes["certificate"] == [None, own.certificate_masked]


def test_possible_duplicates_by_id_certificate_or_name_and_birth_date(cast):
    applicant = register(cast, id_number=NUMBER)
    same_id = register(cast, name="王晓明", id_number=NUMBER)
    same_card = register(cast, name="王明", certificate_number=CERTIFICATE)
    same_name = register(cast, birth_date=date(1980, 1, 1))
    register(cast, name="王小明", birth_date=date(1980, 1, 2))
    register(cast, "340103", id_number=NUMBER)  # sibling county: invisible to the county
    scope = scope_of(cast, "340102")
    found = possible_duplicates(scope, applicant)
    assert {one.pk for one in found} == {same_id.pk, same_card.pk, same_name.pk}
    assert not any(one.is_linked for one in found)
    assert len(possible_duplicates(scope_of(cast, "340100"), applicant)) == 4


def test_linking_records_the_same_person_without_merging(cast):
    first, second = register(cast, id_number=NUMBER), register(cast, id_number=NUMBER)
    clerk = cast.user("340102", Role.CLERK)
    link = link_applicants(second, first, actor=clerk, note="同一人，身份证一致")
    assert (link.applicant_id, link.same_as_id) == (first.pk, second.pk)
    assert link.county_code == "340102"
    assert Applicant.all_objects.count() == 2
    [entry] = entries("applicant.linked")
    assert entry.changes == {"same_as": [None, first.pk], "note": [None, "同一人，身份证一致"]}
    scope = scope_of(cast, "340102")
    assert [one.pk for one in links_of(scope, first)] == [second.pk]
    assert possible_duplicates(scope, first)[0].is_linked
    with pytest.raises(DomainError, match="already linked"):
        link_applicants(first, second, actor=clerk)
    with pytest.raises(DomainError, match="itself"):
        link_applicants(first, first, actor=clerk)


def test_applicants_within_and_in_scope_or_404_respect_the_scope(cast):
    own = register(cast)
    sibling = register(cast, "340103", name="李四")
    county = scope_of(cast, "340102")
    assert list(applicants_within(county)) == [own]
    assert set(applicants_within(scope_of(cast, "340100"))) == {own, sibling}
    assert list(applicants_within(scope_of(cast, "340100"), name="李")) == [sibling]
    assert applicant_in_scope_or_404(county, own.pk) == own
    for pk in (sibling.pk, 999999, "x"):
        with pytest.raises(Http404):
            applicant_in_scope_or_404(county, pk)
    with pytest.raises(Http404):
        applicant_in_scope_or_404(None, own.pk)


def test_register_applicant_refuses_unknown_fields(cast):
    with pytest.raises(TypeError):
        register_applicant(cast.federations["340102"], actor=None, name="甲", nickname="乙")
    assert not ApplicantLink.all_objects.exists()


def test_a_certificate_saying_multiple_registers_before_the_components_are_known(cast):
    applicant = register(cast, certificate_number=certificate(NUMBER, 7, 1))
    assert (applicant.disability_category, applicant.disability_components) == ("7", [])
