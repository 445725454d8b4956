"""Every route of Tuntas, walked from Django's URL resolver, with its path parameters
filled from the authorisation world (``authz_world.py``).

``all_routes()`` lists each URL pattern once (name, pattern, the path parameters it
takes). ``bindings(route, world)`` answers the concrete URLs to request, each with the
fixture it names (a report case, an object of some Pemda), so a new route is requested
as soon as it exists; the matrix test then fails until the route is classified in
``test_authorisation_matrix.ROUTES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.authz_world import CASES, World

# The admin routes the matrix knows by their view, not by model: one entry each.
ADMIN_PREFIX = "admin:"


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name ("staff:report")
    pattern: str  # the full pattern, as the resolver joins it
    params: tuple[str, ...]  # its path parameters, in order
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Binding:
    """One concrete URL of a route and what it names."""

    url: str
    case: str | None = None  # the report case (``authz_world.CASES``)
    pemda: str | None = None  # the Pemda owning the object it names
    label: str = ""


_CONVERTER = re.compile(r"(?<!\?P)<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _regex_of(pattern: str) -> tuple[str, tuple[str, ...]]:
    """A mixed ``path()`` / ``re_path()`` pattern as one regex and its parameter names."""
    names: list[str] = []
    out = ""
    for piece in re.split(r"(\^|\$)", pattern):
        out += piece
    out = out.replace("^", "").replace("$", "")

    def conv(match: re.Match[str]) -> str:
        names.append(match["name"])
        kind = match["conv"] or "str"
        body = {"int": r"[0-9]+", "path": r".+"}.get(kind, r"[^/]+")
        return f"(?P<{match['name']}>{body})"

    out = _CONVERTER.sub(conv, out)
    names += [n for n in re.findall(r"\(\?P<([^>]+)>", out) if n not in names]
    return out, tuple(names)


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str | None = None
) -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            joined = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), joined)
        else:
            name = entry.name or f"<unnamed {prefix}{entry.pattern}>"
            yield (f"{namespace}:{name}" if namespace else name), prefix + str(entry.pattern)


def all_routes() -> list[Route]:
    routes: dict[str, Route] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if name in routes:
            # i18n or format-suffix duplicates: the first one is what ``reverse`` gives.
            continue
        regex, params = _regex_of(pattern)
        routes[name] = Route(name, pattern, params, re.compile(regex))
    return list(routes.values())


def _fill(pattern: str, values: dict[str, str]) -> str:
    """``pattern`` with its parameters replaced (both syntaxes), anchors removed."""
    text = pattern.replace("^", "").replace("$", "")
    text = _CONVERTER.sub(lambda m: values[m["name"]], text)
    text = re.sub(r"\(\?P<(?P<name>[^>]+)>[^)]*\)", lambda m: values[m["name"]], text)
    text = text.replace("\\.", ".")
    return "/" + text


# Export formats each route is requested in (the first is the cheap one).
FORMATS = {
    "exports:report_file": "csv",
    "kpi:export": "csv",
    "oversight:recap_export": "csv",
    "oversight:quarterly_export": "csv",
}
# Object kinds named by an integer ``pk`` per URL namespace.
PK_KINDS = {
    "inbound": "inbound",
    "webhooks": "webhook",
    "webhooks_api": "webhook",
    "federation": "peer",
    "apikeys": "apikey",
}
NOWHERE = "999999"  # an id no fixture has


def _object_kind(route: Route, param: str) -> str | None:
    namespace = route.name.split(":")[0]
    if param == "subscription_id":
        return "webhook"
    if param == "key_id":
        return "apikey"
    if param == "user_id":
        return "staff_user"
    if param == "pk":
        if "quarterly" in route.name:
            return "quarterly"
        if "evaluation" in route.name:
            return "evaluation"
        return PK_KINDS.get(namespace)
    if param == "attachment_id" and "evaluation" in route.name:
        return "evaluation_attachment"
    return None


def _admin_object(route: Route) -> str:
    """The pk of some row of the admin page's model (or an id no row has)."""
    parts = route.pattern.split("/")
    if len(parts) >= 3:
        try:
            model = apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return NOWHERE
        row = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        return str(row) if row is not None else NOWHERE
    return NOWHERE


def _admin_values(route: Route) -> dict[str, str]:
    values: dict[str, str] = {}
    for param in route.params:
        if param == "app_label":
            match = re.search(r"\(\?P<app_label>([^|)]+)", route.pattern)
            values[param] = match.group(1) if match else "accounts"
        elif param == "object_id":
            values[param] = _admin_object(route)
        elif param == "content_type_id":
            values[param] = "1"
        else:
            values[param] = "x"
    return values


def bindings(route: Route, world: World) -> list[Binding]:
    """The URLs to request for ``route``: one per report case when it names a report,
    one per Pemda when it names a Pemda's object, else one."""
    params = set(route.params)
    if route.name.startswith(ADMIN_PREFIX):
        return [Binding(_fill(route.pattern, _admin_values(route)))]
    base: dict[str, str] = {}
    for param in route.params:
        if param == "fmt":
            base[param] = FORMATS.get(route.name, "json")
        elif param == "move":
            base[param] = "submit"
        elif param == "action":
            base[param] = "verify"
        elif param == "token_id":
            base[param] = str(world.objects["token:warga"])
        elif param in ("uidb64", "token"):
            base[param] = "bm90aGluZw"
        elif param == "service_code":
            base[param] = "nope"
        elif param == "path":
            base[param] = "tidak-ada"
    if params & {"tracking_id", "service_request_id"}:
        out = []
        for case in CASES:
            values = dict(base)
            values["tracking_id"] = values["service_request_id"] = world.reports[case]
            if "attachment_id" in params:
                values["attachment_id"] = str(world.attachments[case])
            out.append(Binding(_fill(route.pattern, values), case=case, label=case))
        return out
    kinds = {p: _object_kind(route, p) for p in route.params}
    if any(kinds.values()):
        out = []
        for pemda in ("kapuas", "majalengka"):
            values = dict(base)
            for param, kind in kinds.items():
                if kind is not None:
                    values[param] = str(world.objects[f"{kind}:{pemda}"])
            out.append(Binding(_fill(route.pattern, values), pemda=pemda, label=pemda))
        return out
    missing = [p for p in route.params if p not in base]
    for param in missing:
        base[param] = NOWHERE
    return [Binding(_fill(route.pattern, base))]
