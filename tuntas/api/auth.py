"""Who is asking: a token or session user, or a reporter proving a report with its code."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from tuntas.accounts.models import User
from tuntas.accounts.tokens import ExpiringTokenAuthentication, VerifiedSessionAuthentication
from tuntas.core.errors import NotFound
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report
from tuntas.reports.selectors import own_reports, report_by_access_code

ACCESS_CODE_HEADER = "X-Access-Code"

# Token first: an unauthenticated request is then answered 401 with
# ``WWW-Authenticate: Token`` (DRF answers 403 when the first class is the session).
# Tokens are stored hashed and expire; a session counts once its second factor passed.
API_AUTHENTICATION: list[type[BaseAuthentication]] = [
    ExpiringTokenAuthentication,
    VerifiedSessionAuthentication,
]

ACCESS_CODE_PARAMETER = OpenApiParameter(
    name=ACCESS_CODE_HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "The access code given when the report was submitted. Lets a reporter without "
        "an account (or not signed in) read and answer their report."
    ),
)


def current_user(request: Request) -> User | None:
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        return user
    return None


@dataclass(frozen=True)
class ReporterAccess:
    """A report and the reporter acting on it (by account or by access code)."""

    report: Report
    actor: Actor


def _not_found() -> NotFound:
    return NotFound(
        _("Laporan tidak ditemukan, atau nomor pelacakan dan kode akses tidak cocok."),
        code="report_not_found",
    )


def reporter_access(request: Request, tracking_id: str) -> ReporterAccess:
    """The report as its reporter sees it, or 404 (401 when nothing proves who asks).

    A signed-in user who filed the report acts with their account. Otherwise the
    ``X-Access-Code`` header must match the report's access code; the reporter then
    acts as "Pelapor", never as whoever happens to be signed in.
    """
    user = current_user(request)
    code = (request.headers.get(ACCESS_CODE_HEADER) or "").strip().upper()
    if user is not None:
        own = own_reports(user).filter(tracking_id=tracking_id).first()
        if own is not None:
            return ReporterAccess(own, Actor(user=user))
    if not code:
        if user is None:
            raise exceptions.NotAuthenticated()
        raise _not_found()
    report = report_by_access_code(tracking_id, code)
    if report is None:
        raise _not_found()
    return ReporterAccess(report, Actor(user=None, is_reporter_by_code=True))
