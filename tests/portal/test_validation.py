"""portal.validation: text checks on every field and phone numbers."""

import pytest
from django.utils import translation

from portal.validation import (
    BIDI_CONTROLS,
    InputProblem,
    clean_digits,
    clean_phone,
    clean_text,
    is_mobile,
    last_four,
    normalise_phone,
    text_problem,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_text_is_trimmed_and_kept():
    assert clean_text("  李明 ", max_length=10) == "李明"
    assert clean_text(None, max_length=10) == ""


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_every_bidi_control_is_refused(char):
    with pytest.raises(InputProblem) as caught:
        clean_text(f"abc{char}def", max_length=50)
    assert caught.value.code == "bidi"
    assert "direction" in caught.value.message


def test_the_listed_bidi_characters_are_all_there():
    expected = {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
    expected |= {"\u200e", "\u200f", "\u061c"}
    assert expected == set(BIDI_CONTROLS)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused(char):
    with pytest.raises(InputProblem) as caught:
        clean_text(f"a{char}b", max_length=50)
    assert caught.value.code == "control"


def test_line_breaks_and_tabs_only_in_multiline_text():
    assert clean_text("one\r\ntwo\rthree\tfour", max_length=50, multiline=True) == (
        "one\ntwo\nthree\tfour"
    )
    with pytest.raises(InputProblem):
        clean_text("one\ntwo", max_length=50)


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "a</b", "<!-- x -->", "<img src=x>", "<?php"]
)
def test_markup_is_refused(text):
    with pytest.raises(InputProblem) as caught:
        clean_text(text, max_length=100)
    assert caught.value.code == "markup"
    assert "plain text" in caught.value.message


@pytest.mark.parametrize("text", ["1 < 2", "a<3", "<<", "价格 <100 元", "a > b"])
def test_harmless_angle_brackets_are_allowed(text):
    assert clean_text(text, max_length=100) == text


def test_length_limit_counts_after_trimming_and_says_the_numbers():
    assert clean_text(" " + "a" * 5 + " ", max_length=5) == "aaaaa"
    with pytest.raises(InputProblem) as caught:
        clean_text("a" * 6, max_length=5)
    assert caught.value.code == "too_long"
    assert "5" in caught.value.message
    assert "6" in caught.value.message


def test_emoji_and_chinese_are_fine():
    assert text_problem("我需要帮助 👩‍🦯") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("139-1234-5678", "13912345678"),
        ("+86 139 1234 5678", "13912345678"),
        ("0086-13912345678", "13912345678"),
        ("１３９１２３４５６７８", "13912345678"),
        ("（0551）6512 3456", "055165123456"),
        ("0551-6512345", "05516512345"),
        ("010 12345678", "01012345678"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalise_phone(raw) == expected
    assert clean_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["12345678901", "1391234567", "139123456789", "abc", "110", "0551-123", "+1 415 555 0100"],
)
def test_invalid_phone_numbers_are_refused(raw):
    assert normalise_phone(raw) is None
    with pytest.raises(InputProblem) as caught:
        clean_phone(raw)
    assert caught.value.code == "invalid_phone"


def test_phone_field_refuses_markup_and_bidi_first():
    with pytest.raises(InputProblem) as caught:
        clean_phone("139\u202e12345678")
    assert caught.value.code == "bidi"


def test_empty_phone_is_none_given():
    assert clean_phone("  ") == ""


def test_mobile_and_last_four():
    assert is_mobile("13912345678")
    assert not is_mobile("05516512345")
    assert last_four("13912345678") == "5678"


@pytest.mark.parametrize(
    ("raw", "expected"), [("5678", "5678"), ("５６７８", "5678"), (" 56 78", "5678")]
)
def test_digits(raw, expected):
    assert clean_digits(raw) == expected


@pytest.mark.parametrize("raw", ["567", "56789", "abcd", "", "٥٦٧٨"])
def test_bad_digits(raw):
    assert clean_digits(raw) is None
