from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: manager, team lead, agent or auditor.

    A project-owned user model from day one, so that later fields need no swap.
    """

    # Set for one request by the API's token authentication when the token is scoped to a
    # role: the permissions that role holds. Every authorisation question (``has_perm``, and
    # so ``kliento.access``'s may/authorize/visible and the reach backend) then answers yes
    # only for what both the person and the role may — never more than either.
    token_scope: frozenset[str] | None = None

    def has_perm(self, perm: str, obj=None) -> bool:
        if self.token_scope is not None and perm not in self.token_scope:
            return False
        return super().has_perm(perm, obj)

    def get_all_permissions(self, obj=None) -> set[str]:
        permissions = super().get_all_permissions(obj)
        return permissions if self.token_scope is None else permissions & self.token_scope


class ApiToken(models.Model):
    """A personal API token, sent as ``Authorization: Bearer klt_…``.

    Only the SHA-256 digest of the token is stored. A fast hash is right here (unlike for
    passwords): the token carries 256 random bits, so there is nothing to guess, and a leaked
    database yields no working tokens. The prefix is not secret; it names the token in lists.
    """

    SCHEME = "klt_"
    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True,
                            help_text=_("What the token is for, e.g. the script that uses it."))
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, db_index=True,
                              help_text=_("The first characters after “klt_”, to recognise "
                                          "the token; not secret."))
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True)
    # PROTECT: deleting the role must not quietly widen its tokens to everything their
    # person may do.
    role = models.ForeignKey(
        "auth.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("role"),
        help_text=_("The token may do at most what this role allows (and what its person "
                    "may). Empty: everything its person may do."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.SCHEME}{self.prefix}… ({self.name or self.user})"
