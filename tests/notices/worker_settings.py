"""Settings for the job workers that the kill tests start: Kliento's own, from the same
environment variables, with e-mail slow enough to kill a worker in the middle of a sweep."""

from kliento.config.settings import *  # noqa: F403
from kliento.config.settings import VAR_DIR

MAILERS = {"default": {
    "BACKEND": "tests.notices.slow_mail.SlowFileEmailBackend",
    "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
}}
# On a shared Redis: leave no results behind for long, and do not talk to other workers.
CELERY_RESULT_EXPIRES = 300
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
