"""The demo's e-mailed links point where the demo serves (the worker used to write :8000)."""

from kliento.demo.management.commands.demo import demo_public_url


def test_the_links_use_the_port_the_demo_serves_on(monkeypatch):
    monkeypatch.delenv("KLIENTO_PUBLIC_URL", raising=False)
    assert demo_public_url("127.0.0.1", 8122) == "http://127.0.0.1:8122"


def test_an_explicit_public_address_wins(monkeypatch):
    monkeypatch.setenv("KLIENTO_PUBLIC_URL", "https://cx.example.lt")
    assert demo_public_url("127.0.0.1", 8122) == "https://cx.example.lt"
