"""Field encryption (SM4-GCM) and the keyed lookup hash (HMAC-SM3) of cases/crypto.py."""

import secrets

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from cases import crypto

NUMBER = "11010519491231002X"


def test_encryption_round_trips_and_hides_the_text():
    blob = crypto.encrypt(NUMBER)
    assert crypto.decrypt(blob) == NUMBER
    assert crypto.decrypt(memoryview(blob)) == NUMBER
    assert NUMBER.encode() not in blob
    assert blob[0] == crypto.FORMAT_SM4_GCM
    assert len(blob) == 1 + 4 + 12 + len(NUMBER) + 16


def test_each_encryption_uses_a_fresh_nonce():
    assert crypto.encrypt(NUMBER) != crypto.encrypt(NUMBER)


def test_the_cipher_is_sm4_gcm():
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    blob = crypto.encrypt("残疾人证")
    key, _keys = crypto._keys()
    nonce, body, tag = blob[5:17], blob[17:-16], blob[-16:]
    decryptor = Cipher(algorithms.SM4(key.secret), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(blob[:5])
    assert (decryptor.update(body) + decryptor.finalize()).decode() == "残疾人证"


@pytest.mark.parametrize("position", [0, 2, 6, 20, -1])
def test_an_altered_blob_does_not_decrypt(position):
    blob = bytearray(crypto.encrypt(NUMBER))
    blob[position] ^= 0x01
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(bytes(blob))


def test_a_truncated_blob_does_not_decrypt():
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(crypto.encrypt(NUMBER)[:20])


def test_keys_rotate_old_blobs_still_decrypt_and_move_to_the_new_key(settings):
    old_blob = crypto.encrypt(NUMBER)
    old_key = settings.FIELD_ENCRYPTION_KEY
    settings.FIELD_ENCRYPTION_KEY = secrets.token_hex(16)
    settings.FIELD_ENCRYPTION_KEY_FALLBACKS = [old_key]
    assert not crypto.is_current(old_blob)
    assert crypto.decrypt(old_blob) == NUMBER
    new_blob = crypto.reencrypt(old_blob)
    assert crypto.is_current(new_blob)
    assert crypto.reencrypt(new_blob) == new_blob
    settings.FIELD_ENCRYPTION_KEY_FALLBACKS = []
    assert crypto.decrypt(new_blob) == NUMBER
    with pytest.raises(crypto.DecryptionError, match="not configured"):
        crypto.decrypt(old_blob)


def test_keys_may_be_written_in_base64(settings):
    import base64

    raw = secrets.token_bytes(16)
    settings.FIELD_ENCRYPTION_KEY = base64.b64encode(raw).decode()
    assert crypto._keys()[0].secret == raw
    settings.FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    assert crypto._keys()[0].secret == raw


def test_lookup_hash_is_stable_keyed_and_separates_kinds(settings):
    first = crypto.lookup_hash("id_number", NUMBER)
    assert first == crypto.lookup_hash("id_number", NUMBER)
    assert len(first) == 64
    assert NUMBER not in first
    assert first != crypto.lookup_hash("certificate", NUMBER)
    assert first != crypto.lookup_hash("id_number", NUMBER[:-1] + "9")
    settings.FIELD_HASH_KEY = secrets.token_hex(32)
    assert crypto.lookup_hash("id_number", NUMBER) != first
    with pytest.raises(ValueError, match="kind"):
        crypto.lookup_hash("", NUMBER)


def test_lookup_hash_is_hmac_sm3():
    from cryptography.hazmat.primitives import hashes, hmac

    mac = hmac.HMAC(crypto._hash_key(crypto.settings.FIELD_HASH_KEY), hashes.SM3())
    mac.update(b"id_number\x00" + NUMBER.encode())
    assert crypto.lookup_hash("id_number", NUMBER) == mac.finalize().hex()


HEX16, HEX32, HEX8 = "0f" * 16, "a5" * 32, "5a" * 8


@pytest.mark.parametrize(
    ("encryption", "hashing", "words", "use"),
    [
        ("", HEX32, "FIELD_ENCRYPTION_KEY is not set", "encrypt"),
        ("zz-not-a-key!", HEX32, "neither hex nor base64", "encrypt"),
        (HEX32, HEX32, "must be 16 bytes", "encrypt"),
        (HEX16, HEX8, "at least 16 bytes", "hash"),
        (HEX16, "", "FIELD_HASH_KEY is not set", "hash"),
    ],
    ids=["missing", "garbage", "wrong-size", "short-hash-key", "missing-hash-key"],
)
def test_unusable_keys_are_refused_loudly(settings, encryption, hashing, words, use):
    settings.FIELD_ENCRYPTION_KEY = encryption
    settings.FIELD_HASH_KEY = hashing
    assert any(words in problem for problem in crypto.check_keys())
    action = {"encrypt": crypto.encrypt, "hash": lambda text: crypto.lookup_hash("id", text)}
    with pytest.raises(ImproperlyConfigured, match=words):
        action[use](NUMBER)


def test_the_same_key_for_both_purposes_is_refused(settings):
    key = secrets.token_hex(16)
    settings.FIELD_ENCRYPTION_KEY = key
    settings.FIELD_HASH_KEY = key
    assert crypto.check_keys() == ["FIELD_HASH_KEY must differ from FIELD_ENCRYPTION_KEY."]


def test_system_checks_report_missing_keys_for_deployment_and_bad_keys_always(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    deploy = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert {"cases.E001"} <= {message.id for message in deploy}
    settings.FIELD_ENCRYPTION_KEY = "abcd"
    plain = checks.run_checks(tags=[checks.Tags.security])
    assert "cases.E002" in {message.id for message in plain}


def test_local_keys_are_generated_once_into_private_files(tmp_path):
    from tests.test_deploy_settings import run_manage

    script = (
        "from django.conf import settings; "
        "print(settings.FIELD_ENCRYPTION_KEY, settings.FIELD_HASH_KEY)"
    )
    env = {"LAWSTATION_PROFILE": "local", "LAWSTATION_VAR_DIR": str(tmp_path)}
    first = run_manage("shell", "--no-imports", "-c", script, **env)
    second = run_manage("shell", "--no-imports", "-c", script, **env)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    encryption, hashing = first.stdout.split()
    assert len(bytes.fromhex(encryption)) == 16
    assert len(bytes.fromhex(hashing)) == 32
    for name in ("field_encryption_key", "field_hash_key"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("tmp")) == []
