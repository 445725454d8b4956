"""The reporter decides on a request to lower their privacy choice: on their report page
(signed in or proven by access code) or through the signed link they were sent."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tuntas.citizen.proof import remember_proof
from tuntas.citizen.selectors import reporter_access, signed_in
from tuntas.core.errors import ApplicationError
from tuntas.reports import actions
from tuntas.reports.actions.privacy import LINK_KIND, asked_text, pending_request, request_days
from tuntas.reports.links import read_token
from tuntas.reports.models import PrivacyRequest, Report

ACCEPT = "accept"
DECLINE = "decline"


class DecisionForm(forms.Form):
    request_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        choices=[(ACCEPT, gettext_lazy("Setuju")), (DECLINE, gettext_lazy("Tolak"))]
    )


def _decide(
    report: Report, asked_id: int, decision: str, actor: actions.Actor, through: str
) -> str:
    if decision == ACCEPT:
        actions.accept_privacy_change(report, actor=actor, request_id=asked_id, through=through)
        return _("Terima kasih. Perubahan privasi yang Anda setujui sudah berlaku.")
    actions.decline_privacy_change(report, actor=actor, request_id=asked_id, through=through)
    return _("Permintaan ditolak. Pilihan privasi Anda tetap seperti semula.")


@never_cache
@require_POST
def decide_on_page(request: HttpRequest, tracking_id: str) -> HttpResponse:
    """The report page's answer to a pending request."""
    try:
        access = reporter_access(request, tracking_id)
    except ApplicationError as exc:
        return render(request, "citizen/not_found.html", {"message": exc.message}, status=404)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setuju atau tolak."))
        return redirect("citizen:report", tracking_id=tracking_id)
    actor = access.actor(signed_in(request))
    try:
        done = _decide(
            access.report,
            form.cleaned_data["request_id"],
            form.cleaned_data["decision"],
            actor,
            "page",
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("citizen:report", tracking_id=tracking_id)
    messages.success(request, done)
    return redirect("citizen:report", tracking_id=tracking_id)


def _link_target(token: str) -> tuple[Report, PrivacyRequest] | None:
    target = read_token(token, max_age=timedelta(days=request_days() + 1))
    if target is None or target.kind != LINK_KIND:
        return None
    asked = (
        PrivacyRequest.objects.select_related("report")
        .filter(pk=target.object_id, report__tracking_id=target.tracking_id)
        .first()
    )
    if asked is None:
        return None
    return asked.report, asked


@never_cache
@require_http_methods(["GET", "POST"])
def privacy_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the reporter's message: shows the request, takes one decision."""
    found = _link_target(token)
    if found is None:
        return render(
            request,
            "citizen/link_invalid.html",
            {
                "message": _(
                    "Tautan ini tidak berlaku: sudah lewat waktunya atau tidak lengkap. Buka "
                    "laporan Anda dengan nomor pelacakan dan kode akses."
                )
            },
            status=404,
        )
    report, asked = found
    # The link proves the reporter as the access code would: they may read the report.
    remember_proof(request, report.tracking_id)
    now = timezone.now()
    if not asked.is_open(now):
        messages.info(request, _("Permintaan ini sudah dijawab atau sudah lewat waktunya."))
        return redirect("citizen:report", tracking_id=report.tracking_id)
    form = DecisionForm(request.POST or None, initial={"request_id": asked.pk})
    if request.method == "POST" and form.is_valid() and form.cleaned_data["request_id"] == asked.pk:
        actor = actions.Actor.reporter(None)
        try:
            done = _decide(report, asked.pk, form.cleaned_data["decision"], actor, "link")
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
        return redirect("citizen:report", tracking_id=report.tracking_id)
    view_privacy = {"asked": asked, "what": asked_text(asked), "form": form}
    return render(
        request,
        "citizen/privacy_request.html",
        {"report": report, "view_privacy": view_privacy},
    )


def pending_for(report: Report) -> dict[str, object] | None:
    """What the report page shows of a request waiting for the reporter."""
    asked = pending_request(report, timezone.now())
    if asked is None:
        return None
    form = DecisionForm(initial={"request_id": asked.pk})
    return {"asked": asked, "what": asked_text(asked), "form": form}
