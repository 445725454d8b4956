"""Fixtures shared by the report tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.reports.cells import World, module_world


@pytest.fixture(scope="module")
def _module_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    yield from module_world(django_db_blocker)


@pytest.fixture
def world(_module_world: World, db: None) -> World:
    """The demo and one standard report per status; each test's changes are rolled back."""
    return _module_world
