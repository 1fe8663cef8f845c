"""The admin and the error pages look like Kliento, not like a bare framework."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import UserFactory


@pytest.mark.django_db
def test_the_admin_is_branded(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    html = client.get(reverse("admin:index")).content.decode()
    assert "Kliento data" in html and "Django administration" not in html


def test_the_server_error_page_needs_no_request_context():
    answer = server_error(RequestFactory().get("/"))
    html = answer.content.decode()
    assert answer.status_code == 500
    assert "Something went wrong on our side" in html and 'class="brand"' in html


@pytest.mark.django_db
def test_the_not_found_page_is_branded(client):
    client.force_login(UserFactory(username="agente"))
    answer = client.get("/no-such-page/")
    assert answer.status_code == 404 and 'class="brand"' in answer.content.decode()
