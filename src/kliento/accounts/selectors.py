"""Reads for accounts."""

from django.db.models import QuerySet

from kliento.accounts.models import ApiToken, User


def api_token_list(*, user: User | None = None) -> QuerySet[ApiToken]:
    tokens = (ApiToken.objects.select_related("user", "role")
              .order_by("user__username", "-created_at"))
    return tokens if user is None else tokens.filter(user=user)


def api_token_find(prefix: str) -> QuerySet[ApiToken]:
    """Tokens by their shown prefix; ``klt_abcd1234`` and ``abcd1234`` both match."""
    return ApiToken.objects.filter(prefix=prefix.removeprefix(ApiToken.SCHEME)
                                   [:ApiToken.PREFIX_LENGTH])
