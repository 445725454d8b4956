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


# Who hears about each action: the staff audiences, and whether the reporter is told.
COORDINATORS = "coordinators"
LIAISONS = "liaisons"  # liaison officers and liaison admins of the agencies concerned
LIAISON_OFFICERS = "liaison_officers"
LIAISON_ADMINS = "liaison_admins"
AGENCY_HEADS = "agency_heads"
DIVISION_STAFF = "division_staff"
NATIONAL_ADMINS = "national_admins"
DRAFT_AUTHORS = "draft_authors"

A = Action
AUDIENCES: dict[Action, tuple[tuple[str, ...], bool]] = {
    A.SUBMIT: ((COORDINATORS,), True),
    A.COMPLETE: ((COORDINATORS,), False),
    A.ROUTE_TO_PEMDA: ((COORDINATORS,), True),
    A.HOLD: ((), True),
    A.NOT_IN_AUTHORITY: ((NATIONAL_ADMINS,), True),
    A.FORWARD_EXTERNAL: ((), True),
    A.ARCHIVE: ((), True),
    A.VERIFY: ((), True),
    A.DISPOSE: ((LIAISONS,), True),
    A.TRANSFER: ((LIAISONS, COORDINATORS), True),
    A.RETURN_DISPOSITION: ((COORDINATORS,), False),
    A.ACCEPT: ((COORDINATORS,), True),
    A.DISPOSE_INTERNALLY: ((DIVISION_STAFF,), False),
    A.REQUEST_CLARIFICATION: ((), True),
    A.CLARIFY: ((AGENCY_HEADS, LIAISONS, DIVISION_STAFF), False),
    A.SUBMIT_DRAFT: ((AGENCY_HEADS, LIAISON_OFFICERS), False),
    A.RETURN_DRAFT: ((DRAFT_AUTHORS,), False),
    A.APPROVE_DRAFT: ((LIAISON_ADMINS,), False),
    A.PUBLISH_FOLLOWUP: ((COORDINATORS,), True),
    A.INTAKE_SOLVED: ((), True),
    A.REPLY_SATISFIED: ((LIAISONS, COORDINATORS), False),
    A.REPLY_NOT_SATISFIED: ((LIAISONS, AGENCY_HEADS, DIVISION_STAFF, COORDINATORS), False),
    A.CLOSE: ((LIAISONS,), True),
    A.REOPEN: ((LIAISONS, AGENCY_HEADS), True),
    A.FORWARD_OMBUDSMAN: ((COORDINATORS, LIAISONS), True),
}


def _audience(name: str, report: Report, extra: dict[str, Any]) -> list[User]:
    """The people of one audience; only the audiences an action names are queried."""
    agencies = _agency_ids(report, extra)
    if name == COORDINATORS:
        pemda = [report.pemda_id] if report.pemda_id is not None else []
        return users_with_role(Role.COORDINATOR, pemda)
    if name == LIAISONS:
        return users_with_role(Role.LIAISON_OFFICER, agencies) + users_with_role(
            Role.LIAISON_ADMIN, agencies
        )
    if name == LIAISON_OFFICERS:
        return users_with_role(Role.LIAISON_OFFICER, agencies)
    if name == LIAISON_ADMINS:
        return users_with_role(Role.LIAISON_ADMIN, agencies)
    if name == AGENCY_HEADS:
        return users_with_role(Role.AGENCY_HEAD, agencies)
    if name == DIVISION_STAFF:
        division = extra.get("division_id")
        return users_with_role(Role.DIVISION_STAFF, [division]) if division else []
    if name == NATIONAL_ADMINS:
        return users_with_role(Role.NATIONAL_ADMIN, _national_ids())
    if name == DRAFT_AUTHORS:
        return list(extra.get("authors", []))
    raise ValueError(name)


def _recipients(report: Report, action: Action, extra: dict[str, Any]) -> tuple[list[User], bool]:
    """Staff recipients, and whether the reporter is told too."""
    names, tell_reporter = AUDIENCES.get(action, ((), False))
    staff = [user for name in names for user in _audience(name, report, extra)]
    return staff, tell_reporter


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
