"""Open311 fixtures: an application's key, public reports, and the schema validators."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import xmlschema
from django.core.cache import cache
from django.test import Client
from jsonschema import (  # type: ignore[import-untyped]  # no stubs in the venv
    Draft4Validator,
    FormatChecker,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.reports.helpers import make_report
from tuntas.apikeys.services import issue_api_key
from tuntas.demo.builder import Demo
from tuntas.open311.params import W3C_DATETIME
from tuntas.reports.models import Report, Status

SCHEMAS = Path(__file__).parent / "schemas"
BASE = "/open311/v2"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def secret(demo: Demo) -> str:
    """A Kapuas application's key with the ``open311.submit`` scope."""
    _key, value = issue_api_key(
        actor=None,
        organisation=demo.orgs["kapuas-diskominfo"],
        name="Chatbot Kapuas",
        scopes=["open311.submit"],
    )
    return value


def public_report(demo: Demo, status: Status = Status.DISPOSED, **kwargs: Any) -> Report:
    """A Kapuas report (filed by ``warga``, anonim) walked to ``status``, then made public
    as a verifier would by turning *rahasia* off."""
    report = make_report(demo, status, **kwargs)
    Report.objects.filter(pk=report.pk).update(is_confidential=False)
    report.refresh_from_db()
    return report


# ---------------------------------------------------------------- schema validation


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text())
    return data


def _registry() -> Registry:
    names = ["request.json", "requests.json", "service.json", "services.json"]
    return Registry().with_resources(
        (name, Resource.from_contents(_load(name), default_specification=DRAFT4)) for name in names
    )


def _checker() -> FormatChecker:
    """The formats the schemas name, checked for real (jsonschema skips them otherwise)."""
    checker = FormatChecker([])

    def is_w3c(value: object) -> bool:
        if not isinstance(value, str) or not W3C_DATETIME.match(value):
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    def is_uri(value: object) -> bool:
        parts = urlsplit(str(value))
        return parts.scheme in {"http", "https"} and bool(parts.netloc)

    def is_uid(value: object) -> bool:
        return isinstance(value, str) and bool(value.strip())

    checker.checks("date-time")(is_w3c)
    checker.checks("uri")(is_uri)
    checker.checks("uid")(is_uid)
    return checker


def _swagger(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _load("swagger-definitions.json")["definitions"][name]}


JSON_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "services": lambda: _load("services.json"),
    "service_definition": lambda: _load("service-definition.json"),
    "requests": lambda: _load("requests.json"),
    "post": lambda: _swagger("RequestResponse"),
    "token": lambda: _swagger("TokenResponse"),
    "errors": lambda: _load("errors.json"),
    "discovery": lambda: _load("discovery.json"),
}


def validate_json(kind: str, body: bytes) -> Any:
    data = json.loads(body)
    validator = Draft4Validator(
        JSON_SCHEMAS[kind](), registry=_registry(), format_checker=_checker()
    )
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    return data


_XSD: list[xmlschema.XMLSchema] = []


def validate_xml(root: str, body: bytes) -> Any:
    if not _XSD:
        _XSD.append(xmlschema.XMLSchema(str(SCHEMAS / "georeport-v2.xsd")))
    text = body.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    schema = _XSD[0]
    schema.validate(text)
    decoded = schema.to_dict(text)
    assert text.split("\n", 1)[1].startswith(f"<{root}")
    return decoded
