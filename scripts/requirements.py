"""Direct requirements from pyproject.toml, and a check that constraints.txt pins everything.

pyproject.toml is the one list of direct dependencies (``[project] dependencies`` and the ``dev``
extra); constraints.txt pins every installed distribution, direct or not. The Makefile installs
with ``pip install -c constraints.txt -r <the list this prints>``, which needs no build backend
and no network beyond the package index.

Usage (run with the virtual environment's Python)::

    python -m scripts.requirements list          # one requirement a line
    python -m scripts.requirements check         # installed == pinned? (--strict: nothing extra)
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ("dev",)
# Seeded into every virtual environment by ensurepip; not the project's dependencies.
SEEDED = {"pip", "setuptools", "wheel", "distribute"}


def canonical(name: str) -> str:
    """PEP 503 normalised name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in EXTRAS:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    return requirements


def pins(constraints: Path = ROOT / "constraints.txt") -> dict[str, str]:
    found = {}
    for raw in constraints.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, separator, version = line.partition("==")
        if not separator:
            raise SystemExit(f"constraints.txt: not an exact pin: {raw!r}")
        found[canonical(name)] = version.strip()
    return found


def installed() -> dict[str, str]:
    return {
        canonical(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }


def check(*, strict: bool) -> int:
    pinned = pins()
    problems = []
    for requirement in direct_requirements():
        name = canonical(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])
        if name not in pinned:
            problems.append(f"{name} is a direct requirement but has no pin")
    extra = []
    for name, version in sorted(installed().items()):
        if name in SEEDED:
            continue
        if name not in pinned:
            extra.append(f"{name}=={version}")
        elif pinned[name] != version:
            problems.append(f"{name} {version} is installed, constraints.txt pins {pinned[name]}")
    if extra:
        what = "not pinned in constraints.txt: " + ", ".join(extra)
        if strict:
            problems.append(what)
        else:
            print(f"requirements: note: installed but {what}", file=sys.stderr)
    for problem in problems:
        print(f"requirements: {problem}", file=sys.stderr)
    if problems:
        print(
            "requirements: update the pins with `make constraints` after installing "
            "the new versions into .venv",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="print the direct requirements, one a line")
    checker = commands.add_parser("check", help="compare installed versions with the pins")
    checker.add_argument("--strict", action="store_true", help="fail on unpinned packages too")
    args = parser.parse_args(argv)
    if args.command == "list":
        print("\n".join(direct_requirements()))
        return 0
    return check(strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())
