"""Reads that depend on who is asking: another Pemda's document is a 404, never a leak."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.core.errors import NotFound
from tuntas.oversight import access
from tuntas.oversight.models import (
    EvaluationRecord,
    EvaluationState,
    QuarterlyReport,
    QuarterlyState,
)
from tuntas.oversight.transitions import waiting_for


def quarterly_reports_for(user: User) -> QuerySet[QuarterlyReport]:
    return QuarterlyReport.objects.filter(pemda_id__in=access.readable_pemdas(user)).select_related(
        "pemda", "compiled_by"
    )


def get_quarterly_report(user: User, pk: int) -> QuarterlyReport:
    found = quarterly_reports_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Laporan triwulan tidak ditemukan."), code="quarterly_not_found")
    return found


def quarterly_queue(user: User) -> list[QuarterlyReport]:
    """The documents waiting for this person's step (Kasi, Kabid, or the admin after a
    return), oldest first."""
    roles = access.pemda_roles(user)
    wanted = Q(pk__in=[])
    for state in QuarterlyState.values:
        if state == QuarterlyState.ARCHIVED:
            continue
        whose = waiting_for(state)
        pemda_ids = [pid for pid, held in roles.items() if held & whose]
        if pemda_ids:
            wanted |= Q(state=state, pemda_id__in=pemda_ids)
    return list(
        QuarterlyReport.objects.filter(wanted)
        .select_related("pemda", "compiled_by")
        .order_by("state_changed_at", "id")
    )


def evaluations_for(
    user: User,
    *,
    start: date | None = None,
    end: date | None = None,
    text: str = "",
    state: str = "",
) -> QuerySet[EvaluationRecord]:
    qs = EvaluationRecord.objects.filter(pemda_id__in=access.readable_pemdas(user)).select_related(
        "pemda", "created_by"
    )
    if start is not None:
        qs = qs.filter(held_on__gte=start)
    if end is not None:
        qs = qs.filter(held_on__lte=end)
    if state:
        qs = qs.filter(state=state)
    if text.strip():
        t = text.strip()
        qs = qs.filter(
            Q(title__icontains=t)
            | Q(place__icontains=t)
            | Q(minutes__icontains=t)
            | Q(reports__tracking_id__iexact=t)
        ).distinct()
    return qs.order_by("-held_on", "-id")


def get_evaluation(user: User, pk: int) -> EvaluationRecord:
    found = evaluations_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Catatan pemantauan tidak ditemukan."), code="evaluation_not_found")
    return found


def evaluation_queue(user: User) -> list[EvaluationRecord]:
    """Records waiting for this Kepala Dinas's decision."""
    return list(
        EvaluationRecord.objects.filter(
            state=EvaluationState.SUBMITTED, pemda_id__in=access.approver_pemdas(user)
        )
        .select_related("pemda", "created_by")
        .order_by("submitted_at", "id")
    )
