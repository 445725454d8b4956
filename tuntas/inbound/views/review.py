"""/petugas/pesan-masuk/: messages that could not be handled, for coordinators to make
a report of or to dismiss."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tuntas.accounts.models import User
from tuntas.core.errors import ApplicationError, NotFound, ValidationFailed
from tuntas.inbound import review
from tuntas.inbound.forms import DismissForm, MakeReportForm
from tuntas.inbound.models import InboundMessage, InboundState
from tuntas.inbound.selectors import can_review, get_visible_message, unparseable_for
from tuntas.inbound.services import default_classification, title_from
from tuntas.organisations.authority import scope_of
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reports.actions import Submitted
from tuntas.staff.guard import allowed_only, forbidden, staff_user
from tuntas.staff.views.intake import submit_intake

PAGE_SIZE = 50


# Anonymous → login; anyone but coordinators, national admins, superusers → 403.
review_required = allowed_only(
    can_review,
    gettext_lazy("Hanya admin koordinator dan admin nasional yang dapat melihat pesan masuk."),
)


def _message(request: HttpRequest, pk: int) -> InboundMessage:
    try:
        return get_visible_message(staff_user(request), pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def coordinator_pemdas(user: User) -> list[Organisation]:
    """Where ``user`` may make reports (as coordinator, through ``intake_report``)."""
    pemdas, _agencies = scope_of(user).intake_organisation_ids()
    return list(Organisation.objects.filter(pk__in=pemdas, kind=OrganisationKind.PEMDA))


@never_cache
@review_required
def review_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    page = Paginator(unparseable_for(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inbound/review.html",
        {
            "page": page,
            "may_make_reports": bool(coordinator_pemdas(user)),
            "dismiss_form": DismissForm(),
        },
    )


def _already_handled(request: HttpRequest, message: InboundMessage) -> HttpResponse | None:
    if message.state == InboundState.UNPARSEABLE:
        return None
    messages.info(request, _("Pesan ini sudah ditangani."))
    return redirect("inbound:review")


@require_http_methods(["GET", "POST"])
@review_required
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    handled = _already_handled(request, message)
    if handled is not None:
        return handled
    form = DismissForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            review.dismiss_message(
                message, actor=staff_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationFailed as exc:
            for name, errors in exc.errors.items():
                form.add_error(name if name in form.fields else None, errors)
            messages.error(request, exc.message)
            status = 400
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("inbound:review")
        else:
            messages.success(request, _("Pesan diabaikan."))
            return redirect("inbound:review")
    return render(
        request, "inbound/dismiss.html", {"message": message, "form": form}, status=status
    )


def _initial(message: InboundMessage) -> dict[str, object]:
    text = message.text.strip()
    classification = default_classification()
    return {
        "organisation": message.pemda_id,
        "classification": classification.pk if classification else None,
        "title": title_from(message.subject, text)[:200],
        "description": text,
        "reporter_name": message.sender_name,
    }


@require_http_methods(["GET", "POST"])
@review_required
def make_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    message = _message(request, pk)
    handled = _already_handled(request, message)
    if handled is not None:
        return handled
    pemdas = coordinator_pemdas(user)
    if not pemdas:
        return forbidden(request, _("Hanya admin koordinator yang dapat membuat laporan."))
    form = MakeReportForm(request.POST or None, organisations=pemdas, initial=_initial(message))
    status = 200
    if request.method == "POST":

        def submit(data: dict[str, Any]) -> Submitted:
            return review.make_report_from_message(
                message,
                actor=user,
                organisation=data["organisation"],
                fields=review.ReportFields(
                    title=data["title"],
                    description=data["description"],
                    classification=data["classification"],
                    category=data["category"],
                    reporter_name=data["reporter_name"],
                    is_anonymous=data["is_anonymous"],
                    is_confidential=data["is_confidential"],
                ),
            )

        result = submit_intake(request, form, submit)
        if isinstance(result, HttpResponse):
            return result
        status = result
    return render(
        request, "inbound/make_report.html", {"message": message, "form": form}, status=status
    )
