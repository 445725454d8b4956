"""/petugas/pengawasan/: what waits for me, and the way to the recap, the quarterly
reports and the monitoring and evaluation records."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tuntas.oversight import access, selectors
from tuntas.staff.guard import forbidden, staff_required, staff_user


@require_GET
@staff_required
def home(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    readable = access.readable_pemdas(user)
    recap = access.recap_organisations(user)
    if not readable and not recap:
        return forbidden(request, _("Halaman pengawasan hanya untuk pengelola pengaduan."))
    context = {
        "can_read": bool(readable),
        "can_recap": bool(recap),
        "quarterly_queue": selectors.quarterly_queue(user),
        "evaluation_queue": selectors.evaluation_queue(user),
    }
    return render(request, "oversight/home.html", context)
