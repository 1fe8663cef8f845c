"""``kliento api-token create|list|revoke``: personal API tokens.

The hyphen in the command's name comes from this file's name: Django lists a command per
module in ``commands/`` and imports it with ``import_module``, neither of which needs the name
to be a Python identifier, so neither `kliento` (cli.py) nor anything else needs an alias.
Nothing imports this module by a statement.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.accounts.models import ApiToken, User
from kliento.accounts.selectors import api_token_find, api_token_list
from kliento.accounts.services import api_token_create, api_token_revoke


def _user(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(_("No user is named “%(username)s” (usernames are case-sensitive).")
                           % {"username": username}) from None


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class Command(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse needs real strings, not lazy ones: translate when the parser is built.
        self.help = _("Create, list and revoke personal API tokens for /api/v1/.")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help=_("make a token for a user and print it once"))
        create.add_argument("username")
        create.add_argument("--name", default="", help=_("what the token is for, shown in lists"))
        listing = actions.add_parser("list", help=_("show tokens (never the tokens themselves)"))
        listing.add_argument("username", nargs="?", help=_("only this user's tokens"))
        revoke = actions.add_parser("revoke", help=_("stop a token working, named by its prefix"))
        revoke.add_argument("prefix", help=_("as `list` shows it, e.g. klt_Ab3dE6gH"))

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, username, name, **options):
        user = _user(username)
        if not user.is_active:
            raise CommandError(_("The user “%(username)s” is deactivated; their tokens would "
                                 "not work.") % {"username": username})
        _token, raw = api_token_create(user=user, name=name)
        # The token alone on stdout, so `kliento api-token create bob > token` keeps only it.
        self.stdout.write(raw)
        self.stderr.write(_("Send it as `Authorization: Bearer <token>`. It is not stored and "
                            "will not be shown again."), style_func=self.style.WARNING)

    def _list(self, *, username, **options):
        tokens = api_token_list(user=_user(username) if username else None)
        rows = [(_("prefix"), _("name"), _("user"), _("created"), _("last used"),
                 _("revoked"))]
        rows += [(f"{ApiToken.SCHEME}{token.prefix}", token.name or "—", token.user.username,
                  _when(token.created_at), _when(token.last_used_at), _when(token.revoked_at))
                 for token in tokens]
        if len(rows) == 1:
            self.stdout.write(_("No API tokens."))
            return
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(width)
                                        for cell, width in zip(row, widths, strict=True)).rstrip())

    def _revoke(self, *, prefix, **options):
        matches = list(api_token_find(prefix).filter(revoked_at__isnull=True)
                       .select_related("user"))
        if not matches:
            raise CommandError(_("No working token has the prefix “%(prefix)s”; "
                                 "`kliento api-token list` shows them.") % {"prefix": prefix})
        if len(matches) > 1:
            # 48 random bits make this all but impossible; never guess which one was meant.
            raise CommandError(_("%(count)d tokens share the prefix “%(prefix)s”; revoke the "
                                 "right one in the admin.") % {"count": len(matches),
                                                                "prefix": prefix})
        (token,) = matches
        api_token_revoke(token)
        self.stdout.write(_("Revoked %(token)s of %(username)s.")
                          % {"token": f"{ApiToken.SCHEME}{token.prefix}",
                             "username": token.user.username})
