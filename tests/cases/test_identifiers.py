"""Resident ID and disability certificate rules (cases/identifiers.py)."""

from datetime import date

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from cases.identifiers import (
    IdentifierError,
    check_certificate,
    check_character,
    check_id_number,
    mask_certificate,
    mask_id_number,
    mask_phone,
    normalise,
)

TODAY = date(2026, 1, 1)
VALID = [
    "11010519491231002X",
    "360426199101010071",
    "120103198806018241",
    "110101202311012176",
    "370101190102039973",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def make(area: str = "340102", born: str = "19800101", sequence: str = "123") -> str:
    first17 = f"{area}{born}{sequence}"
    return first17 + check_character(first17)


def refusal(raw: str, **kwargs) -> str:
    with pytest.raises(IdentifierError) as error:
        check_id_number(raw, today=kwargs.pop("today", TODAY), **kwargs)
    assert isinstance(error.value, ValueError)
    return error.value.message


@pytest.mark.parametrize("number", VALID)
def test_published_test_vectors_are_accepted(number):
    assert check_id_number(number, today=TODAY).number == number


def test_birth_date_sex_and_area_are_derived():
    person = check_id_number("11010519491231002X", today=TODAY)
    assert person.birth_date == date(1949, 12, 31)
    assert person.sex == "f"
    assert person.area_code == "110105"
    assert check_id_number("360426199101010071", today=TODAY).sex == "m"


def test_full_width_digits_spaces_and_lower_case_x_are_normalised():
    typed = "１１０１０５ １９４９１２３１ ００２ｘ"
    assert normalise(typed) == "11010519491231002X"
    assert check_id_number(typed, today=TODAY).number == "11010519491231002X"
    assert check_id_number("11010519491231002x", today=TODAY).number == "11010519491231002X"
    assert normalise("\u3000340102\t") == "340102"


def test_a_wrong_check_character_is_refused():
    assert "check character" in refusal("360426199101010072")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("36042619910101007", "has 18 characters; this one has 17"),
        ("3604261991010100711", "this one has 19"),
        ("", "this one has 0"),
        ("36042619910101007A", "other characters"),
        ("3604261991O101007X", "other characters"),
    ],
)
def test_wrong_length_or_characters_are_refused(raw, words):
    assert words in refusal(raw)


def test_february_29_of_a_non_leap_year_is_refused_and_of_a_leap_year_accepted():
    assert "not a real date" in refusal(make(born="19810229"))
    assert check_id_number(make(born="19800229"), today=TODAY).birth_date == date(1980, 2, 29)


@pytest.mark.parametrize("born", ["19801301", "19800132", "19800000"])
def test_impossible_birth_dates_are_refused(born):
    assert "not a real date" in refusal(make(born=born))


def test_a_birth_date_after_today_is_refused_but_today_is_accepted():
    assert "future" in refusal(make(born="20260102"))
    assert check_id_number(make(born="20260101"), today=TODAY).birth_date == TODAY


def test_a_birth_date_before_1900_is_refused():
    assert "before 1900" in refusal("440524188001010014")
    assert check_id_number(make(born="19000101"), today=TODAY).birth_date == date(1900, 1, 1)


@pytest.mark.parametrize("prefix", ["00", "10", "16", "20", "39", "72", "80", "84"])
def test_an_unknown_province_prefix_is_refused(prefix):
    assert "province code" in refusal(make(area=f"{prefix}0101"))


def test_an_unknown_area_code_is_only_a_warning():
    known = {"340102", "340103"}
    assert check_id_number(make(area="340102"), today=TODAY, known_area_codes=known).warnings == ()
    person = check_id_number(make(area="340123"), today=TODAY, known_area_codes=known)
    assert person.area_code == "340123"
    assert "340123" in person.warnings[0]
    called = check_id_number(make(area="340199"), today=TODAY, known_area_codes=lambda c: False)
    assert called.warnings


def test_a_foreigners_permanent_residence_card_is_accepted_with_a_warning():
    person = check_id_number(make(area="931340"), today=TODAY, known_area_codes=set())
    assert len(person.warnings) == 1
    assert "permanent residence" in person.warnings[0]


def test_a_certificate_number_yields_category_grade_and_the_id():
    number = make()
    card = check_certificate(number + "42", today=TODAY)
    assert (card.category, card.grade, card.suffix) == ("4", 2, "")
    assert card.id_number.number == number
    assert card.id_number.birth_date == date(1980, 1, 1)


def test_a_certificate_with_a_b_suffix_is_accepted_in_any_case():
    number = make()
    card = check_certificate(f"{number}23b2", today=TODAY)
    assert card.number == f"{number}23B2"
    assert (card.category, card.grade, card.suffix) == ("2", 3, "B2")


@pytest.mark.parametrize(
    ("tail", "words"),
    [
        ("", "has 20 characters"),
        ("4", "this one has 19"),
        ("423", "this one has 21"),
        ("81", "category (1–7)"),
        ("05", "category (1–7)"),
        ("45", "grade (1–4)"),
        ("42B9", "B1 to B8"),
        ("42C1", "B1 to B8"),
        ("42B12", "this one has 23"),
    ],
)
def test_malformed_certificate_numbers_are_refused(tail, words):
    with pytest.raises(IdentifierError) as error:
        check_certificate(make() + tail, today=TODAY)
    assert words in error.value.message


def test_a_certificate_whose_id_part_fails_its_check_is_refused():
    number = make()
    broken = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(IdentifierError) as error:
        check_certificate(broken + "42", today=TODAY)
    assert "inside the certificate" in error.value.message
    assert "check character" in error.value.message


def test_a_certificate_of_someone_else_is_refused():
    with pytest.raises(IdentifierError) as error:
        check_certificate(make(sequence="123") + "42", today=TODAY, id_number=make(sequence="125"))
    assert "does not contain this applicant's resident ID number" in error.value.message
    assert check_certificate(make() + "42", today=TODAY, id_number=make().lower()).grade == 2


def test_a_certificate_contradicting_the_entered_category_or_grade_names_both():
    with pytest.raises(IdentifierError) as error:
        check_certificate(make() + "42", today=TODAY, category="2", grade=2)
    message = error.value.message
    assert "says Physical, grade 2, but Hearing, grade 2 was entered" in message
    with pytest.raises(IdentifierError) as error:
        check_certificate(make() + "42", today=TODAY, category="4", grade=3)
    assert "Physical, grade 2, but Physical, grade 3" in error.value.message
    assert check_certificate(make() + "42", today=TODAY, category=4, grade="2").category == "4"
    assert check_certificate(make() + "42", today=TODAY, category="", grade=None).grade == 2


def test_masks_keep_the_first_and_last_four_and_never_the_birth_date():
    assert mask_id_number("340102198001011234") == "3401**********1234"
    assert mask_id_number("11010519491231002x") == "1101**********002X"
    assert mask_id_number("") == ""
    assert mask_id_number("12345") == "*****"
    number = make()
    assert mask_certificate(number + "42") == mask_id_number(number) + "**"
    assert mask_certificate(number + "42B1") == mask_id_number(number) + "****"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0551-1234567") == "055*****4567"


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_masking_any_valid_id_hides_its_birth_date_and_is_idempotent(born, sequence):
    number = make(born=born.strftime("%Y%m%d"), sequence=f"{sequence:03d}")
    masked = mask_id_number(number)
    assert len(masked) == 18
    kept = [(a, b) for a, b in zip(masked, number, strict=True) if a != "*"]
    assert len(kept) == 8
    assert all(a == b for a, b in kept)
    assert born.strftime("%Y%m%d") not in masked
    assert mask_id_number(masked) == masked
