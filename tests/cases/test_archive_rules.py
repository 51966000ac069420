"""The case file's completeness checklist and the archive number (pure rules)."""

from dataclasses import replace

from cases import archive_rules as rules

COMPLETE = rules.CaseFileFacts(
    has_registration_document=True,
    has_identity_document=True,
    matter="单位拖欠工资",
    service_count=2,
    drafting_service_count=1,
    drafted_document_count=1,
    referral_count=0,
    referrals_awaiting_reply=0,
    closing_summary="调解成功",
    return_visit_done=True,
)


def states(facts, confirmed=frozenset()):
    return {item.code: item.state for item in rules.checklist(facts, confirmed)}


def test_a_complete_file_misses_nothing():
    assert rules.missing_items(COMPLETE) == []
    assert states(COMPLETE)[rules.REFERRALS] == rules.NOT_APPLICABLE


def test_missing_items_are_named_in_the_files_order(english):
    facts = replace(COMPLETE, closing_summary="  ", return_visit_done=False, matter="")
    assert [str(label) for label in rules.missing_items(facts)] == [
        "Statement of the matter",
        "Closing summary",
        "Return visit record",
    ]


def test_paper_items_may_be_confirmed_by_the_clerk():
    facts = replace(COMPLETE, has_identity_document=False, has_registration_document=False)
    assert len(rules.missing_items(facts)) == 2
    assert rules.missing_items(facts, {rules.IDENTITY, rules.REGISTRATION}) == []
    assert states(facts, {rules.IDENTITY})[rules.IDENTITY] == rules.CONFIRMED


def test_only_paper_items_can_be_confirmed():
    facts = replace(COMPLETE, return_visit_done=False, closing_summary="")
    assert len(rules.missing_items(facts, {rules.RETURN_VISIT, rules.CLOSING_SUMMARY})) == 2


def test_a_case_only_referred_needs_replies_not_services():
    facts = replace(
        COMPLETE,
        service_count=0,
        drafting_service_count=0,
        drafted_document_count=0,
        referral_count=1,
        referrals_awaiting_reply=1,
    )
    result = states(facts)
    assert result[rules.SERVICES] == rules.NOT_APPLICABLE
    assert result[rules.DRAFTED] == rules.NOT_APPLICABLE
    assert result[rules.REFERRALS] == rules.MISSING
    assert rules.missing_items(replace(facts, referrals_awaiting_reply=0)) == []


def test_a_served_case_without_services_is_missing_its_record():
    assert states(replace(COMPLETE, service_count=0))[rules.SERVICES] == rules.MISSING


def test_every_drafting_service_needs_its_document():
    facts = replace(COMPLETE, drafting_service_count=2, drafted_document_count=1)
    assert states(facts)[rules.DRAFTED] == rules.MISSING


def test_checklist_record_is_plain_json():
    record = rules.checklist_record(rules.checklist(COMPLETE))
    assert record[rules.MATTER] == rules.PRESENT
    assert set(record) == set(rules.ITEM_LABELS)


def test_archive_number_is_readable_and_counts_per_federation_and_year():
    prefix = rules.archive_prefix("340102", 2026)
    assert rules.archive_number("340102", 2026, 7) == "340102-档-2026-0007"
    used = ["340102-档-2026-0001", "340102-档-2026-0007", "340102-档-2025-0009", "garbage"]
    assert rules.next_serial(used, prefix) == 8
    assert rules.next_serial([], prefix) == 1
