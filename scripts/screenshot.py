#!/usr/bin/env python3
"""Capture docs/screenshot.png from a running demo: ``screenshot.py http://127.0.0.1:8000``."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def main(base_url: str, out: Path, language: str = "en") -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 1020}, device_scale_factor=1)
        page.goto(f"{base_url}/login/")
        page.fill("#id_username", "manager")
        page.fill("#id_password", "kliento-demo")
        page.click("button[type=submit]")
        prefix = "" if language == "en" else f"/{language}"
        page.goto(f"{base_url}{prefix}/dashboard/?weeks=26")
        page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length >= 11")
        page.wait_for_timeout(800)  # let the chart animations finish
        page.screenshot(path=str(out), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000",
         Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshot.png"),
         sys.argv[3] if len(sys.argv) > 3 else "en")
