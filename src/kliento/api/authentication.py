"""Authentication for the API: personal tokens (``Authorization: Bearer klt_…``) and, for the
dashboard and signed-in people, the browser session."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from kliento.accounts.models import User
from kliento.accounts.services import api_token_user


class TokenRefused(AuthenticationError):
    """A token was sent and is unknown, revoked or belongs to a deactivated user."""


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is None:
            # Refuse now rather than fall back to the session: a script with a bad token
            # must not quietly run as whoever is signed in in the same browser.
            raise TokenRefused(message=_(
                "This API token is unknown or revoked, or its user is deactivated. Create a "
                "new one with `kliento api-token create USERNAME`."))
        request.user = user
        return user


def authentication_failed(request: HttpRequest, exc: AuthenticationError, *,
                          api: NinjaAPI) -> HttpResponse:
    """401 with a body that says how to get in (ninja's own says only "Unauthorized")."""
    detail = str(exc) if isinstance(exc, TokenRefused) else _(
        "Authentication required: send a personal API token as `Authorization: Bearer "
        "<token>` (create one with `kliento api-token create USERNAME`), or sign in to "
        "Kliento in this browser.")
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="kliento"'  # RFC 6750
    return response
