"""Citizen pages: submit, track, read and answer one's report, browse public reports."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.accounts.models import User
from tuntas.accounts.ratelimit import is_limited, record_failure
from tuntas.api.throttling import web_submit_wait
from tuntas.citizen.forms import (
    ClarifyForm,
    CompleteForm,
    PublicFilterForm,
    ReplyForm,
    SubmitForm,
    TrackForm,
    apply_errors,
)
from tuntas.citizen.privacy import pending_for
from tuntas.citizen.proof import remember_proof
from tuntas.citizen.selectors import (
    ReporterAccess,
    get_public_report,
    reporter_access,
    signed_in,
)
from tuntas.core.errors import ApplicationError, NotFound, ValidationFailed
from tuntas.reference.models import Channel
from tuntas.reports import actions
from tuntas.reports.access import available_actions
from tuntas.reports.disclosure import Audience, outside_messages, outside_timeline
from tuntas.reports.downloads import attachment_response
from tuntas.reports.selectors import (
    filter_public,
    own_attachments,
    own_reports,
    public_reports,
    published_followups,
    report_by_access_code,
    reporter_attachments,
)
from tuntas.reports.submissions import Key, Outcome, submit_once
from tuntas.reports.transitions import REPORTER, TABLE, Action
from tuntas.reports.uploads import check_uploads

PAGE_SIZE = 20
TRACK_LIMIT = 10  # wrong tracking ID / access code pairs ...
TRACK_WINDOW = 15 * 60  # ... per 15 minutes, per session and per IP address
RECEIPT_KEY = "citizen_receipt"
P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def not_found_page(view: Callable[P, R]) -> Callable[P, R | HttpResponse]:
    """Answer NotFound with one Indonesian 404 page: a report that does not exist and a
    report you may not see look exactly the same."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            request = args[0]
            assert isinstance(request, HttpRequest)
            return render(request, "citizen/not_found.html", {"message": exc.message}, status=404)

    return wrapper


# ---------------------------------------------------------------- home


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    recent = public_reports()[:5]
    return render(request, "citizen/home.html", {"recent": recent})


