"""Field protection for identifiers: encryption at rest and a keyed lookup hash (SEC-DC-02).

Encryption is **SM4-GCM** (GB/T 32907 block cipher in Galois/Counter Mode) through the
``cryptography`` package, whose bundled OpenSSL provides it. A blob is::

    version (1 byte, 1 = SM4-GCM) | key id (4) | nonce (12 random) | ciphertext | tag (16)

The key id is the first four bytes of SM3 over the key, so keys can rotate: the current key
(``FIELD_ENCRYPTION_KEY``) encrypts, older keys (``FIELD_ENCRYPTION_KEY_FALLBACKS``) still
decrypt, and :func:`reencrypt` moves a blob to the current key. The header is authenticated as
associated data: a blob altered anywhere fails to decrypt.

The lookup hash ("blind index") is **HMAC-SM3** under a separate key (``FIELD_HASH_KEY``) over the
kind and the normalised value, so equal numbers can be found without storing them; the kind keeps
an ID number and a certificate number with the same digits apart. The hash key cannot rotate
without recomputing every stored hash.

Keys are 16 bytes (encryption) and at least 16 bytes (hash), written as hex or base64 in the
environment. In the local profile, unset keys are generated once into files under the var
directory (mode 0600, outside the database); in production a missing key is a deployment check
error (``cases.E001``) and :class:`ImproperlyConfigured` on first use, never a silent generation.
"""

from __future__ import annotations

import base64
import binascii
import hmac as std_hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FORMAT_SM4_GCM = 1
_KEY_ID_BYTES = 4
_NONCE_BYTES = 12
_TAG_BYTES = 16
_HEADER_BYTES = 1 + _KEY_ID_BYTES
ENCRYPTION_KEY_BYTES = 16
MIN_HASH_KEY_BYTES = 16


class DecryptionError(ValueError):
    """A blob could not be decrypted: altered, truncated, or under a key no longer configured."""


@dataclass(frozen=True)
class _Key:
    secret: bytes
    key_id: bytes


def parse_key(text: str, *, name: str) -> bytes:
    """The bytes of a key written as hex or base64 (standard or URL-safe)."""
    text = (text or "").strip()
    if not text:
        raise ImproperlyConfigured(f"{name} is not set.")
    try:
        return bytes.fromhex(text)
    except ValueError:
        pass
    try:
        padded = text + "=" * (-len(text) % 4)
        return base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{name} is neither hex nor base64.") from None


def _sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def _encryption_key(text: str, *, name: str) -> _Key:
    secret = parse_key(text, name=name)
    if len(secret) != ENCRYPTION_KEY_BYTES:
        raise ImproperlyConfigured(
            f"{name} must be {ENCRYPTION_KEY_BYTES} bytes (SM4); it is {len(secret)}."
        )
    return _Key(secret=secret, key_id=_sm3(b"lawstation-field-key:" + secret)[:_KEY_ID_BYTES])


@lru_cache(maxsize=8)
def _keyring(current: str, fallbacks: tuple[str, ...]) -> tuple[_Key, dict[bytes, _Key]]:
    first = _encryption_key(current, name="FIELD_ENCRYPTION_KEY")
    keys = {first.key_id: first}
    for text in fallbacks:
        older = _encryption_key(text, name="FIELD_ENCRYPTION_KEY_FALLBACKS")
        keys.setdefault(older.key_id, older)
    return first, keys


def _keys() -> tuple[_Key, dict[bytes, _Key]]:
    fallbacks = getattr(settings, "FIELD_ENCRYPTION_KEY_FALLBACKS", ()) or ()
    return _keyring(getattr(settings, "FIELD_ENCRYPTION_KEY", ""), tuple(fallbacks))


@lru_cache(maxsize=8)
def _hash_key(text: str) -> bytes:
    secret = parse_key(text, name="FIELD_HASH_KEY")
    if len(secret) < MIN_HASH_KEY_BYTES:
        raise ImproperlyConfigured(f"FIELD_HASH_KEY must be at least {MIN_HASH_KEY_BYTES} bytes.")
    return secret


def check_keys() -> list[str]:
    """What is wrong with the configured keys (empty when both are usable)."""
    problems = []
    try:
        current, _keys_by_id = _keys()
        hash_key = _hash_key(getattr(settings, "FIELD_HASH_KEY", ""))
        if std_hmac.compare_digest(current.secret, hash_key):
            problems.append("FIELD_HASH_KEY must differ from FIELD_ENCRYPTION_KEY.")
    except ImproperlyConfigured as exc:
        problems.append(str(exc))
    return problems


def encrypt(text: str) -> bytes:
    """``text`` encrypted under the current key, with a fresh random nonce."""
    key, _keys_by_id = _keys()
    header = bytes([FORMAT_SM4_GCM]) + key.key_id
    nonce = os.urandom(_NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key.secret), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(header)
    ciphertext = encryptor.update(text.encode("utf-8")) + encryptor.finalize()
    return header + nonce + ciphertext + encryptor.tag


def decrypt(blob: bytes | memoryview) -> str:
    """The text of a blob made by :func:`encrypt` under the current key or a fallback."""
    data = bytes(blob)
    if len(data) < _HEADER_BYTES + _NONCE_BYTES + _TAG_BYTES or data[0] != FORMAT_SM4_GCM:
        raise DecryptionError("Not a field-encryption blob of a known format.")
    _current, keys = _keys()
    key = keys.get(data[1:_HEADER_BYTES])
    if key is None:
        raise DecryptionError("The blob's key is not configured (rotated out?).")
    nonce = data[_HEADER_BYTES : _HEADER_BYTES + _NONCE_BYTES]
    body, tag = data[_HEADER_BYTES + _NONCE_BYTES : -_TAG_BYTES], data[-_TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key.secret), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(data[:_HEADER_BYTES])
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except InvalidTag:
        raise DecryptionError("The blob was altered or the key is wrong.") from None


def is_current(blob: bytes | memoryview) -> bool:
    """Whether the blob is already under the current key (a rotation job skips it)."""
    current, _keys_by_id = _keys()
    return bytes(blob[:_HEADER_BYTES]) == bytes([FORMAT_SM4_GCM]) + current.key_id


def reencrypt(blob: bytes | memoryview) -> bytes:
    """The same text under the current key (key rotation); unchanged when already current."""
    return bytes(blob) if is_current(blob) else encrypt(decrypt(blob))


def lookup_hash(kind: str, normalised: str) -> str:
    """HMAC-SM3 (hex, 64 characters) of an already normalised value, e.g.
    ``lookup_hash("id_number", normalise(raw))``; ``kind`` separates the kinds of value."""
    if not kind or "\x00" in kind:
        raise ValueError("lookup_hash needs a kind such as 'id_number' or 'certificate'.")
    mac = crypto_hmac.HMAC(_hash_key(getattr(settings, "FIELD_HASH_KEY", "")), hashes.SM3())
    mac.update(kind.encode("utf-8") + b"\x00" + normalised.encode("utf-8"))
    return mac.finalize().hex()
