"""The staff inbox (/petugas/)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tuntas.staff import selectors
from tuntas.staff.forms.inbox import InboxFilterForm
from tuntas.staff.guard import staff_required, staff_user

PAGE_SIZE = 25
SECTION_SIZE = 25


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    now = timezone.now()
    choices = selectors.filter_choices(user)
    form = InboxFilterForm(request.GET or None, choices=choices)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    status = 400 if form.is_bound and form.errors else 200

    mine_qs = selectors.needs_action(user)
    late_qs = selectors.overdue(user, now)
    mine = list(mine_qs[: SECTION_SIZE + 1])
    late = list(late_qs[: SECTION_SIZE + 1])
    page = Paginator(selectors.in_scope(user, filters, now), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "roles": selectors.held_roles(user),
        "mine": selectors.rows(mine[:SECTION_SIZE], now),
        "mine_more": len(mine) > SECTION_SIZE,
        "late": selectors.rows(late[:SECTION_SIZE], now),
        "late_more": len(late) > SECTION_SIZE,
        "page": page,
        "all_rows": selectors.rows(page.object_list, now),
        "form": form,
        "query": query.urlencode(),
        "section_size": SECTION_SIZE,
    }
    return render(request, "staff/home.html", context, status=status)
