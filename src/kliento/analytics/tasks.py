"""The rollup fill as jobs, so that several workers (on several machines) share it: a
coordinator plans the parts and sends one job per part (:func:`rollups_fill_spread`)."""

from datetime import date

from django.tasks import TaskContext, task

from kliento.analytics.rollups import rollup_part_fill, rollups_fill_spread


@task(takes_context=True)
def rollup_part_fill_task(context: TaskContext, part_id: int) -> dict:
    # The worker's own name (Celery's "w1@host", or the database worker's id) is recorded
    # on the part.
    worker_ids = context.task_result.worker_ids
    return rollup_part_fill(part_id, worker_ids[-1] if worker_ids else None)


@task()
def rollups_fill_spread_task(today: str | None = None) -> int:
    """Plan the fill and send its parts; ``today`` (ISO date) for a fixed clock."""
    return rollups_fill_spread(date.fromisoformat(today) if today else None)
