"""Outside-channel intake (/petugas/input/): coordinators and liaison admins type in reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.organisations.authority import scope_of
from tuntas.reports import actions
from tuntas.reports.actions import Submitted
from tuntas.reports.uploads import check_uploads
from tuntas.staff.forms.intake import IntakeForm
from tuntas.staff.guard import forbidden, intake_organisations, staff_required, staff_user

SESSION_KEY = "staff_intake_done"
# Names the action reports errors under -> the field of the form that shows them.
ERROR_FIELDS = {"pemda": "organisation"}


def _report_input(data: dict[str, Any], attachments: list[Any]) -> actions.ReportInput:
    return actions.ReportInput(
        title=data["title"],
        description=data["description"],
        classification=data["classification"],
        channel=data["channel"],
        category=data["category"],
        incident_date=data["incident_date"],
        location_text=data["location_text"],
        region=data["region"],
        reporter_name=data["reporter_name"],
        reporter_nik=data["reporter_nik"].strip(),
        reporter_phone=data["reporter_phone"].strip(),
        reporter_email=data["reporter_email"],
        is_anonymous=data["is_anonymous"],
        is_confidential=data["is_confidential"],
        attachments=attachments,
    )


def submit_intake(
    request: HttpRequest, form: forms.Form, submit: Callable[[dict[str, Any]], Submitted]
) -> HttpResponse | int:
    """Validate ``form``, call ``submit`` with its data and hand the tracking ID and access
    code to the confirmation page; on refusal, show the errors on the form and return the
    status to render it with (nothing was changed). Shared by every page that types a report
    in: the intake page and "make a report" from an incoming message."""
    try:
        if not form.is_valid():
            raise ValidationFailed({})
        submitted = submit(form.cleaned_data)
    except ValidationFailed as exc:
        for name, errors in exc.errors.items():
            target = ERROR_FIELDS.get(name, name)
            form.add_error(target if target in form.fields else None, errors)
        messages.error(request, exc.message)
        return 400
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return exc.status
    request.session[SESSION_KEY] = {
        "tracking_id": submitted.report.tracking_id,
        "access_code": submitted.access_code,
        "status": submitted.report.get_status_display(),
    }
    return redirect("staff:intake_done")


@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    organisations = intake_organisations(scope_of(user))
    if not organisations:
        return forbidden(
            request, _("Hanya admin koordinator dan admin penghubung yang dapat menginput laporan.")
        )
    form = IntakeForm(request.POST or None, request.FILES or None, organisations=organisations)
    status = 200
    if request.method == "POST":

        def submit(data: dict[str, Any]) -> Submitted:
            return actions.intake_report(
                _report_input(data, check_uploads(data["attachments"], "attachments")),
                actor=actions.Actor(user=user),
                solved_answer=data["solved_answer"] if data["already_solved"] else "",
                organisation=data["organisation"],
            )

        result = submit_intake(request, form, submit)
        if isinstance(result, HttpResponse):
            return result
        status = result
    return render(request, "staff/intake.html", {"form": form}, status=status)


@never_cache
@staff_required
def intake_done(request: HttpRequest) -> HttpResponse:
    """Shows the tracking ID and access code once, to be passed on to the reporter."""
    done = request.session.pop(SESSION_KEY, None)
    if not done:
        return redirect("staff:intake")
    return render(request, "staff/intake_done.html", {"done": done})
