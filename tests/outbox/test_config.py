"""Channel settings: URLs are checked when the settings are read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from tuntas.core.env import env_url


def test_a_url_is_read_without_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("TUNTAS_X_URL", " https://sms.example.go.id/api/ ")
    assert env_url("TUNTAS_X_URL", "") == "https://sms.example.go.id/api"
    monkeypatch.setenv("TUNTAS_X_URL", "")
    assert env_url("TUNTAS_X_URL", "https://default.example") == ""
    monkeypatch.delenv("TUNTAS_X_URL")
    assert env_url("TUNTAS_X_URL", "https://default.example") == "https://default.example"


@pytest.mark.parametrize(
    "raw", ["sms.example.go.id", "ftp://sms.example.go.id", "https://", "https://x/?k=1"]
)
def test_a_malformed_url_is_refused(monkeypatch, raw):
    monkeypatch.setenv("TUNTAS_X_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="TUNTAS_X_URL"):
        env_url("TUNTAS_X_URL", "")
