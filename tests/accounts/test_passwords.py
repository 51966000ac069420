"""SEC-AUTH-01: staff passwords are long, mixed, uncommon and unlike the account's own names."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import User
from accounts.passwords import CharacterClassValidator, character_classes

TOO_SHORT = "password_too_short"
TOO_SIMPLE = "password_too_simple"
TOO_COMMON = "password_too_common"
TOO_SIMILAR = "password_too_similar"
NUMERIC = "password_entirely_numeric"

# Each weak password with the rule that must catch it. Most break only that one rule, so the
# test also proves each validator is switched on.
WEAK = [
    ("", TOO_SHORT),
    ("Abc-1", TOO_SHORT),
    ("Short-Pw-1", TOO_SHORT),  # 10 characters, four classes
    ("Abcdefg-123", TOO_SHORT),  # 11 characters, four classes
    ("abcdefghijklmnop", TOO_SIMPLE),  # lower case only
    ("ABCDEFGHIJKLMNOPQ", TOO_SIMPLE),  # upper case only
    ("!@#$%^&*()_+-=", TOO_SIMPLE),  # symbols only
    ("            ", TOO_SIMPLE),  # twelve spaces: one class
    ("法律援助工作站的登录密码", TOO_SIMPLE),  # Chinese only: one class
    ("abcdefghij123456", TOO_SIMPLE),  # two classes
    ("ABCDEFGHabcdefgh", TOO_SIMPLE),  # two classes
    ("zhangsan-wangwu", TOO_SIMPLE),  # lower case and a symbol
    ("Password1234", TOO_COMMON),  # three classes, but in the common list (case-blind)
    ("Qwerty123456", TOO_COMMON),
    ("Qwertyuiop123", TOO_COMMON),
    ("1QAZ2wsx3edc", TOO_COMMON),
    ("Jamesbond007", TOO_COMMON),
    ("clerk-340100", TOO_SIMILAR),  # the username itself (three classes, 12 characters)
    ("Clerk-340100!", TOO_SIMILAR),  # the username with a capital and a symbol
    ("202604150842", NUMERIC),  # all digits
]


def codes(error: ValidationError) -> set[str]:
    return {item.code for item in error.error_list}


def staff_user() -> User:
    return User(username="clerk-340100", full_name="Zhang Weiming", email="")


def test_the_list_has_twenty_weak_passwords():
    assert len(WEAK) == 20
    assert len({password for password, _ in WEAK}) == 20


@pytest.mark.parametrize(("password", "rule"), WEAK)
def test_weak_password_is_refused_by_its_rule(password, rule):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, staff_user())
    assert rule in codes(refused.value)


@pytest.mark.parametrize(
    "password",
    ["Orange-Kite-Harbour-7", "Tqmzvkrplwn7", "法律援助-Station-2026", "correct horse 7 Battery"],
)
def test_a_strong_password_is_accepted(password):
    validate_password(password, staff_user())


def test_twelve_characters_is_the_minimum_length():
    validate_password("Tqmzvkrplw-7", staff_user())  # 12 characters
    with pytest.raises(ValidationError) as refused:
        validate_password("Tqmzvkrplw7", staff_user())  # 11 characters
    assert codes(refused.value) == {TOO_SHORT}


def test_a_password_like_the_full_name_is_refused():
    """The account's personal attribute is ``full_name`` (not Django's first/last name)."""
    with pytest.raises(ValidationError) as refused:
        validate_password("ZhangWeiming-1", staff_user())
    assert TOO_SIMILAR in codes(refused.value)


def test_the_refusal_is_explained_in_the_users_language():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as chinese:
        validate_password("abcdefghijklmnop", staff_user())
    with translation.override("en"), pytest.raises(ValidationError) as english:
        validate_password("abcdefghijklmnop", staff_user())
    assert "3 类字符" in " ".join(chinese.value.messages)
    assert "at least 3 kinds of character" in " ".join(english.value.messages)


# --- character_classes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("", 0),
        ("abc", 1),
        ("ABC", 1),
        ("123", 1),
        ("!@#", 1),
        (" ", 1),
        ("密码", 1),  # non-ASCII characters count as "other"
        ("é", 1),
        ("abcABC", 2),
        ("abc123", 2),
        ("abc!", 2),
        ("ABC密码", 2),
        ("abcABC123", 3),
        ("abcABC!", 3),
        ("abcABC123!", 4),
        ("密码Abc1", 4),
    ],
)
def test_character_classes_counts_each_kind_once(password, classes):
    assert character_classes(password) == classes


@pytest.mark.parametrize(("password", "classes"), [("１２３", 1), ("abc１２３", 2), ("Abc１２", 3)])
def test_a_full_width_digit_is_a_digit_and_nothing_else(password, classes):
    """Full-width digits (common with Chinese input methods) are one class, not two."""
    assert character_classes(password) == classes


def test_character_class_validator_names_its_minimum():
    with pytest.raises(ValidationError) as refused:
        CharacterClassValidator(min_classes=3).validate("abcABC")
    assert codes(refused.value) == {TOO_SIMPLE}
    CharacterClassValidator(min_classes=3).validate("abcABC1")
    CharacterClassValidator(min_classes=1).validate("a")
    with translation.override("en"):
        assert "at least 1 kind of character" in CharacterClassValidator(1).get_help_text()
        assert "at least 4 kinds of character" in CharacterClassValidator(4).get_help_text()
