"""Authentication for the API: personal tokens (``Authorization: Bearer klt_…``) and, for the
dashboard and signed-in people, the browser session."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, session

from kliento.access.policy import authorize
from kliento.accounts.models import User
from kliento.accounts.services import api_token_user


class TokenRefused(AuthenticationError):
    """A token was sent and is unknown, revoked or belongs to a deactivated user."""


class ApiTokenAuth(HttpBearer):
    """A personal token; with ``permission``, its user's role must hold it (403 otherwise),
    checked before the request's body is read."""

    def __init__(self, permission: str | None = None) -> None:
        self.permission = permission
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is None:
            # Refuse now rather than fall back to the session: a script with a bad token
            # must not quietly run as whoever is signed in in the same browser.
            raise TokenRefused(message=_(
                "This API token is unknown or revoked, or its user is deactivated. Create a "
                "new one with `kliento api-token create USERNAME`."))
        request.user = user
        # The audit trail names the token (by its public prefix) beside its user.
        request.api_token_prefix = token[len("klt_"):][:8]
        if self.permission:
            authorize(user, self.permission)
        return user


class SessionAuth(session.SessionAuth):  # the name is the scheme's in the OpenAPI document
    """The browser session, for the dashboard's scripts and signed-in people. Nobody signed
    in is simply not authenticated — a 401 that says how to get in — rather than failing
    ninja's CSRF check with a 403 before anyone is known."""

    def __init__(self, permission: str | None = None) -> None:
        self.permission = permission
        super().__init__()

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if not request.user.is_authenticated:
            return None
        if self.permission:
            authorize(request.user, self.permission)
        return request.user


def requires(permission: str) -> list:
    """The ``auth=`` of an operation: a token or a session, whose user's role holds
    ``permission``. Object checks follow in the operation with
    :func:`kliento.access.policy.authorize`."""
    return [ApiTokenAuth(permission), SessionAuth(permission)]


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


def permission_denied(request: HttpRequest, exc: PermissionDenied, *,
                      api: NinjaAPI) -> HttpResponse:
    """403: known, but the role does not allow this."""
    return api.create_response(request, {"detail": _(
        "Your role does not allow this. Ask a manager to give you the role that does.")},
        status=403)
