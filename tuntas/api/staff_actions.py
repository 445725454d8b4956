"""The staff actions the API offers, one endpoint each, read from the declarations.

Every declared action with a staff surface (``Declaration.staff``) is an endpoint
``POST /api/staff/reports/<tracking_id>/actions/<slug>/``; ``views.staff_actions`` makes
a view per entry with its own documented request body.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tuntas.api.serializers.base import Input
from tuntas.api.serializers.staff_actions import input_serializer, takes_files
from tuntas.reports.declarations import Declaration, declarations
from tuntas.reports.transitions import Action


@dataclass(frozen=True)
class StaffAction:
    slug: str
    declaration: Declaration

    @property
    def action(self) -> Action:
        return self.declaration.action

    @property
    def label(self) -> str:
        return str(self.declaration.label)

    @property
    def summary(self) -> str:
        assert self.declaration.staff is not None
        return self.declaration.staff.summary

    @property
    def input(self) -> type[Input] | None:
        return input_serializer(self.declaration.input)

    @property
    def multipart(self) -> bool:
        return takes_files(self.declaration.input)


@cache
def staff_actions() -> dict[str, StaffAction]:
    """Slug -> endpoint; an action sharing another's slug (a supporting agency's
    acceptance) is served by that endpoint."""
    found: dict[str, StaffAction] = {}
    for declared in declarations():
        if declared.staff is None:
            continue
        slug = declared.staff.slug_for(declared.action)
        if slug == str(declared.action):
            found[slug] = StaffAction(slug, declared)
    return found


def slug_for(action: Action) -> str | None:
    """The endpoint slug of a staff action, or None if staff do not take it via the API."""
    from tuntas.reports.declarations import declaration

    staff = declaration(action).staff
    if staff is None:
        return None
    slug = staff.slug_for(action)
    return slug if slug in staff_actions() else None
