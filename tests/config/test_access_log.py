"""The customers' link tokens never reach a log: the development server's request lines,
Django's warnings about a path, and gunicorn's access log all show /s/<token>/."""

import logging
from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from kliento.config.access_log import TokenMaskingGunicornLogger, link_tokens_masked

TOKEN = "Xq3v9LmPz81KdWbYt0sR"


def formatted_by_handlers(logger_name: str, message: str, *args) -> list[str]:
    """What each handler the settings give this logger would write (filters applied)."""
    logger = logging.getLogger(logger_name)
    # The settings' handlers, not the ones pytest adds to capture logs.
    handlers = [handler for handler in (logger.handlers or logging.getLogger().handlers)
                if type(handler) is logging.StreamHandler]
    lines = []
    for handler in handlers:
        record = logger.makeRecord(logger_name, logging.INFO, __file__, 1, message, args, None)
        assert handler.filter(record)
        lines.append(handler.format(record))
    assert lines
    return lines


def test_the_development_servers_request_lines_hide_survey_and_promise_tokens():
    for path in (f"/s/{TOKEN}/", f"/s/{TOKEN}/draft", f"/p/{TOKEN}/?lang=lt"):
        for line in formatted_by_handlers("django.server", '"%s" %s %s',
                                          f"GET {path} HTTP/1.1", "200", "4120"):
            assert TOKEN not in line
            assert f'"GET {path.replace(TOKEN, "<token>")} HTTP/1.1" 200 4120' in line


def test_djangos_warnings_about_a_link_page_hide_the_token():
    for line in formatted_by_handlers("django.request", "Not Found: %s", f"/p/{TOKEN}/"):
        assert line.endswith("Not Found: /p/<token>/")


def test_other_paths_are_logged_unchanged():
    assert link_tokens_masked('"GET /static/ui/app.css HTTP/1.1" 200') == (
        '"GET /static/ui/app.css HTTP/1.1" 200')
    assert link_tokens_masked('"GET /lt/surveys/12/ HTTP/1.1"') == '"GET /lt/surveys/12/ HTTP/1.1"'


def test_gunicorns_access_log_hides_the_token_in_the_path_and_the_referer():
    logger = TokenMaskingGunicornLogger(Config())
    environ = {"REQUEST_METHOD": "POST", "RAW_URI": f"/s/{TOKEN}/draft",
               "PATH_INFO": f"/s/{TOKEN}/draft", "QUERY_STRING": "", "SERVER_PROTOCOL":
               "HTTP/1.1", "REMOTE_ADDR": "203.0.113.7",
               "HTTP_REFERER": f"https://kliento.example.com/s/{TOKEN}/"}
    response = SimpleNamespace(status="204", sent=0, headers=[])
    request = SimpleNamespace(headers=[("REFERER", f"https://kliento.example.com/s/{TOKEN}/")])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=12))
    line = Config().access_log_format % atoms
    assert TOKEN not in line and TOKEN not in repr(atoms)
    assert '"POST /s/<token>/draft HTTP/1.1" 204' in line
    assert '"https://kliento.example.com/s/<token>/"' in line
