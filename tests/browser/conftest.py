"""Playwright driving Debian's Chromium (the test never downloads a browser of its own)."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("KLIENTO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


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
