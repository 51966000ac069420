"""SEC-DC-02: a raw dump of the database holds no identity or certificate number in clear, and
the exact-number search still finds the person through the keyed hash."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts.roles import Role
from cases.selectors.applicants import find_by_id_number
from regions.middleware import scope_for_membership
from tests.cases.identity import certificate, id_number, register

pytestmark = pytest.mark.django_db


def dump() -> str:
    """Every row of every table as text: SQLite's own dump, or each PostgreSQL column read
    as text (bytea as its hex form)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return "\n".join(connection.connection.iterdump())
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT {quoted}::text FROM {quoted}")  # noqa: S608 - our own tables
            lines.extend(row[0] for row in cursor.fetchall())
    return "\n".join(lines)


def forms_of(number: str) -> set[str]:
    """The number as typed, normalised, and as the hex of its bytes (a BinaryField in clear)."""
    return {number, number.lower(), number.encode().hex(), number.encode().hex().upper()}


def test_a_raw_dump_holds_no_identifier_in_clear_yet_search_finds_the_person(cast):
    people = []
    for serial in range(20):
        number = id_number(
            "340102", f"19{50 + serial}0{1 + serial % 9}1{serial % 9}", f"{serial:03d}"
        )
        card = certificate(number, 1 + serial % 7, 1 + serial % 4, "B2" if serial % 5 == 0 else "")
        typed = number.lower() if number.endswith("X") else number
        people.append((register(cast, id_number=typed, certificate_number=card), number, card))
    text = dump()
    assert "王小明" in text  # the dump really holds the rows
    for applicant, number, card in people:
        assert applicant.id_number_masked in text
        for form in forms_of(number) | forms_of(card):
            assert form not in text, f"{form} found in the dump"
        assert number[6:14] not in text  # nor the birth-date digits next to anything
    scope = scope_for_membership(cast.user("340102", Role.CLERK).membership)
    for applicant, number, card in people[:5]:
        assert find_by_id_number(scope, number) == [applicant]
        assert find_by_id_number(scope, card) == [applicant]
    # The searches above are audited: still nothing in clear.
    text = dump()
    for _applicant, number, card in people:
        assert number not in text
        assert card not in text
