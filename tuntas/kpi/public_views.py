"""/statistik/: public statistics, open to everyone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tuntas.kpi.facts import last_refreshed_at
from tuntas.kpi.public import PublicFilterForm, public_rows


def statistics(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET)
    this_year = timezone.now().astimezone(ZoneInfo("Asia/Jakarta")).year
    context: dict[str, object] = {"form": form}
    if not form.is_valid():
        return render(request, "kpi/public.html", context, status=400)
    pemda = form.cleaned_data.get("pemda")
    year = form.cleaned_data.get("year") or this_year
    rows, total = public_rows(pemda, year)
    context.update(rows=rows, total=total, pemda=pemda, year=year, data_as_of=last_refreshed_at())
    return render(request, "kpi/public.html", context)
