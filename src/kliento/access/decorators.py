"""The page side of :mod:`kliento.access.policy`: a view declares the permission it needs."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login

from kliento.access.policy import authorize


def page_requires(permission: str) -> Callable:
    """Sign in first (redirect to the login page), then the role must hold ``permission``
    (403 otherwise). Object checks happen in the view with :func:`authorize`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            authorize(request.user, permission)
            return view(request, *args, **kwargs)

        guarded.required_permission = permission
        return guarded

    return decorator


def page_for_anyone_signed_in(view: Callable) -> Callable:
    """For pages every role may open (the home redirect, the user's own notices)."""
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    guarded.required_permission = None
    return guarded
