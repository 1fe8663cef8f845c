"""Pages that show customers' data are never kept by a shared cache, nor by the browser
after the person signs out: ``Cache-Control: private, no-store`` on every response to a
signed-in person and on the customers' own link pages."""

from django.utils.cache import patch_cache_control

# A survey, a promise's status, unsubscribing, a customer's defect report.
LINK_PAGE_PREFIXES = ("/s/", "/p/", "/u/", "/d/")


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The path first: the customers' pages must not touch the session (they set no
        # cookie, and would otherwise vary by one).
        if request.path.startswith(LINK_PAGE_PREFIXES) or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
