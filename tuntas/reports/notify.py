"""Who hears about what: each action becomes outbox messages for the right people."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.organisations.models import Role
from tuntas.outbox.services import enqueue
from tuntas.reports.models import Report
from tuntas.reports.transitions import ACTION_LABELS, Action


def users_with_role(role: Role, organisation_ids: list[int]) -> list[User]:
    return list(
        User.objects.filter(
            memberships__role=role,
            memberships__organisation_id__in=organisation_ids,
            is_active=True,
        ).distinct()
    )


def _agency_ids(report: Report, extra: dict[str, Any]) -> list[int]:
    ids = list(extra.get("agency_ids", []))
    if not ids and report.lead_agency_id is not None:
        ids = [report.lead_agency_id]
    return ids


def _recipients(report: Report, action: Action, extra: dict[str, Any]) -> tuple[list[User], bool]:
    """Staff recipients, and whether the reporter is told too."""
    pemda = [report.pemda_id] if report.pemda_id is not None else []
    agencies = _agency_ids(report, extra)
    coordinators = users_with_role(Role.COORDINATOR, pemda)
    liaisons = users_with_role(Role.LIAISON_OFFICER, agencies) + users_with_role(
        Role.LIAISON_ADMIN, agencies
    )
    heads = users_with_role(Role.AGENCY_HEAD, agencies)
    division = extra.get("division_id")
    staff = users_with_role(Role.DIVISION_STAFF, [division]) if division else []
    a = Action
    table: dict[Action, tuple[list[User], bool]] = {
        a.SUBMIT: (coordinators, True),
        a.COMPLETE: (coordinators, False),
        a.ROUTE_TO_PEMDA: (coordinators, True),
        a.HOLD: ([], True),
        a.NOT_IN_AUTHORITY: (users_with_role(Role.NATIONAL_ADMIN, _national_ids()), True),
        a.FORWARD_EXTERNAL: ([], True),
        a.ARCHIVE: ([], True),
        a.VERIFY: ([], True),
        a.DISPOSE: (liaisons, True),
        a.TRANSFER: (liaisons + coordinators, True),
        a.RETURN_DISPOSITION: (coordinators, False),
        a.ACCEPT: (coordinators, True),
        a.DISPOSE_INTERNALLY: (staff, False),
        a.REQUEST_CLARIFICATION: ([], True),
        a.CLARIFY: (heads + liaisons + staff, False),
        a.SUBMIT_DRAFT: (heads + users_with_role(Role.LIAISON_OFFICER, agencies), False),
        a.RETURN_DRAFT: (list(extra.get("authors", [])), False),
        a.APPROVE_DRAFT: (users_with_role(Role.LIAISON_ADMIN, agencies), False),
        a.PUBLISH_FOLLOWUP: (coordinators, True),
        a.INTAKE_SOLVED: ([], True),
        a.REPLY_SATISFIED: (liaisons + coordinators, False),
        a.REPLY_NOT_SATISFIED: (liaisons + heads + staff + coordinators, False),
        a.CLOSE: (liaisons, True),
        a.REOPEN: (liaisons + heads, True),
        a.FORWARD_OMBUDSMAN: (coordinators + liaisons, True),
    }
    return table.get(action, ([], False))


def _national_ids() -> list[int]:
    from tuntas.organisations.models import Organisation, OrganisationKind

    return list(
        Organisation.objects.filter(kind=OrganisationKind.NATIONAL).values_list("pk", flat=True)
    )


def notify(
    report: Report,
    action: Action,
    *,
    actor: User | None,
    now: datetime,
    reason: str,
    extra: dict[str, Any],
    reporter_reason: str = "",
) -> None:
    """Queue messages for the staff concerned and the reporter. ``reporter_reason`` is
    the part of the reason the reporter may read (empty for staff-internal notes)."""
    staff, tell_reporter = _recipients(report, action, extra)
    staff = [u for u in staff if actor is None or u.pk != actor.pk]
    label = str(ACTION_LABELS[action])
    subject = _("[%(id)s] %(label)s") % {"id": report.tracking_id, "label": label}
    headline = _('Laporan %(id)s "%(title)s": %(label)s.') % {
        "id": report.tracking_id,
        "title": report.title,
        "label": label,
    }
    body = f"{headline}\n{_('Keterangan')}: {reason}" if reason else headline
    reporter_body = (
        f"{headline}\n{_('Keterangan')}: {reporter_reason}" if reporter_reason else headline
    )
    key = f"{report.pk}:{action}:{now.isoformat()}"
    if staff:
        enqueue(
            event=str(action),
            now=now,
            subject=subject,
            body=body,
            link=f"/petugas/laporan/{report.tracking_id}/",
            report_id=report.pk,
            users=staff,
            key=f"{key}:staff",
        )
    if tell_reporter:
        users = [report.reporter] if report.reporter is not None else []
        users = [u for u in users if actor is None or u.pk != actor.pk]
        emails = (
            [report.reporter_email] if report.reporter is None and report.reporter_email else []
        )
        if users or emails:
            enqueue(
                event=str(action),
                now=now,
                subject=subject,
                body=reporter_body,
                link=f"/laporan/{report.tracking_id}/",
                report_id=report.pk,
                users=users,
                emails=emails,
                key=f"{key}:reporter",
            )
