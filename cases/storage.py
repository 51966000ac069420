"""Where case documents live on disk: under ``settings.DOCUMENT_ROOT``, outside the static and
media paths, under random names with no user input in them (ASVS 5.3.2, SECURITY.md UP-05).

A file is first written to a temporary name in ``DOCUMENT_ROOT/incoming/`` (the same file
system, so the final rename is atomic), hashed and measured while it streams in. The document
service renames it into place only after the row is saved, and removes it when the transaction
fails: a partial file is never left under a stored name.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

STORED_NAME = re.compile(r"^[0-9a-f]{32}$")
INCOMING = "incoming"


class TooLarge(Exception):
    """More bytes arrived than the limit allows; nothing was kept."""


@dataclass
class Staged:
    """A file written under a temporary name, not yet a document."""

    path: Path
    size: int
    sha256: str

    def open(self) -> BinaryIO:
        return self.path.open("rb")


def document_root() -> Path:
    return Path(settings.DOCUMENT_ROOT)


def new_stored_name() -> str:
    return secrets.token_hex(16)


def path_of(stored_name: str) -> Path:
    """The final path of a stored name; anything but 32 hex digits is refused."""
    if not STORED_NAME.match(stored_name or ""):
        raise ValueError("not a stored document name")
    return document_root() / stored_name[:2] / stored_name


def stage(chunks: Iterable[bytes], limit: int) -> Staged:
    """Write ``chunks`` to a temporary file; :class:`TooLarge` (and nothing kept) past
    ``limit`` bytes."""
    incoming = document_root() / INCOMING
    incoming.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = incoming / f"{secrets.token_hex(16)}.part"
    digest = hashlib.sha256()
    size = 0
    try:
        with _create_private(path) as handle:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                digest.update(chunk)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Staged(path=path, size=size, sha256=digest.hexdigest())


def keep(staged: Staged, stored_name: str) -> Path:
    """Move a staged file to its final name (atomic on one file system)."""
    final = path_of(stored_name)
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.replace(staged.path, final)
    return final


def discard(staged: Staged) -> None:
    staged.path.unlink(missing_ok=True)


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)


def open_stored(stored_name: str) -> BinaryIO:
    """The stored file for reading; ``FileNotFoundError`` when it is missing."""
    return path_of(stored_name).open("rb")


def _create_private(path: Path) -> BinaryIO:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(descriptor, "wb")
