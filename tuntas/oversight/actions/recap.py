"""SOP 6's last step: the day's recap is checked and reported to the superior."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import Conflict, PermissionDenied, ValidationFailed
from tuntas.organisations.models import Membership, Organisation, OrganisationKind, Role
from tuntas.oversight import access
from tuntas.oversight.actions.common import notify_users, now_or
from tuntas.oversight.models import DailyRecap
from tuntas.oversight.periods import local_today
from tuntas.oversight.recap import compile_daily_recap


def superiors(organisation: Organisation) -> list[User]:
    """Who the recap is reported to: the Kabid for the Pemda's recap, the Kepala Dinas
    for an agency's."""
    if organisation.kind == OrganisationKind.PEMDA:
        return access.holders(organisation, Role.DIVISION_HEAD)
    rows = Membership.objects.filter(
        organisation=organisation, role=Role.AGENCY_HEAD, user__is_active=True
    ).select_related("user")
    return [m.user for m in rows]


@transaction.atomic
def report_daily_recap(
    *,
    organisation: Organisation,
    day: date,
    actor: User,
    note: str = "",
    now: datetime | None = None,
) -> DailyRecap:
    """Record the day's recap as checked and reported, with its figures at this moment."""
    now = now_or(now)
    if not access.may_report_recap(actor, organisation):
        raise PermissionDenied(
            _(
                "Rekap harian pemerintah daerah dilaporkan oleh Kasi; rekap OPD oleh "
                "pejabat penghubungnya."
            ),
            code="not_your_step",
        )
    if day >= local_today(organisation, now):
        raise ValidationFailed(
            {"day": [_("Hanya hari yang sudah lewat yang dapat dilaporkan.")]},
            _("Hari ini belum selesai."),
        )
    if len(note) > 4000:
        raise ValidationFailed({"note": [_("Catatan terlalu panjang (maksimal 4000 karakter).")]})
    figures = compile_daily_recap(organisation=organisation, day=day, now=now)
    try:
        with transaction.atomic():
            recap = DailyRecap.objects.create(
                organisation=organisation,
                day=day,
                figures=figures,
                note=note.strip(),
                reported_by=actor,
                reported_at=now,
            )
    except IntegrityError as exc:
        raise Conflict(_("Rekap tanggal ini sudah dilaporkan."), code="already_reported") from exc
    record_event(
        action=AuditAction.DAILY_RECAP_REPORT,
        actor=actor,
        now=now,
        organisation=organisation,
        to_status="reported",
        reason=note.strip(),
        data={"daily_recap": recap.pk, "day": day.isoformat(), "counts": figures["counts"]},
    )
    link = reverse("oversight:recap") + f"?organisasi={organisation.pk}&tanggal={day.isoformat()}"
    notify_users(
        superiors(organisation),
        event="daily_recap_report",
        key=f"oversight:recap:{recap.pk}",
        subject=_("Rekap laporan harian %(org)s %(day)s")
        % {
            "org": organisation,
            "day": day.strftime("%d-%m-%Y"),
        },
        body=_("Diterima %(r)s, ditindaklanjuti %(f)s, selesai %(c)s, terlambat %(o)s.")
        % {
            "r": figures["counts"]["received"],
            "f": figures["counts"]["followed_up"],
            "c": figures["counts"]["closed"],
            "o": figures["counts"]["overdue"],
        },
        link=link,
        now=now,
        exclude=actor,
    )
    return recap
