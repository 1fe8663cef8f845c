"""Customers' links carry their key in the path (``/s/<token>/`` for a survey,
``/p/<token>/`` for a promise's status, ``/u/<token>/`` to unsubscribe): whoever reads a log
must not be able to open them.
Every log line and gunicorn's access log show ``/s/<token>/`` instead."""

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

from kliento.config.private_pages import LINK_PAGE_PREFIXES

# The path segment after a link page's prefix (/s/, /p/, /u/) at the start of a path: after a
# space or a quote (a request line), at the start of the text, or after a scheme and host (a
# Referer).
_PREFIXES = "|".join(re.escape(prefix) for prefix in LINK_PAGE_PREFIXES)
LINK_TOKEN = re.compile(rf"""((?:^|(?<=[\s"'])|[a-z]+://[^/\s"']+)(?:{_PREFIXES}))[^/\s?#"']+""")


def link_tokens_masked(text: str) -> str:
    return LINK_TOKEN.sub(r"\1<token>", text)


class LinkTokenFilter(logging.Filter):
    """Masks the links' tokens in a record's message (formatted here, with its arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = link_tokens_masked(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class TokenMaskingGunicornLogger(GunicornLogger):
    """gunicorn's logger whose access log masks the tokens in the request line, the path,
    the Referer and every other field."""

    def atoms(self, resp, req, environ, request_time):
        return {name: link_tokens_masked(value) if isinstance(value, str) else value
                for name, value in super().atoms(resp, req, environ, request_time).items()}
