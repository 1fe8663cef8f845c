"""One battery every import format passes: each sample declares what must be imported and
which (line, column) pairs must be refused; the battery checks the report, the refused-rows
file, the stored rows, and that importing the same file again changes nothing."""

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from kliento.customers.models import Customer
from kliento.imports.pipeline import import_file
from kliento.interactions.models import Interaction
from kliento.organisation.models import Agent
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse

SAMPLES = Path(__file__).parent / "samples"


@dataclass(frozen=True)
class Sample:
    kind: str
    file: str
    imported: int
    refused: frozenset[tuple[int, str]]
    preset: str = "kliento"
    needs: tuple[str, ...] = ()  # samples imported first (customers before interactions …)

    def __str__(self) -> str:
        return self.file


CUSTOMERS = Sample("customers", "customers-utf8-bom-semicolon.csv", 2, frozenset(
    {(4, "email"), (5, "external_id"), (6, "preferred_language")}))
AGENTS = Sample("agents", "agents.csv", 2, frozenset({(4, "hired_on"), (5, "username")}))
INTERACTIONS = Sample("interactions", "interactions.jsonl", 2, frozenset(
    {(3, "customer_external_id"), (4, "channel"), (5, "row"), (6, "opened_at"),
     (7, "resolved_at")}), needs=("customers-utf8-bom-semicolon.csv", "agents.csv"))
BATTERY = [
    CUSTOMERS,
    Sample("customers", "customers-cp1257.csv", 2, frozenset({(4, "consents_to_surveys")})),
    Sample("customers", "customers-cp1250-tab.tsv", 2, frozenset({(4, "full_name")})),
    Sample("customers", "customers-cp1251-pipe.csv", 3, frozenset()),
    AGENTS,
    INTERACTIONS,
    # The same rows in a spreadsheet: one line lower (its header is line 1), and the broken
    # JSON line is a row with an unknown channel.
    Sample("interactions", "interactions.xlsx", 2, frozenset(
        (line + 1, "channel" if column == "row" else column)
        for line, column in INTERACTIONS.refused), needs=INTERACTIONS.needs),
    Sample("survey_responses", "survey-responses.jsonl", 2, frozenset(
        {(2, "nps"), (3, "csat"), (4, "nps")}), needs=(*INTERACTIONS.needs, "interactions.jsonl")),
    Sample("promises", "promises.csv", 2, frozenset({(4, "due_at"), (5, "kind"), (6, "kept_at")}),
           needs=INTERACTIONS.needs),
    Sample("interactions", "zendesk-tickets.csv", 2, frozenset({(4, "channel")}),
           preset="zendesk"),
    Sample("interactions", "servicenow-events.csv", 8, frozenset(), preset="servicenow"),
]
BY_FILE = {sample.file: sample for sample in BATTERY}


@pytest.fixture(scope="session")
def xlsx_sample(tmp_path_factory) -> Path:
    """interactions.jsonl as a spreadsheet (its broken JSON line becomes a bad channel)."""
    import json

    rows = []
    for text in (SAMPLES / "interactions.jsonl").read_text().splitlines():
        rows.append(json.loads(text) if text.startswith("{") else {
            "external_id": "T-X", "customer_external_id": "C-1", "channel": "fax",
            "opened_at": "2026-05-12 12:00"})
    columns = sorted({key for row in rows for key in row})
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    path = tmp_path_factory.mktemp("xlsx") / "interactions.xlsx"
    book.save(path)
    return path


def sample_path(name: str, xlsx_sample: Path) -> Path:
    return xlsx_sample if name == "interactions.xlsx" else SAMPLES / name


def run(sample: Sample, xlsx_sample: Path, tmp_path: Path):
    for needed in sample.needs:
        import_file(BY_FILE[needed].kind, sample_path(needed, xlsx_sample),
                    preset_name=BY_FILE[needed].preset)
    rejects = tmp_path / f"{sample.file}.rejected.csv"
    report = import_file(sample.kind, sample_path(sample.file, xlsx_sample),
                         preset_name=sample.preset, rejects_path=rejects)
    return report, rejects


@pytest.mark.django_db
@pytest.mark.parametrize("sample", BATTERY, ids=str)
def test_the_battery(sample, xlsx_sample, tmp_path, channels):
    report, rejects = run(sample, xlsx_sample, tmp_path)
    refused = {(problem.line, problem.column) for problem in report.problems}
    assert refused == set(sample.refused)
    assert report.imported == sample.imported
    assert report.rejected == len({line for line, _column in sample.refused})
    assert report.exit_code == (1 if sample.refused else 0)
    for problem in report.problems:
        assert problem.reason  # every refusal says why
    if sample.refused:
        with rejects.open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == report.rejected
        assert all(row["error"] for row in rows)
    else:
        assert not rejects.exists()

    again = import_file(sample.kind, sample_path(sample.file, xlsx_sample),
                        preset_name=sample.preset)
    assert (again.imported, again.already_there, again.rejected) == (
        0, sample.imported, report.rejected)


