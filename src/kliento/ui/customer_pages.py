"""The language of the pages customers open from a link (no login, no language prefix):
what they picked in the switcher, else what we know they prefer, else what their browser
asks for. ui/public_base.html shows the switcher."""

from django.conf import settings
from django.utils import translation


def customer_page_language(request, preferred: str | None) -> str:
    """``preferred``: the customer's own language when the link is known, else ``None``."""
    asked = request.POST.get("lang") or request.GET.get("lang")
    if asked in {code for code, _name in settings.LANGUAGES}:
        return asked
    return preferred or translation.get_language_from_request(request)
