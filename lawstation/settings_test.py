"""Test settings: only what tests need differs from production."""

import os
import tempfile

os.environ.setdefault("LAWSTATION_PROFILE", "local")

from lawstation.settings import *  # noqa: F403
from lawstation.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# Tests serve static files through the finders; STATIC_ROOT need not be collected
# (pyproject's pytest filterwarnings silences WhiteNoise's note about it).
WHITENOISE_USE_FINDERS = True

# Documents the tests store (the scope matrix uploads some) go to a throwaway directory.
DOCUMENT_ROOT = tempfile.mkdtemp(prefix="lawstation-test-documents-")

# Outgoing SMS and e-mail stay in memory (outbox.backends.MemoryBackend.sent).
OUTBOX_BACKEND = "outbox.backends.MemoryBackend"
