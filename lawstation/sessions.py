"""Database sessions that refuse malformed keys before they reach the database.

Django's keys are 32 lower-case letters and digits. A tampered cookie (a NUL byte, quotes,
anything else) is treated as no session at all, instead of reaching PostgreSQL, which refuses
NUL bytes with an error.
"""

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

_KEY = re.compile(r"^[a-z0-9]{8,64}$")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and bool(_KEY.match(key))
