"""Reads for the staff pages; every one starts from ``tuntas.reports.access``."""

from tuntas.staff.selectors.detail import ReportDetail, report_detail
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
    "ReportDetail",
    "filter_choices",
    "held_roles",
    "in_scope",
    "needs_action",
    "needs_action_filter",
    "overdue",
    "report_detail",
    "rows",
]
