"""``kliento api-token create|list|revoke``."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kliento.accounts.models import ApiToken
from kliento.accounts.services import api_token_create, api_token_user
from kliento.cli import main as kliento
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def api_token(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api-token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_prints_the_token_once_and_stores_only_its_digest():
    rasa = UserFactory(username="rasa")
    out, err = api_token("create", "rasa", "--name", "CRM sync")
    raw = out.strip()
    assert out == f"{raw}\n"  # the token alone, so `> file` keeps just it
    assert raw.startswith("klt_")
    assert "Authorization: Bearer <token>" in err and raw not in err
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (rasa, "CRM sync")
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert api_token_user(raw) == rasa
    # Neither the token nor its secret part is anywhere in the table.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert raw not in stored and raw.removeprefix("klt_") not in stored


# The console script closes database connections when it finishes, as a command-line run
# should; on PostgreSQL that would end the test's wrapping transaction, so this test commits.
@pytest.mark.django_db(transaction=True)
def test_the_kliento_command_knows_api_token(capsys):
    UserFactory(username="rasa")
    kliento(["api-token", "create", "rasa"])
    raw = capsys.readouterr().out.strip()
    assert api_token_user(raw).username == "rasa"


def test_an_unknown_user_is_named():
    with pytest.raises(CommandError, match="No user is named “nobody”"):
        api_token("create", "nobody")
    with pytest.raises(CommandError, match="No user is named “nobody”"):
        api_token("list", "nobody")
    assert not ApiToken.objects.exists()


def test_a_deactivated_user_gets_no_token():
    UserFactory(username="left", is_active=False)
    with pytest.raises(CommandError, match="deactivated"):
        api_token("create", "left")
    assert not ApiToken.objects.exists()


def test_list_shows_what_identifies_a_token_but_never_the_token():
    rasa, jonas = UserFactory(username="rasa"), UserFactory(username="jonas")
    rasas, rasas_raw = api_token_create(user=rasa, name="CRM sync")
    jonass, jonass_raw = api_token_create(user=jonas, name="")
    out, _err = api_token("list")
    header, *rows = out.splitlines()
    assert header.split() == ["prefix", "name", "user", "created", "last", "used", "revoked"]
    assert len(rows) == 2
    assert f"klt_{rasas.prefix}" in out and "CRM sync" in out and "rasa" in out
    assert f"klt_{jonass.prefix}" in out and "jonas" in out
    assert rasas_raw not in out and jonass_raw not in out
    only_rasa, _err = api_token("list", "rasa")
    assert f"klt_{rasas.prefix}" in only_rasa and f"klt_{jonass.prefix}" not in only_rasa


def test_list_without_tokens_says_so():
    assert api_token("list")[0] == "No API tokens.\n"


@pytest.mark.parametrize("shown", ["with-scheme", "bare"])
def test_revoke_by_prefix_stops_the_token(shown):
    rasa = UserFactory(username="rasa")
    token, raw = api_token_create(user=rasa, name="")
    other, other_raw = api_token_create(user=rasa, name="")
    prefix = f"klt_{token.prefix}" if shown == "with-scheme" else token.prefix
    out, _err = api_token("revoke", prefix)
    assert out == f"Revoked klt_{token.prefix} of rasa.\n"
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_user(raw) is None
    assert api_token_user(other_raw) == rasa  # only the one named
    rows = {line.split()[0]: line for line in api_token("list")[0].splitlines()[1:]}
    assert not rows[f"klt_{token.prefix}"].endswith("—")  # the revoked column has a date
    assert rows[f"klt_{other.prefix}"].endswith("—")
    with pytest.raises(CommandError, match="No working token has the prefix"):
        api_token("revoke", prefix)


def test_revoke_of_an_unknown_prefix_changes_nothing():
    token, _raw = api_token_create(user=UserFactory(), name="")
    with pytest.raises(CommandError, match="`kliento api-token list` shows them"):
        api_token("revoke", "klt_zzzzzzzz")
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_bare_prefix_never_reads_as_an_option(monkeypatch):
    # token_urlsafe starts with "-" once in 64 draws; such a prefix, typed bare, would be taken
    # for an option by the command line (CI once drew one), so those draws are thrown back.
    draws = iter(["-Ab3dE6gHrest", "_Zx9Ab3dE6rest"])
    monkeypatch.setattr("kliento.accounts.services.secrets.token_urlsafe",
                        lambda nbytes: next(draws))
    token, raw = api_token_create(user=UserFactory(username="rasa"), name="")
    assert (token.prefix, raw) == ("_Zx9Ab3d", "klt__Zx9Ab3dE6rest")
    out, _err = api_token("revoke", token.prefix)
    assert out == "Revoked klt__Zx9Ab3d of rasa.\n"
