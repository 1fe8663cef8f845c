"""Right to erasure: after ``kliento customers erase`` no trace of the person is left in any
column of any table nor in any file, and every figure of the dashboard is the same."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from kliento.customers.models import Customer
from kliento.privacy.erasure import mail_text
from tests.privacy.conftest import NAME, NEEDLES


def _traces_in_database() -> list[str]:
    found = []
    forms = {form.lower() for needle in NEEDLES for form in (needle, json.dumps(needle)[1:-1])}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [column.name for column in
                       connection.introspection.get_table_description(cursor, table)]
            quoted = connection.ops.quote_name(table)
            for column in columns:
                name = connection.ops.quote_name(column)
                for form in forms:
                    cursor.execute(f"SELECT COUNT(*) FROM {quoted} "
                                   f"WHERE LOWER(CAST({name} AS TEXT)) LIKE %s", [f"%{form}%"])
                    if cursor.fetchone()[0]:
                        found.append(f"{table}.{column} ~ {form}")
    return found


def _traces_in_files(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace") + mail_text(path)
            found += [f"{path.name} ~ {needle}" for needle in NEEDLES
                      if needle.lower() in text.lower()]
    return found


def _dashboard_numbers(client, org) -> dict:
    client.force_login(org.manager)
    period = "?start=2026-05-01&end=2026-06-30"
    return {path: client.get(f"/api/v1/{path}{period}").json()
            for path in ("metrics", "recovery-metrics", "promises/kept-rate")} | {
        "explore": client.get(reverse("analytics:explore") + "?start=2026-05-01&end=2026-06-30"
                              "&grain=week&breakdown=team").status_code}


def test_erasure_leaves_no_trace_and_every_figure_stays(client, org, person, var_dir):
    assert _traces_in_database() and _traces_in_files(var_dir)  # the fixture spread them
    before = _dashboard_numbers(client, org)
    call_command("customers", "erase", str(person.pk), "--yes")
    assert _traces_in_database() == []
    assert _traces_in_files(var_dir) == []
    assert _dashboard_numbers(client, org) == before
    erased = Customer.objects.get(pk=person.pk)
    assert erased.erased_at is not None
    assert erased.interactions.count() == 1 and erased.survey_responses.get().nps == 2
    # The other customer's row lost only the name.
    assert org.customer_b.interactions.filter(text="Klientė minėjo kaimynę [erased]").exists()
    # The other import row is still in the upload.
    assert "Ona Kita" in (var_dir / "imports" / "x" / "klientai.csv").read_text()


def test_erasure_is_two_steps_for_managers_and_refused_to_others(client, org, person):
    client.force_login(org.manager)
    url = reverse("privacy:erase", kwargs={"pk": person.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"confirm": "wrong"})
    assert Customer.objects.get(pk=person.pk).full_name == NAME  # nothing erased
    client.force_login(org.lead)
    assert client.post(url, {"confirm": str(person.pk)}).status_code == 403
    assert Customer.objects.get(pk=person.pk).full_name == NAME
    client.force_login(org.manager)
    assert client.post(url, {"confirm": str(person.pk)}).status_code == 302
    assert Customer.objects.get(pk=person.pk).erased_at is not None


def test_customer_with_history_can_be_erased_twice_without_error(org, person):
    call_command("customers", "erase", str(person.pk), "--yes")
    with pytest.raises(Exception, match="erased already"):
        call_command("customers", "erase", str(person.pk), "--yes")
