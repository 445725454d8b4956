"""The app-level import graph of ``tuntas``: which app imports which, and the cycles.

Every ``import tuntas.<app>...`` / ``from tuntas.<app>... import`` counts, at the top of
a module or inside a function (a lazy import is still a dependency); migrations do not.
Imports under ``if TYPE_CHECKING:`` are listed apart (``--types``): they name a type for
the checker and are never executed, so they make no import cycle. Run from the
repository root::

    .venv/bin/python scripts/app_imports.py          # the graph, two-way pairs, cycles
    .venv/bin/python scripts/app_imports.py -v       # ... with the importing lines
    .venv/bin/python scripts/app_imports.py --types  # ... and the type-only imports

``tests/setup/test_app_imports.py`` holds the rules this graph must keep.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Modules of the project package itself, not of an app.
PROJECT = frozenset({"settings", "test_settings", "celery", "urls", "wsgi"})

Graph = dict[str, set[str]]
Where = dict[tuple[str, str], list[str]]


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        if node.module == "tuntas":
            return [f"tuntas.{alias.name}" for alias in node.names]
        return [node.module]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[tuple[ast.stmt, bool]]:
    """Every import statement of ``tree``, and whether it is under ``if TYPE_CHECKING``."""
    found: list[tuple[ast.stmt, bool]] = []

    def walk(node: ast.AST, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append((child, type_only))
            elif isinstance(child, ast.If) and _is_type_checking(child):
                for inner in child.body:
                    walk_one(inner, True)
                for inner in child.orelse:
                    walk_one(inner, type_only)
            else:
                walk(child, type_only)

    def walk_one(node: ast.stmt, type_only: bool) -> None:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append((node, type_only))
        else:
            walk(node, type_only)

    walk(tree, False)
    return found


def app_graph(root: Path = ROOT, *, type_only: bool = False) -> tuple[Graph, Where]:
    """app → the other apps it imports, and where each import is (``path:line``); with
    ``type_only``, the imports under ``if TYPE_CHECKING`` instead."""
    edges: Graph = defaultdict(set)
    where: Where = defaultdict(list)
    package = root / "tuntas"
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or len(parts) < 3:
            continue  # migrations, and the project's own modules (settings, urls, ...)
        source = parts[1]
        for node, guarded in _imports(ast.parse(path.read_text(), str(path))):
            if guarded != type_only:
                continue
            for module in _imported(node):
                names = module.split(".")
                if names[0] != "tuntas" or len(names) < 2 or names[1] in PROJECT:
                    continue
                target = names[1]
                if target != source:
                    edges[source].add(target)
                    where[(source, target)].append(f"{path.relative_to(root)}:{node.lineno}")
    return dict(edges), dict(where)


def two_way_pairs(edges: Graph) -> list[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for a, targets in edges.items():
        for b in targets:
            if a in edges.get(b, ()):
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def cycles(edges: Graph) -> list[list[str]]:
    """The strongly connected groups of two or more apps (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in sorted(edges.get(app, ())):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for app in sorted(set(edges) | {t for ts in edges.values() for t in ts}):
        if app not in index:
            visit(app)
    return sorted(groups)


def main(argv: list[str]) -> int:
    edges, where = app_graph()
    apps = sorted(set(edges) | {t for ts in edges.values() for t in ts})
    print("app: the apps it imports")
    for app in apps:
        print(f"  {app}: {', '.join(sorted(edges.get(app, ()))) or '-'}")
    pairs = two_way_pairs(edges)
    print("two-way pairs:" + ("" if pairs else " none"))
    for a, b in pairs:
        print(f"  {a} <-> {b}  ({len(where[(a, b)])} / {len(where[(b, a)])} imports)")
        if "-v" in argv:
            for source, target in ((a, b), (b, a)):
                print(f"    {source} -> {target}: {', '.join(where[(source, target)])}")
    groups = cycles(edges)
    print("cycles (apps that reach each other):" + ("" if groups else " none"))
    for group in groups:
        print(f"  {' '.join(group)}")
    if "--types" in argv:
        types, type_where = app_graph(type_only=True)
        print("type-only imports (under if TYPE_CHECKING):" + ("" if types else " none"))
        for source in sorted(types):
            for target in sorted(types[source]):
                print(f"  {source} -> {target}: {', '.join(type_where[(source, target)])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
