"""Under the Content-Security-Policy the pages still work, nothing on them is refused, and
the API's docs draw with no network beyond this server (offline)."""

import re
from urllib.parse import urlsplit

import pytest

from tests.factories import UserFactory


def watch(page, server_url: str) -> dict[str, list[str]]:
    """Collects the policy's refusals and every request made to another host (refused)."""
    seen = {"refused_by_policy": [], "other_hosts": []}
    page.on("console", lambda message: "Content Security Policy" in message.text
            and seen["refused_by_policy"].append(message.text))
    own = urlsplit(server_url).netloc

    def only_this_server(route):
        if urlsplit(route.request.url).netloc not in (own, ""):
            seen["other_hosts"].append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route(re.compile(r"^https?://"), only_this_server)
    return seen


@pytest.mark.browser
def test_the_api_docs_draw_offline_with_nothing_refused(live_server, transactional_db,
                                                        browser_page):
    seen = watch(browser_page, live_server.url)
    browser_page.goto(f"{live_server.url}/api/v1/docs")
    browser_page.wait_for_selector(".swagger-ui .info .title")
    assert "Kliento API" in browser_page.locator(".swagger-ui .info .title").inner_text()
    browser_page.wait_for_selector(".opblock")  # the operations, read from the schema
    assert seen == {"refused_by_policy": [], "other_hosts": []}


@pytest.mark.browser
def test_signed_in_pages_work_with_nothing_refused(live_server, transactional_db,
                                                   browser_page):
    UserFactory(username="ona", is_staff=True, is_superuser=True)
    page = browser_page
    seen = watch(page, live_server.url)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "ona")
    page.fill("#id_password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard/"))
    page.goto(f"{live_server.url}/recovery/")
    # The filter applies on change: a static script, not an inline onchange attribute.
    page.select_option("select[name=status]", "all")
    page.wait_for_url(re.compile(r"status=all"))
    page.select_option("#language-select", "lt")
    page.wait_for_url(re.compile(r"/lt/recovery/"))
    assert seen == {"refused_by_policy": [], "other_hosts": []}
