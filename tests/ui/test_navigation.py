"""The top navigation shows each person the doors their role opens, grouped into menus."""

import pytest
from django.test import RequestFactory
from django.urls import resolve

from kliento.access.roles import Role
from kliento.ui.navigation import nav_groups_for, nav_item_register
from tests.factories import UserFactory


def groups_seen(user, path="/dashboard/"):
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return {group.key: [str(entry["label"]) for entry in group.entries]
            for group in nav_groups_for(request)}


@pytest.mark.django_db
def test_an_agent_sees_fewer_doors_than_a_manager():
    agent = groups_seen(UserFactory(role=Role.AGENT))
    manager = groups_seen(UserFactory(role=Role.MANAGER))
    assert "Webhooks" in manager["setup"] and "Imports" in manager["setup"]
    assert "Webhooks" not in agent.get("setup", [])
    assert sum(map(len, agent.values())) < sum(map(len, manager.values()))
    # Menus keep their fixed order, whatever order the apps registered in.
    assert list(manager) == [key for key in ("measure", "customers", "people", "setup")
                             if key in manager]


@pytest.mark.django_db
def test_the_page_being_shown_is_marked_current_and_so_is_its_menu():
    request = RequestFactory().get("/dashboard/")
    request.user = UserFactory(role=Role.MANAGER)
    request.resolver_match = resolve("/dashboard/")
    groups = {group.key: group for group in nav_groups_for(request)}
    current = [entry["label"] for entry in groups["measure"].entries if entry["current"]]
    assert [str(label) for label in current] == ["Dashboard"]
    assert groups["measure"].is_current and not groups["setup"].is_current


@pytest.mark.django_db
def test_nobody_signed_in_sees_no_navigation():
    from django.contrib.auth.models import AnonymousUser
    assert groups_seen(AnonymousUser()) == {}


def test_an_unknown_menu_is_refused():
    with pytest.raises(ValueError, match="group must be one of"):
        nav_item_register(group="elsewhere", label="X", url_name="home")


@pytest.mark.django_db
def test_a_menu_with_one_entry_is_drawn_as_a_plain_link(client):
    client.force_login(UserFactory(role=Role.AUDITOR))
    html = client.get("/dashboard/").content.decode()
    nav = html[html.index('<nav class="mainnav"'):html.index("</nav>")]
    assert 'href="/dashboard/"' in nav
    assert "<summary>Measure</summary>" not in nav
