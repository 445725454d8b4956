"""Reads for the citizen pages: what a reporter and the public may see of a report.

The rules the API shares (public reports, own reports, the access-code check, which
files and messages the reporter may read) live in ``tuntas.reports.selectors``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.citizen.proof import has_proof
from tuntas.core.errors import NotFound
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report
from tuntas.reports.selectors import (
    find_public_report,
    own_reports,
)


def _not_found() -> NotFound:
    return NotFound(
        _("Laporan tidak ditemukan atau Anda tidak berwenang melihatnya."),
        code="report_not_found",
    )


def signed_in(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


# ---------------------------------------------------------------- the reporter's view


@dataclass(frozen=True)
class ReporterAccess:
    """A report opened by its reporter: signed in as the reporter, or by access code."""

    report: Report
    by_account: bool

    def actor(self, user: User | None) -> Actor:
        if self.by_account:
            return Actor(user=user)
        return Actor(user=None, is_reporter_by_code=True)


def reporter_access(request: HttpRequest, tracking_id: str) -> ReporterAccess:
    """The report if this request is its reporter; otherwise the same 404 as a missing ID."""
    user = signed_in(request)
    related = ("pemda", "classification", "category", "channel", "region", "lead_agency")
    if user is not None:
        own = own_reports(user).filter(tracking_id=tracking_id).select_related(*related).first()
        if own is not None:
            return ReporterAccess(report=own, by_account=True)
    if has_proof(request, tracking_id):
        report = Report.objects.filter(tracking_id=tracking_id).select_related(*related).first()
        if report is not None:
            return ReporterAccess(report=report, by_account=False)
    raise _not_found()


# ---------------------------------------------------------------- timeline


# ---------------------------------------------------------------- public reports


def get_public_report(tracking_id: str) -> Report:
    report = find_public_report(tracking_id)
    if report is None:
        raise NotFound(_("Laporan tidak ditemukan."), code="report_not_found")
    return report
