"""The public notice's completeness rule (standard 4), reused by the compliance assessment."""

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstations import completeness
from workstations.completeness import (
    CONTACT,
    CONTACT_FIELDS,
    ITEMS,
    NOTICE_FIELDS,
    Completeness,
    notice_completeness,
)

FULL = {
    "scope_of_cases": "残疾人权益受侵害的案件",
    "workflow": "申请、受理、服务、结案",
    "working_hours": "周一至周五 8:30-17:30",
    "office_address": "某路1号一楼",
    "phone": "0551-12345678",
}


def test_a_full_notice_published_once_is_complete():
    result = notice_completeness(FULL, {"notice_board"})
    assert result == Completeness(missing=(), channels=("notice_board",))
    assert result.is_published
    assert result.is_complete


def test_a_full_notice_never_published_is_not_complete():
    result = notice_completeness(FULL, set())
    assert result.missing == ()
    assert not result.is_published
    assert not result.is_complete


@pytest.mark.parametrize("item", ["scope_of_cases", "workflow", "working_hours", "office_address"])
def test_each_blank_text_item_is_missing(item):
    result = notice_completeness({**FULL, item: "  "}, {"website"})
    assert result.missing == (item,)
    assert not result.is_complete


@pytest.mark.parametrize("field", CONTACT_FIELDS)
def test_any_one_contact_field_makes_contact_present(field):
    fields = {**dict.fromkeys(CONTACT_FIELDS, ""), **{k: FULL[k] for k in ITEMS[:4]}}
    fields[field] = "something"
    assert notice_completeness(fields, {"website"}).is_complete


def test_no_contact_field_at_all_misses_contact():
    fields = {k: v for k, v in FULL.items() if k != "phone"}
    assert notice_completeness(fields, {"website"}).missing == (CONTACT,)


def test_an_empty_notice_misses_all_five_in_order():
    result = notice_completeness({}, [])
    assert result.missing == ITEMS
    assert len(result.missing_labels) == 5


def test_none_values_and_blank_channels_count_as_absent():
    result = notice_completeness(dict.fromkeys(NOTICE_FIELDS), {"", "  "})
    assert result.missing == ITEMS
    assert not result.is_published


def test_channels_are_deduplicated_and_sorted():
    result = notice_completeness(FULL, ["website", "notice_board", "website"])
    assert result.channels == ("notice_board", "website")


def test_missing_labels_name_the_items():
    labels = notice_completeness({**FULL, "workflow": ""}, {"website"}).missing_labels
    assert labels == ["Workflow"]


@given(
    st.dictionaries(st.sampled_from(NOTICE_FIELDS), st.one_of(st.none(), st.text(max_size=5))),
    st.sets(st.sampled_from(["website", "media", "notice_board", "service_window", ""])),
)
def test_complete_exactly_when_nothing_missing_and_published(fields, channels):
    result = notice_completeness(fields, channels)
    assert set(result.missing) <= set(ITEMS)
    assert result.is_complete == (not result.missing and bool(channels - {""}))
    contact_given = any((fields.get(name) or "").strip() for name in CONTACT_FIELDS)
    assert (CONTACT in result.missing) == (not contact_given)


def test_the_rule_does_not_touch_the_database():
    tree = ast.parse(Path(completeness.__file__).read_text())
    modules = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in getattr(node, "names", [])
    ]
    assert not [m for m in modules if m and m.startswith("django.db")]
