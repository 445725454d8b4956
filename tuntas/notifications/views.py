"""Web pages: one's own notification preferences, and the staff's failed messages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.accounts.views import signed_in_user
from tuntas.core.errors import NotFound, PermissionDenied, ValidationFailed
from tuntas.organisations.authority import scope_of
from tuntas.outbox.dead_letters import (
    event_choices,
    filter_problem_messages,
    may_manage_dead_letters,
    parse_message_id,
    problem_messages,
    retry_dead_messages,
)
from tuntas.outbox.forms import DeadLetterFilterForm, PreferencesForm
from tuntas.outbox.labels import event_label
from tuntas.outbox.preferences import (
    availability_for,
    preference_of,
    update_notification_preferences,
)
from tuntas.staff.guard import forbidden, staff_required, staff_user

PAGE_SIZE = 50
# Most messages one bulk retry queues again (the page says when more are left).
BULK_LIMIT = 1000


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    pref = preference_of(user)
    is_staff = scope_of(user).is_staff
    initial = {
        "email": pref.email,
        "whatsapp": pref.whatsapp,
        "sms": pref.sms,
        "daily_digest": pref.daily_digest,
    }
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        availability=availability_for(user),
        is_staff=is_staff,
    )
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            try:
                update_notification_preferences(
                    user,
                    actor=user,
                    email=data["email"],
                    whatsapp=data["whatsapp"],
                    sms=data["sms"],
                    daily_digest=data.get("daily_digest", pref.daily_digest),
                )
            except ValidationFailed as exc:
                for name, errors in exc.errors.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, _("Pilihan notifikasi Anda sudah disimpan."))
                return redirect("outbox:preferences")
        status = 400
    return render(
        request,
        "outbox/preferences.html",
        {"form": form, "is_staff": is_staff},
        status=status,
    )


def _only_admins() -> str:
    return _("Halaman ini hanya untuk admin koordinator dan admin nasional.")


def _filter_form(request: HttpRequest, data: object) -> DeadLetterFilterForm:
    user = staff_user(request)
    events = [(value, event_label(value)) for value in event_choices(user)]
    return DeadLetterFilterForm(data or None, events=events)


def _cleaned(form: DeadLetterFilterForm) -> dict[str, str]:
    if form.is_bound and form.is_valid():
        return {k: v for k, v in form.cleaned_data.items() if v}
    return {}


@require_GET
@staff_required
def dead_letters(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not may_manage_dead_letters(user):
        return forbidden(
            request, _("Halaman ini hanya untuk admin koordinator dan admin nasional.")
        )
    form = _filter_form(request, request.GET)
    filters = _cleaned(form)
    rows = (
        filter_problem_messages(problem_messages(user), **filters)
        .select_related("recipient", "report")
        .order_by("-created_at", "-id")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "rows": [(m, event_label(m.event)) for m in page.object_list],
        "bulk_limit": BULK_LIMIT,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "outbox/dead_letters.html", context, status=status)


@require_POST
@staff_required
def retry(request: HttpRequest) -> HttpResponse:
    """Send one message again (``id``) or every message matching the posted filter."""
    user = staff_user(request)
    if not may_manage_dead_letters(user):
        return forbidden(
            request, _("Halaman ini hanya untuk admin koordinator dan admin nasional.")
        )
    form = _filter_form(request, request.POST)
    filters = _cleaned(form)
    if form.is_bound and form.errors:
        messages.error(request, _("Filter tidak sah; tidak ada pesan yang dikirim ulang."))
        return redirect("outbox:dead_letters")
    if "id" in request.POST:
        message_id = parse_message_id(request.POST["id"])
        if message_id is None:
            raise Http404(_("Pesan tidak ditemukan."))
        ids = [message_id]
    else:
        matching = filter_problem_messages(problem_messages(user), **filters)
        ids = list(matching.order_by("id").values_list("pk", flat=True)[:BULK_LIMIT])
    try:
        count = retry_dead_messages(ids, actor=user)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except PermissionDenied as exc:
        return forbidden(request, exc.message)
    if count:
        messages.success(
            request,
            ngettext(
                "%(n)s pesan dijadwalkan untuk dikirim ulang.",
                "%(n)s pesan dijadwalkan untuk dikirim ulang.",
                count,
            )
            % {"n": count},
        )
    else:
        messages.info(request, _("Tidak ada pesan yang perlu dikirim ulang."))
    url = reverse("outbox:dead_letters")
    return redirect(f"{url}?{urlencode(filters)}" if filters else url)
