"""Reading the region table (GB/T 2260) from CSV: plain rows in, checked rows out.

Pure parsing and checking; writing to the database lives in :mod:`regions.services`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "regions.csv"
HEADER = ["code", "name", "level", "parent_code"]
LEVELS = {"1": 1, "2": 2, "3": 3}
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
    city_code: str | None  # None for a province, and for a county directly under a province
    county_code: str | None  # None for a province or a city


@dataclass(frozen=True)
class _Line:
    number: int
    name: str
    level: int
    parent: str | None


def read_csv(path: Path | str = DEFAULT_PATH) -> list[RegionRow]:
    """The checked rows of a ``code,name,level,parent_code`` file, parents first."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or [field.strip() for field in header] != HEADER:
                raise RegionDataError(
                    _("%(path)s: the first line must be %(header)s.")
                    % {"path": path, "header": ",".join(HEADER)}
                )
            # line_num counts physical lines: right even after a quoted line break.
            rows = parse_rows((reader.line_num, fields) for fields in reader)
    except OSError as error:
        raise RegionDataError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    except UnicodeDecodeError as error:
        raise RegionDataError(_("%(path)s is not UTF-8 text.") % {"path": path}) from error
    except csv.Error as error:
        raise RegionDataError(
            _("%(path)s, line %(line)d: %(error)s")
            % {"path": path, "line": reader.line_num, "error": error}
        ) from error
    if not rows:
        raise RegionDataError(_("%(path)s holds no regions.") % {"path": path})
    return rows


def parse_rows(lines: Iterable[tuple[int, list[str]]]) -> list[RegionRow]:
    """Check every ``(line number, fields)`` pair and place each region in the tree.

    Returns the rows sorted parents first (by level, then code).
    """
    table: dict[str, _Line] = {}
    for number, fields in lines:
        code, line = _check_line(number, fields)
        if code in table:
            raise RegionDataError(
                _("Line %(line)d: the code %(code)s appears twice.")
                % {"line": number, "code": code}
            )
        table[code] = line
    rows = [_place(code, table) for code in table]
    return sorted(rows, key=lambda row: (row.level, row.code))


def _check_line(number: int, fields: list[str]) -> tuple[str, _Line]:
    if len(fields) != len(HEADER):
        raise RegionDataError(
            _("Line %(line)d: expected 4 fields, found %(count)d.")
            % {"line": number, "count": len(fields)}
        )
    code, name, level_text, parent = (field.strip() for field in fields)
    for value in (code, parent) if parent else (code,):
        if not _CODE.match(value):
            raise RegionDataError(
                _("Line %(line)d: %(code)s is not a six-digit region code.")
                % {"line": number, "code": value}
            )
    if level_text not in LEVELS or not name:
        raise RegionDataError(
            _("Line %(line)d: the level must be 1, 2 or 3 and the name must not be empty.")
            % {"line": number}
        )
    level = LEVELS[level_text]
    if (level == 1) != (parent == ""):
        raise RegionDataError(
            _("Line %(line)d: a province has no parent; every other region has one.")
            % {"line": number}
        )
    return code, _Line(number=number, name=name, level=level, parent=parent or None)


def _place(code: str, table: dict[str, _Line]) -> RegionRow:
    line = table[code]
    parent = table.get(line.parent) if line.parent else None
    if line.parent is not None:
        if parent is None:
            raise RegionDataError(
                _("Line %(line)d: the parent %(parent)s of %(code)s is not in the table.")
                % {"line": line.number, "parent": line.parent, "code": code}
            )
        if parent.level >= line.level:
            raise RegionDataError(
                _("Line %(line)d: %(code)s must be at a lower level than its parent %(parent)s.")
                % {"line": line.number, "code": code, "parent": line.parent}
            )
        if code[:2] != line.parent[:2]:  # the first two digits name the province
            raise RegionDataError(
                _("Line %(line)d: %(code)s and its parent %(parent)s are in different provinces.")
                % {"line": line.number, "code": code, "parent": line.parent}
            )
    # A county sits under a city, or straight under its province (仙桃, 北京's districts).
    # A city's parent is always a province (levels strictly decrease), so two steps suffice.
    if line.level == 1:
        province, city = code, None
    elif line.level == 2:
        province, city = line.parent, code
    elif parent is not None and parent.level == 1:
        province, city = line.parent, None
    else:
        province, city = parent.parent, line.parent
    return RegionRow(
        code=code,
        name=line.name,
        level=line.level,
        parent_code=line.parent,
        province_code=province,
        city_code=city,
        county_code=code if line.level == 3 else None,
    )
