from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions.loader import DEFAULT_PATH, RegionDataError
from regions.services import load_regions


class Command(BaseCommand):
    help = "Load China's province-, prefecture- and county-level regions (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_PATH, help="CSV to load")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            result = load_regions(file)
        except RegionDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Regions: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
