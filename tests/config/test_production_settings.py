"""What a deployer turns on: HTTPS everywhere with KLIENTO_HTTPS, a Content-Security-Policy
on every page, no caching of signed-in pages, a private ./var/, and `check --deploy` clean
with the production environment the README documents."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from kliento.access.roles import Role
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
# The production environment of README's "Running in production" section.
PRODUCTION_ENVIRONMENT = {
    "DATABASE_URL": "postgres://kliento@localhost:5432/kliento",
    "KLIENTO_SECRET_KEY": "k" * 10 + "-7Qw9zXc2Vb4Nm6Lp8Rt0Ys3Ua5Ie7Oo1Hg3Jf5Kd7Ls9",
    "KLIENTO_ALLOWED_HOSTS": "kliento.example.com",
    "KLIENTO_HTTPS": "true",
    "KLIENTO_EMAIL_HOST": "smtp.example.com",
}


def run_python(code: str, environment: dict[str, str], tmp_path: Path):
    """Settings are read once per process: each environment gets a process of its own."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KLIENTO_", "DATABASE_URL"))}
    env |= {"DJANGO_SETTINGS_MODULE": "kliento.config.settings",
            "KLIENTO_VAR_DIR": str(tmp_path / "var"), **environment}
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, text=True,
                          capture_output=True, timeout=120, check=False)


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    done = run_python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        PRODUCTION_ENVIRONMENT, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def settings_in(environment: dict[str, str], tmp_path: Path) -> dict:
    names = ["SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE",
             "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    done = run_python(
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))",
        environment, tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_https_mode_turns_on_hsts_secure_cookies_the_redirect_and_the_proxy_header(tmp_path):
    assert settings_in(PRODUCTION_ENVIRONMENT, tmp_path) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True}
    # The demo on plain http://localhost keeps working without it.
    demo = settings_in({}, tmp_path)
    assert (demo["SECURE_SSL_REDIRECT"], demo["SESSION_COOKIE_SECURE"],
            demo["SECURE_HSTS_SECONDS"]) == (False, False, 0)


def test_var_and_the_sqlite_database_are_readable_by_the_server_user_alone(tmp_path):
    # The -wal file exists while a connection is open: its mode is read from inside.
    done = run_python(
        "import django, os, stat; django.setup(); from django.db import connection; "
        "connection.cursor().execute('create table t (x)'); "
        "print(oct(stat.S_IMODE(os.stat(connection.settings_dict['NAME'] + '-wal').st_mode)))",
        {}, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0o600"  # SQLite copies the database file's mode
    var = tmp_path / "var"

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(var) == 0o700
    assert mode(var / "kliento.sqlite3") == 0o600
    assert mode(var / "secret_key") == 0o600


def test_an_existing_world_readable_var_is_made_private(tmp_path):
    (tmp_path / "var").mkdir(mode=0o755)
    (tmp_path / "var" / "kliento.sqlite3").touch(mode=0o644)
    done = run_python("import django; django.setup()", {}, tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "var" / "kliento.sqlite3").stat().st_mode) == 0o600


# The Content-Security-Policy and caching, on pages.

@pytest.mark.django_db
def test_every_page_refuses_inline_and_third_party_scripts(client):
    user = UserFactory(username="ona", role=Role.AGENT)
    pages = [client.get(reverse("login")), client.get("/api/v1/docs"),
             client.get("/p/unknown-token/")]
    client.force_login(user)
    pages.append(client.get(reverse("recovery:list")))
    for page in pages:
        policy = page["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["default-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_signed_in_pages_are_not_kept_by_caches_or_the_browser(client):
    client.force_login(UserFactory(username="ona", role=Role.AGENT))
    page = client.get(reverse("recovery:list"))
    assert page.status_code == 200
    directives = {part.strip() for part in page["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.django_db
def test_the_customers_link_pages_are_not_kept_by_caches(client):
    page = client.get("/p/unknown-token/")
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    assert "Set-Cookie" not in page.headers and "Cookie" not in page.get("Vary", "")

