"""The scale-out test's steps that need Kliento itself, each run as a process of its own
against the workers' database (the test's own database is in memory or inside a
transaction):

    python -m tests.analytics.scale_out_scenario build
    python -m tests.analytics.scale_out_scenario spread TODAY   # the fill, enqueued twice at once
    python -m tests.analytics.scale_out_scenario resend         # every part's job sent again
    python -m tests.analytics.scale_out_scenario rebuild TODAY  # the reference: one process

Each prints its outcome as JSON on its last line.
"""

import json
import sys
import time
from datetime import date

import django

TIMEOUT = 120


def _wait(results: list) -> list:
    deadline = time.monotonic() + TIMEOUT
    for result in results:
        while not result.is_finished:
            if time.monotonic() > deadline:
                raise SystemExit(f"job {result.id} not finished within {TIMEOUT} s")
            time.sleep(0.05)
            result.refresh()
    return [result.return_value for result in results]


def main(step: str, *args: str) -> object:
    django.setup()
    from kliento.analytics.models import RollupFillPart
    from kliento.analytics.rollups import rollups_rebuild
    from kliento.analytics.tasks import rollup_part_fill_task, rollups_fill_spread_task
    from kliento.demo.generator import DemoPlan, build_demo

    if step == "build":
        summary = build_demo(DemoPlan(interactions=2000, weeks=16, seed=21,
                                      end=date(2026, 10, 12)))
        return summary.interactions
    if step == "spread":
        # Two coordinators at once: both plan, each part is sent by one of them only.
        return _wait([rollups_fill_spread_task.enqueue(args[0]) for _ in range(2)])
    if step == "resend":
        # As a redelivered message would: every part again, already done.
        return _wait([rollup_part_fill_task.enqueue(pk) for pk in
                      RollupFillPart.objects.order_by("pk").values_list("pk", flat=True)])
    if step == "rebuild":
        return rollups_rebuild(today=date.fromisoformat(args[0]))
    raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
