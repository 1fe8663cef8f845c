"""Kliento settings: one module, driven by environment variables.

Defaults give the embedded demo (SQLite under ./var/, in-process everything); production points
``DATABASE_URL`` at PostgreSQL and sets ``KLIENTO_SECRET_KEY`` and ``KLIENTO_ALLOWED_HOSTS``.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KLIENTO_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def private_directory(path: Path) -> None:
    """Made readable by the server's user alone (0700): ./var/ holds the key, the SQLite
    database and the mail the demo writes."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid():
        path.chmod(0o700)


def private_file(path: Path) -> None:
    """Created empty with mode 0600 before SQLite opens it: SQLite would create it (and its
    -wal and -shm files, which copy the database's mode) readable by everyone."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if path.stat().st_uid == os.getuid():
        path.chmod(0o600)


def secret_key_from_env_or_var_dir() -> str:
    """The demo generates its own key once and keeps it under ./var/; production passes one in."""
    if key := os.environ.get("KLIENTO_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    private_directory(VAR_DIR)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


DEBUG = env_bool("KLIENTO_DEBUG", False)
SECRET_KEY = secret_key_from_env_or_var_dir()
ALLOWED_HOSTS = env_list("KLIENTO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("KLIENTO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "axes",
    "simple_history",
    "kliento.audit_trail",
    "kliento.accounts",
    "kliento.access",
    "kliento.organisation",
    "kliento.customers",
    "kliento.interactions",
    "kliento.promises",
    "kliento.audits",
    "kliento.surveys",
    "kliento.recovery",
    "kliento.defects",
    "kliento.occasions",
    "kliento.analytics",
    "kliento.alerts",
    "kliento.ui",
    "kliento.imports",
    "kliento.webhooks",
    "kliento.demo",
    "kliento.notices",
    "kliento.jobs",
    "kliento.workforce",
    "kliento.questions",
    "kliento.privacy",
    "kliento.people",
    "kliento.orders",
    "kliento.journeys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kliento.config.unstorable_input.UnstorableInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Keeps the request for the audit trail: who changed what, through which door.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "kliento.config.private_pages.PrivatePagesMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kliento.config.urls"
WSGI_APPLICATION = "kliento.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "analytics:dashboard"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # every template lives with its app; shared ones in kliento.ui
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kliento.ui.navigation.navigation",
            ],
        },
    },
]

DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'kliento.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE_URL), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dashboard read while the demo loader or a job writes; IMMEDIATE avoids
    # "database is locked" upgrades when two writers meet.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000; PRAGMA cache_size=-64000;",
        "transaction_mode": "IMMEDIATE",
    }
    private_directory(VAR_DIR)
    if DATABASES["default"]["NAME"] and DATABASES["default"]["NAME"] != ":memory:":
        private_directory(Path(DATABASES["default"]["NAME"]).parent)
        private_file(Path(DATABASES["default"]["NAME"]))
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "KLIENTO_DB_PREPARED_STATEMENTS", True):
    # Django leaves psycopg's prepared statements off; only the survey submission's two
    # statements ask for them (kliento.database.prepared), so PostgreSQL plans them once
    # per connection. False for a pooler that cannot keep them (PgBouncer in transaction
    # mode before 1.21): they then run unprepared.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Password guessing is throttled (django-axes, kliento.accounts.sign_in_throttle): after
# KLIENTO_SIGN_IN_FAILURE_LIMIT failed sign-ins for one account, or from one address, within
# the cool-off, that account or address is refused for KLIENTO_SIGN_IN_COOL_OFF_MINUTES.
# Behind reverse proxies, KLIENTO_PROXY_COUNT says how many, so the client's own address is
# read from X-Forwarded-For instead of the proxy's.
AUTHENTICATION_BACKENDS = [
    "kliento.accounts.sign_in_throttle.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    "kliento.access.backend.ReachBackend",  # has_perm(permission, obj): role and reach
]
AXES_FAILURE_LIMIT = int(os.environ.get("KLIENTO_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KLIENTO_SIGN_IN_COOL_OFF_MINUTES",
                                                         "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Not reset by a successful sign-in: axes would also forget the address's failures against
# other accounts, so an insider could guess on between sign-ins of their own.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "kliento.accounts.sign_in_throttle.locked_out_page"
AXES_CLIENT_IP_CALLABLE = "kliento.accounts.sign_in_throttle.client_address"
AXES_DISABLE_ACCESS_LOG = True  # failures are what is counted; successes need no table
KLIENTO_PROXY_COUNT = int(os.environ.get("KLIENTO_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kliento.formats"]
USE_I18N = True
USE_TZ = True
# The organisation's time zone: weeks and days on the dashboard start at its midnight.
TIME_ZONE = os.environ.get("KLIENTO_TIME_ZONE", "Europe/Vilnius")
# Whose public holidays the staffing forecast leaves out of its training (lt, lv, pl, …).
WORKFORCE_HOLIDAY_COUNTRY = os.environ.get("KLIENTO_HOLIDAY_COUNTRY", "lt")

STATIC_URL = "static/"
# Served from the installed package by WhiteNoise; `collectstatic` needs KLIENTO_STATIC_ROOT.
STATIC_ROOT = os.environ.get("KLIENTO_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# The customers' links carry their key in the path (/s/<token>/, /p/<token>/): every log
# line masks it, the development server's request lines included (gunicorn's access log is
# masked by kliento.config.gunicorn's logger class).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"link_tokens_masked": {"()": "kliento.config.access_log.LinkTokenFilter"}},
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter",
                                     "format": "[{server_time}] {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["link_tokens_masked"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server",
                          "filters": ["link_tokens_masked"]},
    },
    "loggers": {"django.server": {"handlers": ["django.server"], "level": "INFO",
                                  "propagate": False}},
    "root": {"handlers": ["console"], "level": os.environ.get("KLIENTO_LOG_LEVEL", "WARNING")},
}

# Production behind TLS (KLIENTO_HTTPS=true): HTTPS only, remembered by browsers (HSTS), and
# cookies never sent in clear. The TLS proxy in front must set X-Forwarded-Proto (and drop
# one sent by the client). KLIENTO_HSTS_PRELOAD=true asks browsers to hard-code the domain:
# a commitment for months, so the deployer opts in.
KLIENTO_HTTPS = env_bool("KLIENTO_HTTPS", False)
if KLIENTO_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer's plain-HTTP probe
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("KLIENTO_HSTS_SECONDS", str(365 * 86400)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KLIENTO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("KLIENTO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # preload left off on purpose (above)
SECURE_REFERRER_POLICY = "same-origin"  # the customers' links never leave in a Referer

# Content-Security-Policy on every page: scripts, styles, images and connections from this
# server only, no inline scripts. Inline style *attributes* stay allowed for the bars whose
# width is the measure (style="width: 42%"); they cannot run code nor reach another host.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Where customers reach the public pages (survey links in e-mails, QR codes in the store).
KLIENTO_PUBLIC_URL = os.environ.get("KLIENTO_PUBLIC_URL", "http://localhost:8000")
# The owner's language, for the monthly report and the alert digests (the site's when empty).
KLIENTO_REPORT_LANGUAGE = os.environ.get("KLIENTO_REPORT_LANGUAGE", "")
# A customer is asked for feedback at most once in this many days, whatever the survey.
KLIENTO_SURVEY_QUIET_DAYS = int(os.environ.get("KLIENTO_SURVEY_QUIET_DAYS", "14"))
# A promise's status link works while the promise is open and this many days after it was
# due or closed, whichever is later; then it shows that it has expired.
KLIENTO_PROMISE_LINK_DAYS = int(os.environ.get("KLIENTO_PROMISE_LINK_DAYS", "60"))
# Webhooks reach public addresses only; on-premise receivers inside the network are allowed
# here by host name (comma-separated, e.g. "crm.internal,10.0.0.7").
KLIENTO_WEBHOOK_ALLOWED_HOSTS = env_list("KLIENTO_WEBHOOK_ALLOWED_HOSTS", "")
# The largest file the import page takes, in bytes (100 MB); `kliento import` has no limit.
KLIENTO_UPLOAD_MAX_BYTES = int(os.environ.get("KLIENTO_UPLOAD_MAX_BYTES", str(100 * 1024**2)))

# E-mail: SMTP when KLIENTO_EMAIL_HOST is set; otherwise every message is written to a file
# under ./var/mail/ so the demo can show what a customer would receive.
DEFAULT_FROM_EMAIL = os.environ.get("KLIENTO_FROM_EMAIL", "Kliento <kliento@localhost>")
if os.environ.get("KLIENTO_EMAIL_HOST"):
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ["KLIENTO_EMAIL_HOST"],
            "port": int(os.environ.get("KLIENTO_EMAIL_PORT", "587")),
            "username": os.environ.get("KLIENTO_EMAIL_USER", ""),
            "password": os.environ.get("KLIENTO_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("KLIENTO_EMAIL_TLS", True),
        },
    }}
else:
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }}

# Background jobs (django.tasks): the database is the queue by default, worked by
# `kliento worker`. With KLIENTO_CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) the same
# tasks go to Celery instead, results kept on the same Redis; `kliento worker` then starts a
# Celery worker with beat. Either way the periodic sweeps (reminders, escalations, survey
# invitations) run every KLIENTO_JOBS_INTERVAL_SECONDS, and `kliento jobs run-due` runs them
# once, e.g. from cron.
KLIENTO_JOBS_INTERVAL_SECONDS = int(os.environ.get("KLIENTO_JOBS_INTERVAL_SECONDS", "60"))
# The owner of an open promise is reminded this long before it falls due.
KLIENTO_PROMISE_REMINDER_LEAD_MINUTES = int(
    os.environ.get("KLIENTO_PROMISE_REMINDER_LEAD_MINUTES", "120"))
# A promise handed to a colleague that they have not acknowledged this long after the
# handover escalates to their team lead, once.
KLIENTO_PROMISE_HANDOVER_ACK_HOURS = int(
    os.environ.get("KLIENTO_PROMISE_HANDOVER_ACK_HOURS", "4"))
# A recovery case nobody has contacted by its due time reminds its owner then; this long
# after the due time it escalates to the owner's team lead, once.
KLIENTO_RECOVERY_ESCALATION_HOURS = int(
    os.environ.get("KLIENTO_RECOVERY_ESCALATION_HOURS", "24"))
if CELERY_BROKER_URL := os.environ.get("KLIENTO_CELERY_BROKER_URL"):
    TASKS = {"default": {
        "BACKEND": "django_tasks_celery.CeleryBackend",
        "OPTIONS": {"CELERY_APP": "kliento.config.celery.app"},
    }}
    CELERY_RESULT_BACKEND = os.environ.get("KLIENTO_CELERY_RESULT_URL", CELERY_BROKER_URL)
    CELERY_RESULT_EXTENDED = True  # lets django.tasks look a result up by its id
    CELERY_RESULT_EXPIRES = 7 * 86400
    # One queue per installation, so that several can share a Redis.
    CELERY_TASK_DEFAULT_QUEUE = os.environ.get("KLIENTO_CELERY_QUEUE", "kliento")
    # Acknowledge a job once it has run, so that one taken by a worker that dies is delivered
    # again (at once if a pool process dies; after Redis's visibility timeout, an hour, if
    # the whole worker does). Every job is idempotent, so a rerun is harmless.
    CELERY_TASK_ACKS_LATE = True
    CELERY_TASK_REJECT_ON_WORKER_LOST = True
    CELERY_WORKER_PREFETCH_MULTIPLIER = 1
    CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
    CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
    CELERY_TIMEZONE = TIME_ZONE
    # Beat sends the sweeps; one that waited longer than an interval is dropped, as the next
    # is on its way (after a worker outage they would otherwise all run back to back).
    CELERY_BEAT_SCHEDULE = {"periodic-sweeps": {
        "task": "kliento.jobs.tasks.run_periodic_sweeps",
        "schedule": KLIENTO_JOBS_INTERVAL_SECONDS,
        "options": {"expires": KLIENTO_JOBS_INTERVAL_SECONDS},
    }}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The periodic rollup fill: in the sweep itself, or (on) planned by month of buckets and sent
# as one job per part, so that every worker, on every machine, takes a share
# (docs/scale-out.md). On by default with Celery.
KLIENTO_ROLLUPS_SPREAD = env_bool("KLIENTO_ROLLUPS_SPREAD",
                                  bool(os.environ.get("KLIENTO_CELERY_BROKER_URL")))

# API lists page with `@paginate`: 100 items by default, at most 1,000, bounded offsets.
NINJA_PAGINATION_CLASS = "kliento.api.pagination.BoundedLimitOffsetPagination"
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000
