import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lawstation.demo import DEFAULT_DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load the Anhui demo federations and accounts (deterministic and idempotent)."

    def handle(self, *args, **options) -> None:
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        try:
            result = seed_demo(password)
        except ValidationError as error:
            raise CommandError("DEMO_PASSWORD is too weak: " + " ".join(error.messages)) from error
        self.stdout.write(
            f"Demo data: {result.federations} federations, {result.users_total} accounts "
            f"({result.users_created} new)."
        )
