"""The client's address behind a trusted reverse proxy.

gunicorn behind nginx sees the proxy as ``REMOTE_ADDR``. When, and only when, the direct peer is
one of ``TRUSTED_PROXIES`` (addresses or networks), the address the proxy reports in
``X-Real-IP`` replaces it, so lockouts and the audit log name the real client. From anyone else
the header is ignored: a client cannot forge its own address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def client_address(peer: str | None, forwarded: str | None, trusted: Iterable[str]) -> str | None:
    """The address to record: ``forwarded`` when ``peer`` is a trusted proxy and it is valid."""
    if not peer or not forwarded:
        return peer
    try:
        peer_ip = ipaddress.ip_address(peer)
        client_ip = ipaddress.ip_address(forwarded.strip())
    except ValueError:
        return peer
    if any(peer_ip in network for network in _networks(tuple(trusted))):
        return str(client_ip)
    return peer


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = tuple(settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted:
            request.META["REMOTE_ADDR"] = client_address(
                request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_REAL_IP"), self.trusted
            )
        return self.get_response(request)
