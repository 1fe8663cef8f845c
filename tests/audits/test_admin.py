import pytest
from django.urls import reverse

from kliento.audits.models import ServiceStandard
from kliento.audits.services import standard_default_ensure
from tests.factories import UserFactory


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


@pytest.mark.django_db
def test_the_standard_page_lists_its_criteria_in_five_languages(admin_client):
    standard = standard_default_ensure()
    response = admin_client.get(reverse("admin:audits_servicestandard_change",
                                        args=[standard.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    first = standard.criteria.order_by("position").first()
    for language in ("en", "lt", "lv", "ru", "pl"):
        assert getattr(first, f"text_{language}").split("“")[0] in html


@pytest.mark.django_db
def test_the_default_moves_with_the_admin_action(admin_client, standard):
    default = standard_default_ensure()
    response = admin_client.post(reverse("admin:audits_servicestandard_changelist"), {
        "action": "make_default", "_selected_action": [standard.pk]})
    assert response.status_code == 302
    assert ServiceStandard.objects.get(is_default=True) == standard
    default.refresh_from_db()
    assert default.is_active and not default.is_default


@pytest.mark.django_db
def test_an_audit_page_shows_its_checks_read_only(admin_client, org, record):
    audit = record(org.ona, True, False, True)
    response = admin_client.get(reverse("admin:audits_audit_change", args=[audit.pk]))
    assert response.status_code == 200
    assert "75.0" in response.content.decode()
    assert admin_client.get(reverse("admin:audits_audit_add")).status_code == 403
