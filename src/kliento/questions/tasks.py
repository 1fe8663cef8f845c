"""Mining topics takes from seconds to a minute: it runs as its own job, never inside the
periodic sweeps or a page request."""

from django.tasks import task

from kliento.questions.models import MiningRun
from kliento.questions.services import mining_run_execute


@task()
def mining_run_task(run_id: int) -> str:
    run = MiningRun.objects.filter(pk=run_id).first()
    if run is None:
        return "gone"
    return mining_run_execute(run).status
