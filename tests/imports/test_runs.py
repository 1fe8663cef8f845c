"""The record of a run follows the import: the page shows each step as it happens."""

import pytest

from kliento.imports import services, writers
from kliento.imports.models import ImportRun
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_storing_is_announced_and_shown_on_the_run(channels, tmp_path, monkeypatch):
    CustomerFactory(external_id="C-1")
    source = tmp_path / "interactions.csv"
    source.write_text("external_id,customer_external_id,channel,opened_at\n"
                      "T-1,C-1,chat,2026-05-12T09:00:00+03:00\n", encoding="utf-8")
    run = services.import_run_start(kind="interactions", file_name=source.name,
                                    stored_file=str(source))
    announced, shown = [], []
    store = writers.Stage.store

    def store_watched(stage):
        shown.append(ImportRun.objects.get(pk=run.pk).get_status_display())
        return store(stage)

    monkeypatch.setattr(writers.Stage, "store", store_watched)
    services.import_run_execute(run, source, storing=lambda: announced.append(True))
    assert announced == [True]
    assert shown == ["Storing the checked rows"]
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.imported == 1
