"""The staff's "Integrasi" page: the settings that connect Tuntas to other systems.

Each feature that connects Tuntas to other software (webhooks, API keys, federation)
registers one entry here from its ``AppConfig.ready()``, with the rule that says who may
open it; the staff header shows one "Integrasi" link instead of one link per feature, and
the page lists, in plain words, the entries the signed-in person may open. The staff app
imports none of those features (they sit above it in the layering).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django_stubs_ext import StrOrPromise

from tuntas.accounts.models import User


@dataclass(frozen=True)
class Integration:
    app_name: str  # the URL namespace of its pages (marks the header link as current)
    url_name: str  # its first page, e.g. "webhooks:list"
    label: StrOrPromise
    description: StrOrPromise
    may_open: Callable[[User], bool]
    order: int = 100


_ENTRIES: dict[str, Integration] = {}


def register_integration(entry: Integration) -> None:
    """Called once per feature from its ``AppConfig.ready()``."""
    _ENTRIES[entry.app_name] = entry


def integrations_for(user: User) -> list[Integration]:
    """The entries ``user`` may open, in page order."""
    if not user.is_authenticated:
        return []
    entries = sorted(_ENTRIES.values(), key=lambda e: (e.order, str(e.label)))
    return [e for e in entries if e.may_open(user)]


def integration_apps() -> frozenset[str]:
    """The URL namespaces of every registered entry."""
    return frozenset(_ENTRIES)
