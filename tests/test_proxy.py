import pytest
from django.test import override_settings

from audit.models import AuditEntry
from lawstation.proxy import client_address

TRUSTED = ("10.0.0.0/8", "::1")


@pytest.mark.parametrize(
    ("peer", "header", "expected"),
    [
        ("10.1.2.3", "203.0.113.7", "203.0.113.7"),  # trusted proxy: the client it names
        ("198.51.100.9", "203.0.113.7", "198.51.100.9"),  # anyone else cannot forge an address
        ("10.1.2.3", "not-an-address", "10.1.2.3"),
        ("10.1.2.3", None, "10.1.2.3"),
        ("::1", "2001:db8::1", "2001:db8::1"),
        (None, "203.0.113.7", None),
    ],
)
def test_client_address(peer, header, expected):
    assert client_address(peer, header, TRUSTED) == expected


@pytest.mark.django_db
def test_failed_login_behind_a_trusted_proxy_records_the_client(client):
    with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
        client.post(
            "/accounts/login/",
            {"username": "nobody", "password": "wrong-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.7",
        )
    entry = AuditEntry.all_objects.get(action="auth.login_failed")
    assert entry.ip == "203.0.113.7"
