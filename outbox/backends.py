"""Pluggable senders. ``settings.OUTBOX_BACKEND`` names one by dotted path.

A backend has one method, ``send(message) -> None``, which either hands the message over or
raises; the service records the outcome. Development uses :class:`FileBackend` (the default) or
:class:`ConsoleBackend`; tests use :class:`MemoryBackend`; production plugs in an SMS gateway or
SMTP backend with the same interface.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from outbox.models import Message

DEFAULT_BACKEND = "outbox.backends.FileBackend"
logger = logging.getLogger("lawstation.outbox")


class Backend(Protocol):
    def send(self, message: Message) -> None: ...


def get_backend() -> Backend:
    """A fresh instance of the configured backend."""
    return import_string(getattr(settings, "OUTBOX_BACKEND", DEFAULT_BACKEND))()


def _payload(message: Message) -> dict[str, str | int | None]:
    return {
        "id": message.pk,
        "channel": message.channel,
        "recipient": message.recipient,
        "subject": message.subject,
        "body": message.body,
        "purpose": message.purpose,
        "at": timezone.now().isoformat(),
    }


class ConsoleBackend:
    """Logs the message (recipient included): for a developer's terminal only."""

    def send(self, message: Message) -> None:
        logger.info("outbox: %s", json.dumps(_payload(message), ensure_ascii=False))


class FileBackend:
    """Appends one JSON line per message to ``<OUTBOX_DIR>/<YYYY-MM-DD>.jsonl`` (mode 0600)."""

    def __init__(self, directory: Path | str | None = None) -> None:
        default = Path(settings.VAR_DIR) / "outbox"
        self.directory = Path(directory or getattr(settings, "OUTBOX_DIR", default))

    def send(self, message: Message) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{timezone.localdate().isoformat()}.jsonl"
        line = json.dumps(_payload(message), ensure_ascii=False) + "\n"
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write(line)


class MemoryBackend:
    """Keeps sent messages in ``MemoryBackend.sent`` (class-wide): for tests."""

    sent: ClassVar[list[Message]] = []

    def send(self, message: Message) -> None:
        MemoryBackend.sent.append(message)