@pytest.mark.django_db
def test_names_survive_byte_for_byte_from_every_encoding(tmp_path, channels):
    for name in ("customers-utf8-bom-semicolon.csv", "customers-cp1257.csv",
                 "customers-cp1250-tab.tsv", "customers-cp1251-pipe.csv"):
        import_file("customers", SAMPLES / name)
    names = dict(Customer.objects.values_list("external_id", "full_name"))
    assert names["C-1"] == "Jūratė Ąžuolaitė-Česnauskienė"
    assert names["C-2"] == "Līga Bērziņa"
    assert names["C-11"] == "Žydrūnas Čiurlionis" and names["C-12"] == "Ērika Ķēniņa"
    assert names["C-21"] == "Małgorzata Wójcik" and names["C-22"] == "Żaneta Świątek"
    assert names["C-31"] == "Анна Кузнецова" and names["C-32"] == "Пётр Ёлкин"
    assert Customer.objects.get(external_id="C-12").city == "Liepāja"
    assert Customer.objects.get(external_id="C-11").consents_to_surveys is True
    assert Customer.objects.get(external_id="C-22").consents_to_surveys is False


@pytest.mark.django_db
def test_refused_rows_can_be_fixed_and_imported_again(tmp_path, channels):
    rejects = tmp_path / "refused.csv"
    import_file("customers", SAMPLES / "customers-utf8-bom-semicolon.csv", rejects_path=rejects)
    with rejects.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["external_id"] for row in rows] == ["C-3", "C-1", "C-4"]
    assert "not an e-mail address" in rows[0]["error"]
    assert "duplicate id: also on line 2" in rows[1]["error"]
    rows[0]["email"], rows[2]["preferred_language"] = "bad@example.lt", "lt"
    fixed = tmp_path / "fixed.csv"
    with fixed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([rows[0], rows[2]])
    report = import_file("customers", fixed)
    assert (report.imported, report.rejected) == (2, 0)
    assert Customer.objects.get(external_id="C-4").full_name == "Ūla Žemaitė"


@pytest.mark.django_db
def test_imported_rows_carry_their_derived_fields(tmp_path, channels, xlsx_sample):
    run(BY_FILE["survey-responses.jsonl"], xlsx_sample, tmp_path)
    run(BY_FILE["promises.csv"], xlsx_sample, tmp_path)
    call = Interaction.objects.get(external_id="T-1")
    assert (call.first_response_seconds, call.resolution_seconds) == (240, 1200)
    assert call.channel.code == "phone" and call.agent.user.username == "rasa.p"
    assert str(call.opened_on) == "2026-05-12"
    assert Interaction.objects.get(external_id="T-2").channel.code == "email"
    response = SurveyResponse.objects.get(external_id="R-1")
    assert response.interaction == call and response.nps == 3
    assert str(response.responded_on) == "2026-05-12"
    promise = Promise.objects.get(external_id="P-1")
    assert promise.status == "kept" and promise.owner.user.username == "rasa.p"
    assert Agent.objects.get(user__username="janis.b").team.name == "Rīgas komanda"


@pytest.mark.django_db
def test_servicenow_incidents_become_interactions_with_their_times(channels):
    import_file("interactions", SAMPLES / "servicenow-events.csv", preset_name="servicenow")
    incident = Interaction.objects.get(external_id="INC0000045")
    # Opened 01:16, out of "New" at the 08:53 update, resolved 11:29 (29-02-2016, Vilnius).
    assert incident.first_response_seconds == (8 * 60 + 53 - (1 * 60 + 16)) * 60
    assert incident.resolution_seconds == (11 * 60 + 29 - (1 * 60 + 16)) * 60
    assert incident.channel.code == "phone" and incident.team.name == "Group 56"
    assert incident.customer.external_id == "Caller 2403"


@pytest.mark.django_db
def test_importing_old_data_makes_the_stored_weeks_it_touches_be_recomputed(channels,
                                                                            tmp_path):
    from datetime import date

    from kliento.analytics.models import KpiRollup, RollupFillState
    from kliento.analytics.rollups import rollups_fill

    import_file("customers", SAMPLES / "customers-utf8-bom-semicolon.csv")
    import_file("agents", SAMPLES / "agents.csv")
    import_file("interactions", SAMPLES / "zendesk-tickets.csv", preset_name="zendesk")
    later = tmp_path / "later.csv"
    later.write_text("external_id,customer_external_id,channel,opened_at\n"
                     "T-100,C-1,chat,2026-05-14 10:00\n")
    import_file("interactions", later)
    rollups_fill(today=date(2026, 6, 30))
    week = date(2026, 5, 11)  # the Monday of 12 May 2026
    assert KpiRollup.objects.filter(grain="week", bucket=week).exists()
    assert KpiRollup.objects.filter(grain="week", bucket=date(2026, 5, 4)).exists()

    import_file("interactions", SAMPLES / "interactions.jsonl")  # calls of 12 May
    assert not KpiRollup.objects.filter(grain="week", bucket__gte=week).exists()
    assert KpiRollup.objects.filter(grain="week", bucket=date(2026, 5, 4)).exists()
    assert RollupFillState.objects.get(grain="week", breakdown="none").filled_through == date(
        2026, 5, 4)
    assert rollups_fill(today=date(2026, 6, 30)) > 0  # the worker's next fill restores them
    assert KpiRollup.objects.filter(grain="week", bucket=week).exists()
