"""PI-04: audit.masking hides the birth date of every ID and certificate number and the middle of
every mobile number, wherever they sit in a text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from audit.masking import mask_text, mask_value
from tests.audit.identifiers import (
    ID_PATTERN,
    MOBILE_PATTERN,
    mobiles,
    resident_id,
    resident_ids,
)

# Text around a number that does not make it a longer number: no digits at all.
surroundings = st.text(st.characters(exclude_categories=("Nd", "Cs")), max_size=8)


def expected_mask(number: str) -> str:
    return number[:4] + "*" * 10 + number[14:]


def test_the_generator_matches_the_published_example():
    assert resident_id("110105", "19491231", "002") == "11010519491231002X"  # GB 11643-1999


@settings(max_examples=500)
@given(number=resident_ids)
def test_a_masked_id_keeps_four_and_four_and_never_the_birth_date(number):
    masked = mask_text(number)
    assert len(masked) == 18
    assert masked[:4] == number[:4]
    assert masked[-4:] == number[-4:]
    assert number[6:14] not in masked
    assert sum(a == b for a, b in zip(masked, number, strict=True)) <= 8
    assert mask_text(masked) == masked


@settings(max_examples=300)
@given(number=resident_ids, before=surroundings, after=surroundings)
@example(number="11010519491231002X", before="ID", after="号")
@example(number="11010519491231002X", before="身份证号码", after="")
@example(number="340102197505052468", before="%E5%8F%B", after="")
def test_an_id_inside_any_text_is_masked(number, before, after):
    assert mask_text(before + number + after) == before + expected_mask(number) + after


@given(number=resident_ids)
def test_a_lower_case_check_character_is_masked_too(number):
    lower = number.lower()
    assert mask_text(lower) == expected_mask(lower)


@settings(max_examples=300)
@given(
    number=resident_ids,
    category=st.integers(1, 7),
    grade=st.integers(1, 4),
    reissue=st.integers(0, 8),
    before=surroundings,
)
def test_a_certificate_number_keeps_its_category_and_grade(
    number, category, grade, reissue, before
):
    tail = f"{category}{grade}" + (f"B{reissue}" if reissue else "")
    masked = mask_text(before + number + tail)
    assert masked == before + expected_mask(number) + tail
    assert number[6:14] not in masked
    assert mask_text(masked) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13812345678", "138****5678"),
        ("电话13812345678。", "电话138****5678。"),
        ("tel:19912345678", "tel:199****5678"),
        ("mobile13812345678", "mobile138****5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("+8613812345678", "+86138****5678"),
        ("008613812345678", "0086138****5678"),
        ("13812345678,13912345678", "138****5678,139****5678"),
    ],
)
def test_mobile_numbers_keep_three_and_four_digits(text, masked):
    assert mask_text(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "12812345678",  # no mobile number starts 12
        "1381234567",  # ten digits
        "138123456789",  # twelve digits
        "order 2026-000123",
        "0551-62345678",  # a landline
        "",
        "没有号码",
    ],
)
def test_text_without_identifiers_is_left_alone(text):
    assert mask_text(text) == text


@given(number=mobiles, before=surroundings, after=surroundings)
def test_a_mobile_number_inside_any_text_is_masked(number, before, after):
    masked = mask_text(before + number + after)
    assert masked == before + number[:3] + "****" + number[-4:] + after


# Text rich in digits, X, separators and Chinese: after masking no ID or mobile pattern remains,
# and masking again changes nothing.
digit_heavy = st.text(st.sampled_from("0123456789Xx+ -号IDB*８"), max_size=60)


@settings(max_examples=500)
@given(text=digit_heavy)
@example(text="ID340102197505052468")
@example(text="+8613812345678")
def test_no_identifier_pattern_survives_masking(text):
    masked = mask_text(text)
    assert not ID_PATTERN.search(masked), masked
    assert not MOBILE_PATTERN.search(masked), masked
    assert mask_text(masked) == masked


def test_mask_value_walks_json_like_values():
    number = resident_id("340123", "19800101", "123")
    value = {
        "id_number": [None, number],
        "contacts": {"phone": ("13812345678", None), "count": 2, "verified": True},
        "note": f"见证人 {number}",
    }
    assert mask_value(value) == {
        "id_number": [None, expected_mask(number)],
        "contacts": {"phone": ["138****5678", None], "count": 2, "verified": True},
        "note": f"见证人 {expected_mask(number)}",
    }
    assert mask_value(None) is None
    assert mask_value(12345678901) == 12345678901
