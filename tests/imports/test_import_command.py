"""The command line: exit codes, and a kill in the middle of an import."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command

from kliento.customers.models import Customer
from kliento.imports.pipeline import BATCH_SIZE
from kliento.organisation.models import Agent

SAMPLES = Path(__file__).parent / "samples"
# The kill tests' files: enough batches that the import is still running when the test sees
# the first ones stored (it looks every POLL_SECONDS; a batch takes about a tenth of a second),
# and no more, as the rerun reads them all again.
KILLED_IMPORT_BATCHES = 5
POLL_SECONDS = 0.01


def exit_code(*args) -> int:
    with pytest.raises(SystemExit) as stopped:
        call_command("import", *args)
    return stopped.value.code


@pytest.mark.django_db
def test_exit_codes_say_all_some_or_none(tmp_path, capsys):
    assert exit_code("customers", str(SAMPLES / "customers-cp1251-pipe.csv")) == 0
    assert exit_code("customers", str(SAMPLES / "customers-cp1257.csv"),
                     "--rejects", str(tmp_path / "r.csv")) == 1
    assert "line 4, consents_to_surveys 'maybe'" in capsys.readouterr().err
    garbage = tmp_path / "broken.xlsx"
    garbage.write_bytes(b"this is not a spreadsheet")
    assert exit_code("customers", str(garbage)) == 2
    assert exit_code("customers", str(tmp_path / "missing.csv")) == 2
    assert "no such file" in capsys.readouterr().err
    latin = tmp_path / "declared-wrong.csv"
    latin.write_bytes("external_id,full_name\nC-9,Žydrūnas\n".encode("cp1257"))
    assert exit_code("customers", str(latin), "--encoding", "utf-8") == 2
    assert Customer.objects.count() == 5


@pytest.mark.django_db
def test_agents_with_only_the_required_columns_are_imported(tmp_path):
    agents = tmp_path / "agents.csv"
    agents.write_text("username,first_name,hired_on\nona.o,Ona,2024-01-01\n", encoding="utf-8")
    assert exit_code("agents", str(agents)) == 0
    agent = Agent.objects.select_related("user").get()
    assert (agent.user.username, agent.user.last_name, agent.user.email) == ("ona.o", "", "")
    assert agent.team_id is None and agent.left_on is None


def count(url: str, sql: str) -> int:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return connection.execute(sql).fetchone()[0]
    with psycopg.connect(url) as connection:
        return connection.execute(sql).fetchone()[0]


def test_a_killed_import_leaves_whole_batches_and_the_rerun_completes(scratch_database,
                                                                      tmp_path):
    rows = KILLED_IMPORT_BATCHES * BATCH_SIZE
    big = tmp_path / "customers.csv"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("external_id,full_name,preferred_language\n")
        for n in range(rows):
            handle.write(f"K-{n},Klientė Nr. {n} Ąžuolaitė,lt\n")
    env = os.environ | {"DATABASE_URL": scratch_database, "KLIENTO_VAR_DIR": str(tmp_path)}
    kliento = [sys.executable, "-m", "kliento.cli"]
    table = "customers_customer"
    importing = subprocess.Popen([*kliento, "import", "customers", str(big)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(scratch_database, f"SELECT count(*) FROM {table}") < BATCH_SIZE:
        assert importing.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(POLL_SECONDS)
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    partial = count(scratch_database, f"SELECT count(*) FROM {table}")
    assert 0 < partial < rows
    assert partial % BATCH_SIZE == 0  # whole batches only

    rerun = subprocess.run([*kliento, "import", "customers", str(big)], env=env,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert count(scratch_database, f"SELECT count(*) FROM {table}") == rows
    assert count(scratch_database,
                 f"SELECT count(DISTINCT external_id) FROM {table}") == rows
    assert f"{partial:,} already there" in rerun.stderr


def test_a_killed_interactions_import_leaves_nothing_and_the_rerun_completes(scratch_database,
                                                                            tmp_path):
    """Interactions wait in the import's temporary table until the file is read through: a
    kill before then stores none of them (the table goes with the connection)."""
    rows = KILLED_IMPORT_BATCHES * BATCH_SIZE
    customers, big = tmp_path / "customers.csv", tmp_path / "interactions.csv"
    customers.write_text("external_id,full_name\n" + "".join(
        f"K-{n},Jūratė Ąžuolaitė {n}\n" for n in range(100)), encoding="utf-8")
    with big.open("w", encoding="utf-8") as handle:
        handle.write("external_id,customer_external_id,channel,opened_at\n")
        for n in range(rows):
            handle.write(f"T-{n},K-{n % 100},phone,2026-05-{1 + n % 28:02d}T"
                         f"{n % 24:02d}:{n % 60:02d}:00+03:00\n")
    env = os.environ | {"DATABASE_URL": scratch_database, "KLIENTO_VAR_DIR": str(tmp_path)}
    kliento = [sys.executable, "-m", "kliento.cli"]
    subprocess.run([*kliento, "import", "customers", str(customers)], env=env, check=True,
                   capture_output=True)
    importing = subprocess.Popen([*kliento, "import", "interactions", str(big)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(scratch_database, "SELECT COALESCE(MAX(rows_read), 0) FROM imports_importrun "
                "WHERE kind = 'interactions'") < 2 * BATCH_SIZE:
        assert importing.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(POLL_SECONDS)
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    table = "interactions_interaction"
    assert count(scratch_database, f"SELECT count(*) FROM {table}") == 0

    rerun = subprocess.run([*kliento, "import", "interactions", str(big)], env=env,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert count(scratch_database, f"SELECT count(DISTINCT external_id) FROM {table}") == rows
    assert count(scratch_database, f"SELECT count(*) FROM {table}") == rows
    # Every customer's contacts but the last have their next contact.
    assert count(scratch_database,
                 f"SELECT count(next_contact_seconds) FROM {table}") == rows - 100


@pytest.mark.django_db
def test_a_saved_column_mapping_is_used_like_a_preset(tmp_path, capsys):
    theirs = tmp_path / "crm.csv"
    theirs.write_text("Kliento ID;Vardas;El. paštas\nK-1;Rūta Žemaitė;ruta@example.lt\n",
                      encoding="utf-8")
    code = exit_code("customers", str(theirs), "--map", "Kliento ID=external_id",
                     "--map", "Vardas=full_name", "--map", "El. paštas=email",
                     "--save-mapping", "crm")
    assert code == 0
    assert Customer.objects.get().full_name == "Rūta Žemaitė"
    again = tmp_path / "crm-2.csv"
    again.write_text("Kliento ID;Vardas\nK-2;Jonas Jonaitis\n", encoding="utf-8")
    assert exit_code("customers", str(again), "--preset", "crm") == 0
    assert Customer.objects.filter(external_id="K-2").exists()
    with pytest.raises(Exception, match="not columns of customers: nickname"):
        call_command("import", "customers", str(again), "--map", "Vardas=nickname")


@pytest.mark.django_db
def test_servicenow_imports_report_how_their_sla_compares(channels, capsys):
    assert exit_code("interactions", str(SAMPLES / "servicenow-events.csv"),
                     "--preset", "servicenow") == 0
    err = capsys.readouterr().err
    assert "SLA on 8 incidents: Kliento's first-response target met" in err
    assert "ServiceNow's made_sla" in err
