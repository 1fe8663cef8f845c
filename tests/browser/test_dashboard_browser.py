import re

import pytest

from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import DEMO_PASSWORD, DEMO_USERNAME, demo_manager_ensure


@pytest.fixture
def demo_site(live_server, transactional_db):
    build_demo(DemoPlan(interactions=1500, weeks=14, seed=11))
    demo_manager_ensure()
    return live_server.url


@pytest.mark.browser
def test_manager_signs_in_and_reads_the_dashboard_in_lithuanian(demo_site, browser_page):
    page = browser_page
    page.goto(f"{demo_site}/dashboard/")
    assert "/login/" in page.url  # signing in is required

    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard/"))
    assert page.locator("h1").inner_text() == "Customer experience"

    page.select_option("#language-select", "lt")
    page.wait_for_url(re.compile(r"/lt/dashboard/"))
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.locator("h1").inner_text() == "Klientų patirtis"
    assert page.locator("#kpi-promise_kept-title").inner_text() == "Ištesėti pažadai"

    nps = page.locator('[data-kpi="nps"]').inner_text()
    assert re.fullmatch(r"[+−-]?\d+", nps), nps
    kept = page.locator('[data-kpi="promise_kept"]').inner_text()
    assert 40 <= int(kept.split()[0]) <= 100
    assert re.search(r"\d+ (atsakymas|atsakymai|atsakymo|atsakymų)",
                     page.locator(".kpi-nps .basis").inner_text())

    # Every KPI card and the volume chart drew a chart: one per canvas, a dozen of them.
    assert page.locator("canvas").count() >= 11
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length"
                           " === document.querySelectorAll('canvas').length")

    # Switching the period swaps the cards in place and keeps the language.
    page.click("nav.segmented a[href='?weeks=4']")
    page.wait_for_selector('#kpis[data-weeks="4"]')
    assert page.url.endswith("/lt/dashboard/?weeks=4")
    assert page.locator("h1").inner_text() == "Klientų patirtis"
    page.wait_for_function("() => Object.keys(Chart.instances).length"
                           " === document.querySelectorAll('canvas').length")
