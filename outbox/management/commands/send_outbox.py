"""``send_outbox [--limit N]``: deliver queued messages and retry failed ones (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from outbox.models import Message
from outbox.services import deliver_pending


class Command(BaseCommand):
    help = "Deliver queued outbox messages and retry failed ones (at most 5 attempts each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=100, help="At most this many messages.")

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        delivered = deliver_pending(limit)
        sent = sum(message.status == Message.Status.SENT for message in delivered)
        self.stdout.write(f"{sent} sent, {len(delivered) - sent} failed.")
