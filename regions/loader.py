"""Reading the region table (GB/T 2260) from CSV: plain rows in, checked rows out."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "regions.csv"
HEADER = ["code", "name", "level", "parent_code"]
_CODE = re.compile(r"^[0-9]{6}$")


class RegionDataError(ValueError):
    """The region table is malformed; the message names the line."""


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: int
    parent_code: str | None
    province_code: str
    city_code: str | None
    county_code: str | None


def read_csv(path: Path = DEFAULT_PATH) -> list[RegionRow]:
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header != HEADER:
                raise RegionDataError(
                    _("%(path)s: the first line must be %(header)s.")
                    % {"path": path, "header": ",".join(HEADER)}
                )
            return parse_rows(enumerate(reader, start=2))
    except OSError as error:
        raise RegionDataError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    except UnicodeDecodeError as error:
        raise RegionDataError(_("%(path)s is not UTF-8 text.") % {"path": path}) from error


def parse_rows(lines: Iterable[tuple[int, list[str]]]) -> list[RegionRow]:
    """Check every line and place each region in the tree, parents first."""
    raw: dict[str, tuple[int, str, int, str | None]] = {}
    for number, fields in lines:
        code, name, level, parent = _check_line(number, fields)
        if code in raw:
            raise RegionDataError(
                _("Line %(line)d: the code %(code)s appears twice.")
                % {"line": number, "code": code}
            )
        raw[code] = (number, name, level, parent)
    rows = [_place(code, raw) for code in raw]
    return sorted(rows, key=lambda row: (row.level, row.code))


def _check_line(number: int, fields: list[str]) -> tuple[str, str, int, str | None]:
    if len(fields) != len(HEADER):
        raise RegionDataError(
            _("Line %(line)d: expected 4 fields, found %(count)d.")
            % {"line": number, "count": len(fields)}
        )
    code, name, level_text, parent = (field.strip() for field in fields)
    if not _CODE.match(code):
        raise RegionDataError(
            _("Line %(line)d: %(code)s is not a six-digit region code.")
            % {"line": number, "code": code}
        )
    if level_text not in {"1", "2", "3"} or not name:
        raise RegionDataError(
            _("Line %(line)d: the level must be 1, 2 or 3 and the name must not be empty.")
            % {"line": number}
        )
    level = int(level_text)
    if (level == 1) != (parent == ""):
        raise RegionDataError(
            _("Line %(line)d: a province has no parent; every other region has one.")
            % {"line": number}
        )
    return code, name, level, parent or None


def _place(code: str, raw: dict[str, tuple[int, str, int, str | None]]) -> RegionRow:
    number, name, level, parent = raw[code]
    if parent is not None:
        if parent not in raw:
            raise RegionDataError(
                _("Line %(line)d: the parent %(parent)s of %(code)s is not in the table.")
                % {"line": number, "parent": parent, "code": code}
            )
        if raw[parent][2] >= level:
            raise RegionDataError(
                _("Line %(line)d: %(code)s must be at a lower level than its parent %(parent)s.")
                % {"line": number, "code": code, "parent": parent}
            )
    # A county either sits under a city or straight under its province (仙桃, 北京's districts).
    parent_level = raw[parent][2] if parent else None
    province = code if level == 1 else (parent if parent_level == 1 else raw[parent][3])
    city = code if level == 2 else (parent if parent_level == 2 else None)
    return RegionRow(
        code=code,
        name=name,
        level=level,
        parent_code=parent,
        province_code=province,
        city_code=city,
        county_code=code if level == 3 else None,
    )
