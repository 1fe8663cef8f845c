"""When topics are mined again, and placing new texts in between: called by the periodic
sweeps (:mod:`kliento.jobs.services`) and by the manager's "mine again" button."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.questions.models import MiningRun, Source
from kliento.questions.services import MIN_TEXTS, texts_to_mine, topics_assign_new
from kliento.questions.tasks import mining_run_task

REMINE_AFTER_DAYS = 7  # KLIENTO_TOPICS_REMINE_DAYS overrides
RETRY_FAILED_AFTER = timedelta(hours=6)
MAX_CLUSTERS = 500


def mining_run_request(source: str, *, user=None, clusters: int | None = None,
                       now: datetime | None = None) -> MiningRun | None:
    """Queue a mining of ``source`` as a job; ``None`` when one is already waiting or
    running (the unique constraint decides, so two requests at once make one run)."""
    if source not in Source.values:
        raise ValidationError({"source": _("Unknown source %(source)s.") % {"source": source}})
    if clusters is not None and not 2 <= clusters <= MAX_CLUSTERS:
        raise ValidationError({"clusters": _("The number of topics must be between 2 and "
                                             "%(n)s.") % {"n": MAX_CLUSTERS}})
    try:
        with transaction.atomic():
            run = MiningRun.objects.create(source=source, requested_at=now or timezone.now(),
                                           requested_by=user, clusters_asked=clusters)
    except IntegrityError:
        return None
    transaction.on_commit(lambda: mining_run_task.enqueue(run.pk), robust=True)
    return run


def _remine_due(source: str, now: datetime) -> bool:
    latest = MiningRun.objects.filter(source=source).order_by("-requested_at", "-pk").first()
    if latest is None:
        return True
    if latest.status in (MiningRun.Status.QUEUED, MiningRun.Status.RUNNING):
        return False
    if latest.status == MiningRun.Status.FAILED:
        return latest.requested_at <= now - RETRY_FAILED_AFTER
    days = getattr(settings, "KLIENTO_TOPICS_REMINE_DAYS", REMINE_AFTER_DAYS)
    return (latest.finished_at or latest.requested_at) <= now - timedelta(days=days)


def topics_sweep(*, now: datetime | None = None) -> int:
    """Queue a new mining of a source when its last one is older than a week (or failed
    hours ago) and there is enough to mine; place new texts in the current topics. Returns
    the texts placed. Safe to run every minute: each step is idempotent."""
    now = now or timezone.now()
    placed = 0
    for source in Source.values:
        if _remine_due(source, now) and len(texts_to_mine(source, now, MIN_TEXTS).ids) >= MIN_TEXTS:
            mining_run_request(source, now=now)
        placed += topics_assign_new(source, now=now)
    return placed
