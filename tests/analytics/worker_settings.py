"""Settings for the Celery workers that the scale-out test starts: Kliento's own, from the
same environment variables, minding a Redis shared with other tests."""

from kliento.config.settings import *  # noqa: F403

CELERY_RESULT_EXPIRES = 300
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
