"""Browser tests: Debian's Chromium driven by Playwright, against a real gunicorn server.

The server runs on its own throwaway SQLite database, migrated and seeded by the project's own
commands, so these tests never flush the append-only audit table. Without Chromium the tests are
skipped, except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "Demo-Password-2026!"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop; Django's async-safety check would refuse the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _require_browser() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("browser tests run once, in the SQLite pass, against their own server")
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing in CI: .ci/run must install it (make browser-deps)")
    pytest.skip("Chromium is not installed: `make browser-deps` installs it (Debian, as root)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    var = tmp_path_factory.mktemp("browser-var")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    env.update(
        LAWSTATION_PROFILE="local",
        LAWSTATION_VAR_DIR=str(var),
        DEMO_PASSWORD=DEMO_PASSWORD,
        # Every browser test comes from 127.0.0.1: one address would trip the portal's limits.
        LAWSTATION_PORTAL_RATE_LIMIT_FACTOR="20",
    )
    for command in (
        ["migrate", "--noinput"],
        ["load_regions"],
        ["seed_demo"],
        ["collectstatic", "--noinput"],
    ):
        _manage(env, *command)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lawstation.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the gunicorn server did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=server)
    page = context.new_page()
    yield page
    context.close()


# Session cookies of the demo users already logged in on this worker's server: a real login
# hashes the password (about a second with the production hasher), once per user is enough.
_SESSIONS: dict[tuple[str, str], list] = {}


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Open /staff/ as ``username``: through the login form the first time, then with the
    session cookie it got (falling back to the form if that session has ended)."""
    if cookies := _SESSIONS.get((username, password)):
        page.context.add_cookies(cookies)
        page.goto("/staff/")
        if page.url.endswith("/staff/"):
            return
        page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/staff/")
    _SESSIONS[(username, password)] = [
        cookie for cookie in page.context.cookies() if cookie["name"].endswith("sessionid")
    ]
