"""A real HTTP receiver on loopback for the webhook tests, and the surveys' shared data."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.surveys.conftest import call, invited, survey  # noqa: F401 - shared fixtures


class Receiver(BaseHTTPRequestHandler):
    calls: list[tuple[dict, bytes]] = []
    replies: list[int] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).calls.append((dict(self.headers), body))
        status = type(self).replies.pop(0) if type(self).replies else 200
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/elsewhere")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_receivers_allowed(settings):
    """The test receiver listens on loopback, which webhooks may reach only when allowed."""
    settings.KLIENTO_WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture
def receiver(local_receivers_allowed):
    Receiver.calls, Receiver.replies = [], []
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", Receiver
    server.shutdown()
