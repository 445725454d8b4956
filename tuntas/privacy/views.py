"""Pages: a reporter's data (download, erasure) and the staff's list of erasure requests.

* ``/akun/data-saya/``: the signed-in reporter (their account and every report filed
  with it); the download and the erasure request are POSTs.
* ``/laporan/<tracking ID>/data-saya/``: the reporter of one report proven by its access
  code (``lacak``); a signed-in owner is sent to the account page.
* ``/petugas/penghapusan-data/``: requests a coordinator or the national admin may carry
  out now.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tuntas.accounts.models import User
from tuntas.citizen.selectors import ReporterAccess, reporter_access, signed_in
from tuntas.citizen.views import not_found_page
from tuntas.core.errors import ApplicationError
from tuntas.organisations.authority import administers_all, coordinated_pemda_ids
from tuntas.privacy.erasure import (
    cancel_erasure,
    confirm_erasure,
    is_staff_account,
    pending_request,
    request_erasure,
)
from tuntas.privacy.export import Subject, archive, collect, mask_nik, record_export
from tuntas.privacy.models import ErasureRequest
from tuntas.privacy.responses import zip_response
from tuntas.privacy.selectors import confirmable_requests, find_confirmable
from tuntas.staff.guard import forbidden, staff_required, staff_user

CONFIRM_FIELD = "understood"


def _user(request: HttpRequest) -> User:
    user = signed_in(request)
    assert user is not None  # login_required
    return user


def _render_data(
    request: HttpRequest,
    subject: Subject,
    *,
    access: ReporterAccess | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    personal = collect(subject, now=timezone.now())
    account = personal.data["account"]
    context = {
        "subject": subject,
        "access": access,
        "account": account,
        "masked_nik": mask_nik(account["nik"]) if account else "",
        "reports": [
            {**r, "masked_nik": mask_nik(r["identity_on_report"]["nik"])}
            for r in personal.data["reports"]
        ],
        "file_count": len(personal.files),
        "pending": pending_request(subject),
        "is_staff_account": subject.user is not None and is_staff_account(subject.user),
        "error": error,
    }
    return render(request, "privacy/my_data.html", context, status=status)


def _download(request: HttpRequest, subject: Subject, actor: User | None) -> HttpResponse:
    now = timezone.now()
    personal = collect(subject, now=now)
    content = archive(personal)
    record_export(subject, personal, actor=actor, surface="page", fmt="zip", now=now)
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    return zip_response(content, f"data-pribadi-tuntas-{stamp}.zip")


def _ask(request: HttpRequest, subject: Subject, actor: User | None) -> HttpResponse | None:
    """Record the request, or None when the page must say why not (error set)."""
    if request.POST.get(CONFIRM_FIELD) != "yes":
        messages.error(request, _("Centang pernyataan bahwa Anda memahami akibat penghapusan."))
        return None
    try:
        erasure = request_erasure(subject, actor=actor, surface="page", now=timezone.now())
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(
        request,
        _(
            "Permintaan penghapusan tercatat. Data Anda dihapus paling lambat "
            "%(due)s; sampai saat itu Anda dapat membatalkannya."
        )
        % {"due": timezone.localtime(erasure.due_at).strftime("%d-%m-%Y %H:%M")},
    )
    return None


def _cancel(request: HttpRequest, subject: Subject, actor: User | None) -> None:
    pending = pending_request(subject)
    if pending is None:
        messages.error(request, _("Tidak ada permintaan penghapusan yang menunggu."))
        return
    try:
        cancel_erasure(pending, actor=actor, now=timezone.now())
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return
    messages.success(request, _("Permintaan penghapusan dibatalkan."))


# ---------------------------------------------------------------- the notice


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    periods = [
        (_("Identitas pelapor pada laporan yang sudah selesai"), "REPORTER_IDENTITY"),
        (_("Berkas dari pelapor pada laporan yang sudah selesai"), "ATTACHMENT"),
        (_("Data mentah pesan masuk (WhatsApp, SMS, e-mail)"), "INBOUND_RAW"),
        (_("Isi dan alamat pesan keluar"), "OUTBOX_BODY"),
        (_("Catatan pemakaian kunci API"), "API_KEY_USE"),
        (_("Catatan percobaan masuk yang gagal"), "FAILED_SIGN_IN"),
    ]
    context = {
        "periods": [
            (label, int(getattr(settings, f"TUNTAS_RETENTION_{name}_DAYS")))
            for label, name in periods
        ],
        "wait_hours": int(settings.TUNTAS_ERASURE_WAIT_HOURS),
    }
    return render(request, "privacy/notice.html", context)


# ---------------------------------------------------------------- the account


@login_required
@never_cache
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return _render_data(request, Subject(user=_user(request)))


@login_required
@require_POST
def my_data_download(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return _download(request, Subject(user=user), user)


@login_required
@require_POST
def my_data_erase(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _ask(request, Subject(user=user), user)
    return redirect("privacy:my_data")


@login_required
@require_POST
def my_data_cancel(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _cancel(request, Subject(user=user), user)
    return redirect("privacy:my_data")


# ---------------------------------------------------------------- one report, by access code


def _by_code(request: HttpRequest, tracking_id: str) -> ReporterAccess | None:
    """The report proven by its access code; None: the signed-in owner (account page)."""
    access = reporter_access(request, tracking_id)
    return None if access.by_account else access


ByCodeView = Callable[[HttpRequest, ReporterAccess], HttpResponse]


def proven_by_code(view: ByCodeView) -> Callable[[HttpRequest, str], HttpResponse]:
    """A page of one report proven by its access code; its signed-in owner is sent to
    the account's page, which covers all their reports."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, tracking_id: str) -> HttpResponse:
        access = _by_code(request, tracking_id)
        if access is None:
            return redirect("privacy:my_data")
        return view(request, access)

    return wrapper


