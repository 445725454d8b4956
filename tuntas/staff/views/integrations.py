"""/petugas/integrasi/: the settings that connect Tuntas to other systems, in one place."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tuntas.staff.guard import forbidden, staff_required, staff_user
from tuntas.staff.integrations import integrations_for


@require_GET
@staff_required
def integrations(request: HttpRequest) -> HttpResponse:
    entries = integrations_for(staff_user(request))
    if not entries:
        return forbidden(
            request, _("Pengaturan integrasi hanya untuk admin koordinator dan admin nasional.")
        )
    return render(request, "staff/integrations.html", {"entries": entries})
