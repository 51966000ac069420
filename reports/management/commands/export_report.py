"""Scheduled exports: ``export_report audit --region 340000 --format xlsx --output audit.xlsx``.

The command runs as the system: it builds a scope for the region with just the report's
capability, and the audit entry names ``system:export_report`` as the actor.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regions.models import Region
from regions.scoping import scope_for_region
from reports.services import Format, export_report, exporter_for

ACTOR_LABEL = "system:export_report"


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["key=value", ...]`` to a dict; a pair without ``=`` or a repeated key is an error."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CommandError(f"--param expects key=value, got {pair!r}.")
        if key in params:
            raise CommandError(f"--param {key} is given twice.")
        params[key] = value
    return params


def describe(error: ValidationError) -> str:
    """A validation error as one readable line per message, prefixed by the field's name."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {message}" if field != "__all__" else message
            for field, messages in error.message_dict.items()
            for message in messages
        )
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Export a report for a region to an XLSX, CSV or PDF file (scoped and audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("identifier", help="The report's identifier, e.g. audit.")
        parser.add_argument("--region", required=True, help="GB/T 2260 code, e.g. 340000.")
        parser.add_argument(
            "--param",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="A report parameter; repeat for several (e.g. --param date_from=2026-01-01).",
        )
        parser.add_argument("--format", required=True, choices=Format.values, dest="fmt")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        identifier = options["identifier"]
        params = parse_params(options["param"])
        region = Region.objects.filter(code=options["region"].strip()).first()
        if region is None:
            raise CommandError(f"Unknown region code {options['region']!r}.")
        try:
            exporter = exporter_for(identifier)
        except ValidationError as error:
            raise CommandError(describe(error)) from error
        output = Path(options["output"])
        # Claim the destination first: an unwritable path fails before anything is exported.
        temporary = self._claim(output)
        try:
            result = export_report(
                identifier,
                scope=scope_for_region(region, {exporter.capability}),
                actor=None,
                actor_label=ACTOR_LABEL,
                params=params,
                fmt=options["fmt"],
            )
            temporary.write_bytes(result.content)
            temporary.replace(output)
        except ValidationError as error:
            raise CommandError(describe(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror or error}.") from error
        finally:
            temporary.unlink(missing_ok=True)
        self.stdout.write(
            f"Wrote {result.row_count} rows to {output} ({len(result.content)} bytes)."
        )

    def _claim(self, output: Path) -> Path:
        """A private temporary file beside ``output``, renamed over it once the export is done."""
        if output.is_dir():
            raise CommandError(f"Cannot write {output}: it is a directory.")
        try:
            handle, name = tempfile.mkstemp(
                prefix=f".{output.name}.", suffix=".tmp", dir=output.parent
            )
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror or error}.") from error
        os.close(handle)
        return Path(name)
