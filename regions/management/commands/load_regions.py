"""``manage.py load_regions [--file PATH]``: load or refresh the GB/T 2260 region table."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from regions.loader import DEFAULT_PATH, RegionDataError
from regions.services import load_regions


class Command(BaseCommand):
    help = "Load China's province-, prefecture- and county-level regions (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_PATH,
            help="CSV with the header code,name,level,parent_code (default: the bundled table)",
        )

    def handle(self, *args: object, file: Path, **options: object) -> None:
        try:
            result = load_regions(file)
        except RegionDataError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:  # e.g. migrations not applied; nothing was written
            raise CommandError(
                _("The regions could not be saved: %(error)s") % {"error": error}
            ) from error
        self.stdout.write(
            _(
                "Regions: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(kept)d in the database but not in the file (kept)."
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "kept": result.not_in_file,
            }
        )
