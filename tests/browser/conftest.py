"""Playwright driving Debian's Chromium (the test never downloads a browser of its own)."""

import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

CHROMIUM = Path(os.environ.get("KLIENTO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


class OneRequestAtATimeServer(WSGIServer):
    """Django's live server without its request threads; Django then closes each HTTP
    connection after its answer, so the browser's next request is not kept waiting."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time_on_sqlite():
    """On SQLite every request thread of the live server uses the test's one in-memory
    connection, and two requests at once (a page and the HTMX call it starts) can lock each
    other out for good — an xdist worker hung for minutes so. There it answers one at a time."""
    if connection.vendor != "sqlite":
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATimeServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture
def browser_page(monkeypatch):
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make browser` installs Debian's "
                    "chromium (apt-get install -y chromium), or set KLIENTO_CHROMIUM.")
    # Playwright's sync API runs an event loop in this thread; the live server's ORM work
    # happens in its own thread, and this test only touches the ORM before the browser starts.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()
