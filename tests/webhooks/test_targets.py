"""Which target addresses a subscription may have."""

from __future__ import annotations

import pytest

from tuntas.webhooks.targets import TargetRefused, check_url


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.org/x",  # plain http in production
        "ftp://hooks.example.org/x",
        "https://127.0.0.1/x",
        "https://10.1.2.3/x",
        "https://192.168.0.5:8443/x",
        "https://169.254.169.254/latest/meta-data",  # cloud metadata
        "https://[::1]/x",
        "https://[::ffff:10.0.0.1]/x",
        "https://localhost/x",
        "https://api.localhost/x",
        "https://printer.local/x",
        "https://intranet/x",
        "https://user:pw@hooks.example.org/x",
        "https:///x",
        "bukan url",
        "",
    ],
)
def test_production_refuses(url: str, settings):
    settings.TUNTAS_WEBHOOKS_ALLOW_HTTP = False
    settings.TUNTAS_WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(TargetRefused):
        check_url(url, resolve_host=False)


def test_production_accepts_public_https(settings):
    settings.TUNTAS_WEBHOOKS_ALLOW_HTTP = False
    settings.TUNTAS_WEBHOOKS_ALLOW_PRIVATE = False
    assert check_url(" https://8.8.8.8/hook ", resolve_host=False) == "https://8.8.8.8/hook"
    assert check_url("https://hooks.example.org/t", resolve_host=False)


def test_a_name_resolving_inside_the_network_is_refused(settings, monkeypatch):
    settings.TUNTAS_WEBHOOKS_ALLOW_PRIVATE = False
    monkeypatch.setattr("tuntas.webhooks.targets.resolve", lambda host, port: ["10.0.0.7"])
    with pytest.raises(TargetRefused):
        check_url("https://hooks.example.org/t")
    monkeypatch.setattr("tuntas.webhooks.targets.resolve", lambda host, port: ["93.184.216.34"])
    assert check_url("https://hooks.example.org/t")


def test_the_development_flags_allow_http_and_local(settings):
    settings.TUNTAS_WEBHOOKS_ALLOW_HTTP = True
    settings.TUNTAS_WEBHOOKS_ALLOW_PRIVATE = True
    assert check_url("http://127.0.0.1:8000/hook")
    with pytest.raises(TargetRefused):
        check_url("ftp://127.0.0.1/hook")


def test_the_message_is_indonesian(settings):
    settings.TUNTAS_WEBHOOKS_ALLOW_HTTP = False
    with pytest.raises(TargetRefused, match="harus memakai https"):
        check_url("http://hooks.example.org/x")
