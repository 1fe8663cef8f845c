"""One path, methods from several apps: ``GET /customers`` is the customers app's list,
``POST /customers`` the imports app's push.

Ninja makes a Django URL pattern per router and path, and Django stops at the first pattern
whose path matches, whatever the method — so the second router's method would be answered
405 (vitalik/django-ninja#1546). Here each such path is served by one view that hands the
request to the first of the path's views that accepts its method.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern
from ninja import NinjaAPI


class PathSharingNinjaAPI(NinjaAPI):
    """A NinjaAPI whose routers may share a path, each with its own methods."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        return share_paths(patterns), app_name, namespace


def share_paths(patterns: list) -> list:
    """The same patterns (names kept, for ``reverse``), those of a path with more than one
    view each given the view that tries them all."""
    views: dict[str, list[Callable]] = {}
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            views.setdefault(str(pattern.pattern), []).append(pattern.callback)
    shared = {route: _by_method(callbacks) for route, callbacks in views.items()
              if len(callbacks) > 1}
    return [
        URLPattern(pattern.pattern, shared[str(pattern.pattern)], pattern.default_args,
                   pattern.name)
        if isinstance(pattern, URLPattern) and str(pattern.pattern) in shared else pattern
        for pattern in patterns
    ]


def _by_method(views: list[Callable]) -> Callable:
    def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        allowed: set[str] = set()
        for candidate in views:
            # A ninja view refuses a method it has no operation for before it reads the
            # request (no parsing, no authentication), so asking the next one is safe.
            response = candidate(request, *args, **kwargs)
            if not isinstance(response, HttpResponseNotAllowed):
                return response
            allowed.update(method.strip() for method in response["Allow"].split(","))
        return HttpResponseNotAllowed(sorted(allowed), content=b"Method not allowed")

    view.csrf_exempt = True  # as ninja's own views: session requests are checked by its auth
    return view
