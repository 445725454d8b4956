"""Rules the app-level import graph keeps (``scripts/app_imports.py`` prints the graph).

The outbox and core are below every feature; reports publish their changes to whoever
subscribes instead of importing notify's, webhooks' and federation's code; and no new
two-way import appears between apps.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The apps the outbox may import: the users, organisations and audit it records for, and
# the core. Never a feature app (its pages live in ``tuntas.notifications``).
OUTBOX_MAY_IMPORT = frozenset({"core", "accounts", "organisations", "audit"})
# Two-way imports still left, each to be removed (and then taken off this list): none.
# (import-linter's contracts in pyproject.toml also forbid longer cycles.)
REMAINING_TWO_WAY: frozenset[tuple[str, str]] = frozenset()


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    spec = importlib.util.spec_from_file_location("app_imports", ROOT / "scripts/app_imports.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules["app_imports"] = module
    spec.loader.exec_module(module)
    edges: dict[str, set[str]] = module.app_graph(ROOT)[0]
    return edges


def test_core_imports_no_app(graph: dict[str, set[str]]) -> None:
    assert graph.get("core", set()) == set()


def test_the_outbox_imports_no_feature_app(graph: dict[str, set[str]]) -> None:
    assert graph["outbox"] <= OUTBOX_MAY_IMPORT, graph["outbox"] - OUTBOX_MAY_IMPORT


def test_reports_import_none_of_their_subscribers(graph: dict[str, set[str]]) -> None:
    assert not graph["reports"] & {"webhooks", "federation"}


def test_no_new_two_way_imports_between_apps(graph: dict[str, set[str]]) -> None:
    pairs = {(a, b) for a in graph for b in graph[a] if a < b and a in graph.get(b, set())}
    assert pairs <= REMAINING_TWO_WAY, pairs - REMAINING_TWO_WAY
