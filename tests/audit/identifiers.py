"""Valid Chinese resident ID numbers (GB 11643-1999) for tests, and Hypothesis strategies."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import strategies as st

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"

# What must never be stored in the audit log (SEC-AU-02): an 18-character ID number and an
# 11-digit mobile number (also written +86…, 86… or 0086…).
ID_PATTERN = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_PATTERN = re.compile(r"(?<!\d)(?:\+?86|0086)?1[3-9]\d{9}(?!\d)")


def resident_id(area: str, birth: str, sequence: str) -> str:
    """The 17 digits plus their ISO 7064 MOD 11-2 check character."""
    body = area + birth + sequence
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True))
    return body + CHECK[total % 11]


areas = st.sampled_from(["340102", "340103", "340123", "110105", "429004", "650102", "810000"])
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)).map(
    lambda day: day.strftime("%Y%m%d")
)
sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)
resident_ids = st.builds(resident_id, areas, birth_dates, sequences)
mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
