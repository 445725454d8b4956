"""Reads for the staff pages; every one starts from ``tuntas.reports.access``.

The report page reads the staff view (``tuntas.reports.staff_view``), shared with the
staff API and the export."""

from tuntas.staff.selectors.inbox import (
    NEEDS_ACTION,
    InboxRow,
    filter_choices,
    held_roles,
    in_scope,
    needs_action,
    needs_action_filter,
    overdue,
    rows,
)

__all__ = [
    "NEEDS_ACTION",
    "InboxRow",
    "filter_choices",
    "held_roles",
    "in_scope",
    "needs_action",
    "needs_action_filter",
    "overdue",
    "rows",
]