@not_found_page
@never_cache
@require_GET
@proven_by_code
def report_data(request: HttpRequest, access: ReporterAccess) -> HttpResponse:
    return _render_data(request, Subject(report=access.report), access=access)


@not_found_page
@require_POST
@proven_by_code
def report_data_download(request: HttpRequest, access: ReporterAccess) -> HttpResponse:
    return _download(request, Subject(report=access.report), None)


@not_found_page
@require_POST
@proven_by_code
def report_data_erase(request: HttpRequest, access: ReporterAccess) -> HttpResponse:
    _ask(request, Subject(report=access.report), None)
    return redirect("privacy:report_data", tracking_id=access.report.tracking_id)


@not_found_page
@require_POST
@proven_by_code
def report_data_cancel(request: HttpRequest, access: ReporterAccess) -> HttpResponse:
    _cancel(request, Subject(report=access.report), None)
    return redirect("privacy:report_data", tracking_id=access.report.tracking_id)


# ---------------------------------------------------------------- staff


@staff_required
@never_cache
@require_GET
def erasure_requests(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not (administers_all(user) or coordinated_pemda_ids(user)):
        # Only those who may confirm an erasure: a Pemda's coordinator, the national admin.
        return forbidden(
            request, _("Halaman ini untuk admin koordinator pemerintah daerah dan admin nasional.")
        )
    rows = confirmable_requests(user)
    return render(request, "privacy/erasure_requests.html", {"rows": rows})


@staff_required
@require_POST
def erasure_confirm(request: HttpRequest, request_id: str) -> HttpResponse:
    user = staff_user(request)
    erasure: ErasureRequest | None = find_confirmable(user, request_id)
    if erasure is None:
        raise Http404(_("Permintaan tidak ditemukan."))
    try:
        done = confirm_erasure(erasure, actor=user, now=timezone.now())
    except ApplicationError as exc:
        if exc.status == 403:
            return forbidden(request, exc.message)
        messages.error(request, exc.message)
        return redirect("privacy:erasure_requests")
    messages.success(
        request,
        _("Data pribadi pelapor sudah dihapus; pseudonimnya %(pseudonym)s.")
        % {"pseudonym": done.pseudonym},
    )
    return redirect("privacy:erasure_requests")
