"""The Celery application, used only when ``KLIENTO_CELERY_BROKER_URL`` is set.

Tasks are written once with ``django.tasks``; the Celery backend registers each of them with
this app, and autodiscovery imports every app's ``tasks.py`` so that a worker knows them all.
``kliento worker`` starts it (``celery -A kliento.config.celery worker -B`` does the same).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")

app = Celery("kliento")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
