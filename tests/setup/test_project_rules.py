"""Project rules the code keeps, read from its source (in the spirit of Zulip's lint rules).

The app layering itself is checked by import-linter (``lint-imports``, contracts in
pyproject.toml). These are the rules an import graph cannot see:

* views and API modules read reports through selectors and access rules, never with a
  query of their own (``Report.objects``);
* a report's status is written in one place, ``change_status``;
* outbox rows are written by the outbox alone (``outbox.queue``, ``Composer``);
* a ``_``-prefixed name is private to its package: nobody outside imports it.

Each rule is also run on a small bad example, so a rule that stopped seeing anything would
fail here too.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tuntas"

Finding = str
Rule = Callable[[str, ast.Module], Iterator[Finding]]


def _sources(*roots: Path) -> Iterator[tuple[str, ast.Module]]:
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=relative)


def _is_view_or_api(path: str) -> bool:
    """A page's or an endpoint's module: ``views.py``, ``api.py``, ``*_views.py`` or any
    module in a ``views/`` package (``staff/views/``, ``api/views/``)."""
    *folders, name = path.split("/")
    return name in ("views.py", "api.py") or name.endswith("_views.py") or "views" in folders


def no_report_queries_in_views(path: str, tree: ast.Module) -> Iterator[Finding]:
    """Views and API modules read reports through selectors (``reports.selectors``,
    ``reports.access``, an app's own ``selectors.py``)."""
    if not _is_view_or_api(path):
        return
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id == "Report"
        ):
            yield f"{path}:{node.lineno}: Report.objects in a view or API module"


STATUS_WRITER = "tuntas/reports/actions/base.py"


def status_written_once(path: str, tree: ast.Module) -> Iterator[Finding]:
    """Only ``change_status`` assigns ``<report>.status``; nobody updates it in bulk."""
    if path == STATUS_WRITER:
        return
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "status"
                and not (isinstance(target.value, ast.Name) and target.value.id == "self")
            ):
                yield f"{path}:{getattr(node, 'lineno', 0)}: .status assigned outside change_status"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
            and any(k.arg == "status" for k in node.keywords)
        ):
            yield f"{path}:{node.lineno}: .update(status=...) outside change_status"


OUTBOX_WRITES = {"create", "bulk_create", "get_or_create", "update_or_create"}


def outbox_rows_from_the_outbox(path: str, tree: ast.Module) -> Iterator[Finding]:
    """``OutboxMessage`` rows are made by the outbox (``outbox.queue.queue``)."""
    if path.startswith("tuntas/outbox/"):
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "OutboxMessage":
            yield f"{path}:{node.lineno}: OutboxMessage(...) outside the outbox"
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in OUTBOX_WRITES
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "objects"
            and isinstance(func.value.value, ast.Name)
            and func.value.value.id == "OutboxMessage"
        ):
            yield f"{path}:{node.lineno}: OutboxMessage.objects.{func.attr} outside the outbox"
        elif (
            isinstance(func, ast.Name | ast.Attribute)
            and (func.id if isinstance(func, ast.Name) else func.attr) == "insert_values"
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == "OutboxMessage"
        ):
            yield f"{path}:{node.lineno}: insert_values(OutboxMessage) outside the outbox"


def _package_of(path: str) -> str:
    """``tuntas/kpi/rollups.py`` -> ``tuntas.kpi``; ``tuntas/reports/actions/base.py``
    -> ``tuntas.reports.actions`` (a module's package is its directory)."""
    return ".".join(path.split("/")[:-1])


def private_names_stay_home(path: str, tree: ast.Module) -> Iterator[Finding]:
    """``from tuntas.x.y import _name`` only from inside package ``tuntas.x`` (the module's
    app or a package below it)."""
    here = _package_of(path)
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        if not node.module.startswith("tuntas."):
            continue
        owner = ".".join(node.module.split(".")[:2])  # the app that defines the name
        for alias in node.names:
            private = alias.name.startswith("_") and not alias.name.startswith("__")
            if private and not (here == owner or here.startswith(owner + ".")):
                yield f"{path}:{node.lineno}: imports {node.module}.{alias.name} (private)"


RULES: list[Rule] = [
    no_report_queries_in_views,
    status_written_once,
    outbox_rows_from_the_outbox,
    private_names_stay_home,
]
# Where each rule holds: the product and its benchmarks; tests may build outbox rows and
# statuses as fixtures, but import no private names either.
EVERYWHERE = (PACKAGE, ROOT / "tests", ROOT / "bench")
PRODUCT = (PACKAGE, ROOT / "bench")
ROOTS: dict[Rule, tuple[Path, ...]] = {private_names_stay_home: EVERYWHERE}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_the_code_keeps_the_rule(rule: Rule) -> None:
    roots = ROOTS.get(rule, PRODUCT)
    findings = [f for path, tree in _sources(*roots) for f in rule(path, tree)]
    assert not findings, "\n".join(findings)


BAD: dict[Rule, tuple[str, str]] = {
    no_report_queries_in_views: (
        "tuntas/citizen/views.py",
        "def page(request):\n    return Report.objects.get(pk=1)\n",
    ),
    status_written_once: (
        "tuntas/staff/views/report.py",
        "def act(report):\n    report.status = 'closed'\n"
        "    Report.objects.filter(pk=1).update(status='closed')\n",
    ),
    outbox_rows_from_the_outbox: (
        "tuntas/reports/notify.py",
        "def tell():\n    OutboxMessage.objects.create(subject='x')\n"
        "    insert_values(OutboxMessage, ['subject'], [('x',)])\n",
    ),
    private_names_stay_home: (
        "tuntas/staff/views/inbox.py",
        "from tuntas.reports.actions.intake import _create\n",
    ),
}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_each_rule_sees_a_bad_example(rule: Rule) -> None:
    path, source = BAD[rule]
    assert list(rule(path, ast.parse(source)))


def test_the_status_writer_and_the_outbox_may_write() -> None:
    assert not list(status_written_once(STATUS_WRITER, ast.parse("report.status = 'x'\n")))
    source = "OutboxMessage.objects.create(subject='x')\n"
    assert not list(outbox_rows_from_the_outbox("tuntas/outbox/queue.py", ast.parse(source)))
    inside = "from tuntas.reports.actions.intake import _create\n"
    assert not list(private_names_stay_home("tuntas/reports/actions/intake.py", ast.parse(inside)))