# ---------------------------------------------------------------- submit


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if request.method != "POST":
        return render(request, "citizen/submit.html", {"form": SubmitForm(signed_in=bool(user))})
    if user is None and (wait := web_submit_wait(request)) is not None:
        # The API's limit for anonymous submissions: nothing is checked or stored; the
        # form comes back with what was typed (files must be chosen again).
        limited = SubmitForm(request.POST, signed_in=False)
        limited.renew_token()
        response = render(
            request,
            "citizen/submit.html",
            {
                "form": limited,
                "limited_message": _(
                    "Terlalu banyak laporan dikirim dari alamat Anda. Silakan coba lagi "
                    "dalam %(minutes)s menit."
                )
                % {"minutes": max(1, -(-wait // 60))},
            },
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    form = SubmitForm(request.POST, request.FILES, signed_in=bool(user))
    status = 400
    if form.is_valid():
        try:
            outcome = _submit(form, user)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            tracking_id = outcome.report.tracking_id
            if outcome.access_code:  # a late replay proves nothing (docs/security.md)
                remember_proof(request, tracking_id)
            request.session[RECEIPT_KEY] = {
                "tracking_id": tracking_id,
                "access_code": outcome.access_code,
                "replayed": outcome.replayed,
            }
            return redirect("citizen:submitted")
    form.renew_token()
    return render(request, "citizen/submit.html", {"form": form}, status=status)


def _submit(form: SubmitForm, user: User | None) -> Outcome:
    """The report this form's token makes (or already made: a double post or a replay)."""
    data = form.cleaned_data
    files = check_uploads(data["attachments"], "attachments")
    channel = Channel.objects.filter(code="web").first()
    if channel is None:
        raise ApplicationError(_("Kanal web belum disiapkan. Hubungi admin."))
    return submit_once(
        actions.ReportInput(
            title=data["title"],
            description=data["description"],
            classification=data["classification"],
            channel=channel,
            pemda=data["pemda"],
            category=data["category"],
            incident_date=data["incident_date"],
            location_text=data["location_text"],
            region=data["region"],
            requested_agency=data["requested_agency"],
            reporter_name=data.get("reporter_name", ""),
            reporter_nik=data.get("reporter_nik", ""),
            reporter_phone=data.get("reporter_phone", ""),
            reporter_email=data.get("reporter_email", ""),
            is_anonymous=data["is_anonymous"],
            is_confidential=data["is_confidential"],
            attachments=files,
        ),
        actor=actions.Actor.reporter(user),
        key=Key(scope="web", value=data["form_token"]),
    )


@never_cache
@require_GET
def submitted(request: HttpRequest) -> HttpResponse:
    """The receipt: tracking ID and access code, shown once."""
    receipt = request.session.pop(RECEIPT_KEY, None)
    if not isinstance(receipt, dict) or not receipt.get("tracking_id"):
        messages.info(
            request,
            _("Kode akses hanya ditampilkan sekali. Gunakan nomor pelacakan dan kode akses Anda."),
        )
        return redirect("citizen:track")
    return render(request, "citizen/submitted.html", {"receipt": receipt})


# ---------------------------------------------------------------- track


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "citizen/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    if is_limited(request, "track", limit=TRACK_LIMIT):
        return render(
            request,
            "citizen/track.html",
            {
                "form": TrackForm(),
                "limited_message": _(
                    "Terlalu banyak percobaan yang salah. Silakan coba lagi 15 menit lagi."
                ),
            },
            status=429,
        )
    if not form.is_valid():
        return render(request, "citizen/track.html", {"form": form}, status=400)
    tracking_id = form.cleaned_data["tracking_id"]
    code = form.cleaned_data["access_code"]
    if report_by_access_code(tracking_id, code) is None:
        record_failure(request, "track", window=TRACK_WINDOW)
        form.add_error(
            None,
            _(
                "Nomor pelacakan atau kode akses tidak cocok. Periksa kembali keduanya "
                "(huruf O dan angka 0, huruf I dan angka 1 tidak dipakai)."
            ),
        )
        return render(request, "citizen/track.html", {"form": form}, status=400)
    remember_proof(request, tracking_id)
    return redirect("citizen:report", tracking_id=tracking_id)


# ---------------------------------------------------------------- one report, for its reporter


def _reporter_actions(request: HttpRequest, access: ReporterAccess) -> list[Action]:
    user = signed_in(request)
    return [
        action
        for action in available_actions(user, access.report, is_reporter=True)
        if REPORTER in TABLE[action].actors
    ]


def _render_report(
    request: HttpRequest,
    access: ReporterAccess,
    *,
    bound: dict[str, Any] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    report = access.report
    allowed = _reporter_actions(request, access)
    forms: dict[str, Any] = {}
    if Action.COMPLETE in allowed:
        forms["complete"] = CompleteForm()
    if Action.CLARIFY in allowed:
        forms["clarify"] = ClarifyForm()
    if Action.REPLY_SATISFIED in allowed or Action.REPLY_NOT_SATISFIED in allowed:
        forms["reply"] = ReplyForm()
    forms.update(bound or {})
    followups = list(published_followups(report))
    context = {
        "report": report,
        "access": access,
        "timeline": outside_timeline(report, Audience.REPORTER),
        "conversation": outside_messages(report),
        "followups": followups,
        "files": list(own_attachments(report)),
        "forms": forms,
        "action_error": error,
        "is_public": public_reports().filter(pk=report.pk).exists(),
        "privacy": pending_for(report),
    }
    return render(request, "citizen/report.html", context, status=status)


@not_found_page
@never_cache
@require_GET
def report_detail(request: HttpRequest, tracking_id: str) -> HttpResponse:
    return _render_report(request, reporter_access(request, tracking_id))


def _reporter_action(
    request: HttpRequest,
    tracking_id: str,
    *,
    form_key: str,
    form_class: type[CompleteForm | ClarifyForm | ReplyForm],
    perform: Callable[[ReporterAccess, actions.Actor, dict[str, Any]], str],
) -> HttpResponse:
    """Validate the form, call the action, and on any refusal re-render, changing nothing."""
    access = reporter_access(request, tracking_id)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _render_report(request, access, bound={form_key: form}, status=400)
    actor = access.actor(signed_in(request))
    try:
        done = perform(access, actor, form.cleaned_data)
    except ValidationFailed as exc:
        apply_errors(form, exc)
        return _render_report(request, access, bound={form_key: form}, status=exc.status)
    except ApplicationError as exc:
        access.report.refresh_from_db()
        return _render_report(
            request, access, bound={form_key: form}, error=exc.message, status=exc.status
        )
    messages.success(request, done)
    return redirect("citizen:report", tracking_id=access.report.tracking_id)


@not_found_page
@require_POST
def complete(request: HttpRequest, tracking_id: str) -> HttpResponse:
    def perform(access: ReporterAccess, actor: actions.Actor, data: dict[str, Any]) -> str:
        files = check_uploads(data["attachments"], "attachments")
        actions.complete_report(
            access.report, actor=actor, details=data["details"], attachments=files
        )
        return _("Terima kasih, data Anda sudah dikirim. Laporan akan diverifikasi kembali.")

    return _reporter_action(
        request, tracking_id, form_key="complete", form_class=CompleteForm, perform=perform
    )


@not_found_page
@require_POST
def clarify(request: HttpRequest, tracking_id: str) -> HttpResponse:
    def perform(access: ReporterAccess, actor: actions.Actor, data: dict[str, Any]) -> str:
        files = check_uploads(data["attachments"], "attachments")
        actions.clarify(access.report, actor=actor, answer=data["answer"], attachments=files)
        return _("Terima kasih, klarifikasi Anda sudah dikirim ke petugas.")

    return _reporter_action(
        request, tracking_id, form_key="clarify", form_class=ClarifyForm, perform=perform
    )


@not_found_page
@require_POST
def reply(request: HttpRequest, tracking_id: str) -> HttpResponse:
    def perform(access: ReporterAccess, actor: actions.Actor, data: dict[str, Any]) -> str:
        if data["answer"] == ReplyForm.SATISFIED:
            actions.reply_satisfied(
                access.report, actor=actor, rating=data["rating"], comment=data["comment"]
            )
            return _("Terima kasih atas tanggapan Anda. Laporan ini dinyatakan selesai.")
        actions.reply_not_satisfied(
            access.report, actor=actor, comment=data["comment"], rating=data["rating"]
        )
        return _("Tanggapan Anda sudah dikirim. Instansi akan menindaklanjuti kembali.")

    return _reporter_action(
        request, tracking_id, form_key="reply", form_class=ReplyForm, perform=perform
    )


@not_found_page
@never_cache
@require_GET
def attachment(request: HttpRequest, tracking_id: str, attachment_id: int) -> FileResponse:
    access = reporter_access(request, tracking_id)
    return attachment_response(reporter_attachments(access.report).filter(pk=attachment_id).first())


# ---------------------------------------------------------------- public reports


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    status = 200
    filters: dict[str, Any] = {}
    if form.is_bound:
        if not form.is_valid():
            status = 400
        cleaned = getattr(form, "cleaned_data", {})
        filters = {
            "pemda": cleaned.get("pemda"),
            "category": cleaned.get("category"),
            "status": cleaned.get("status", ""),
        }
    reports = filter_public(public_reports(), **filters)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "citizen/public_list.html",
        {"form": form, "page": page, "reports": page.object_list},
        status=status,
    )


@not_found_page
@require_GET
def public_detail(request: HttpRequest, tracking_id: str) -> HttpResponse:
    report = get_public_report(tracking_id)
    return render(
        request,
        "citizen/public_detail.html",
        {
            "report": report,
            "timeline": outside_timeline(report, Audience.PUBLIC),
            "followups": list(published_followups(report)),
        },
    )


# ---------------------------------------------------------------- my reports


@login_required
@require_GET
def my_reports(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    assert user is not None
    page = Paginator(own_reports(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "citizen/my_reports.html",
        {"page": page, "reports": page.object_list},
    )
