"""Content-Security-Policy: no inline script anywhere, inline styles only by their hash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import client_for
from tuntas.core import csp

ROOT = Path(__file__).resolve().parents[2] / "tuntas"
# Not served to browsers: e-mails (mail clients ignore CSP and need inline styles) and
# the HTML WeasyPrint turns into PDF.
NOT_SERVED = ("outbox/templates/outbox/email/", "exports/templates/exports/document_pdf.html")


def templates() -> list[Path]:
    return [
        p
        for p in ROOT.rglob("templates/**/*.html")
        if not any(part in str(p) for part in NOT_SERVED)
    ]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def test_pages_are_served_with_a_strict_policy(demo):
    for path, user in (("/", None), ("/akun/masuk/", None), ("/petugas/", "kapuas.koordinator")):
        response = client_for(demo.users[user] if user else None).get(path)
        assert response.status_code == 200, path
        rules = policy(response)
        assert rules["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in rules["style-src"]
        assert rules["object-src"] == ["'none'"]
        assert rules["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_only_the_api_readers_allow_their_own_inline_styles(demo, path):
    response = client_for(None).get(path)
    assert response.status_code == 200
    rules = policy(response)
    assert rules["script-src"] == ["'self'"]
    assert rules["style-src"] == ["'self'", "'unsafe-inline'"]  # no hash: it would void it
    assert "<script>" not in response.content.decode()


def test_the_swagger_start_up_script_is_a_file(demo):
    response = client_for(None).get("/api/docs/?script=")
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]


def test_no_template_has_an_inline_script_or_event_handler():
    found = []
    for path in templates():
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                found.append(f"{path}: {tag}")
        found += [f"{path}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        found += [f"{path}: javascript:" for _ in re.findall(r"javascript:", text)]
    assert found == []


def test_every_inline_style_is_allowed_by_its_hash():
    elements = set(csp.INLINE_STYLE_ELEMENTS)
    attributes = set(csp.INLINE_STYLE_ATTRIBUTES)
    unlisted = []
    for path in templates():
        if path.name == "redoc.html":  # the API reader's page allows inline styles
            continue
        text = path.read_text()
        unlisted += [
            f"{path}: <style>{s}"
            for s in re.findall(r"<style>(.*?)</style>", text, re.S)
            if s not in elements
        ]
        unlisted += [
            f'{path}: style="{s}"'
            for s in re.findall(r'\sstyle="([^"]*)"', text)
            if s not in attributes
        ]
    assert unlisted == []
    rules = csp.directives()["style-src"]
    for text in (*elements, *attributes):
        assert csp.source_hash(text) in rules
