"""The staff's daily digest: reports in one's scope that are late or due by the end of
the next working day, queued once per local date (beat runs it at 07:00 WIB)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tuntas.accounts.models import User
from tuntas.organisations.authority import scope_of
from tuntas.organisations.models import Organisation, OrganisationKind, TimeZoneName
from tuntas.outbox.models import DIGEST_EVENT, DeliveryChannel, OutboxMessage
from tuntas.outbox.services import Composer, row_key
from tuntas.reports.access import reports_visible_to
from tuntas.reports.models import Report
from tuntas.reports.selectors import with_next_due
from tuntas.standards.models import Step
from tuntas.workdays.calendars import calendar_for, national_calendar
from tuntas.workdays.engine import add_working_days

# Reports listed per section; the rest are counted.
SECTION_LIMIT = 20
ZONE_LABELS = {
    TimeZoneName.WIB.value: "WIB",
    TimeZoneName.WITA.value: "WITA",
    TimeZoneName.WIT.value: "WIT",
}


def digest_key(user: User, day: date) -> str:
    return f"digest:{user.pk}:{day.isoformat()}"


def due_soon_filter(now: datetime) -> Q:
    """Reports whose nearest deadline (``next_due``) falls before the end of the next
    working day on their Pemda's calendar. One query for the Pemdas, whatever the
    number of reports."""
    national_end = add_working_days(national_calendar(), now, 1)
    q = Q(pemda_id__isnull=True, next_due__lte=national_end)
    ends: dict[datetime, list[int]] = {}
    for pemda in Organisation.objects.filter(kind=OrganisationKind.PEMDA):
        ends.setdefault(add_working_days(calendar_for(pemda), now, 1), []).append(pemda.pk)
    for end, ids in ends.items():
        q |= Q(pemda_id__in=ids, next_due__lte=end)
    return q


@dataclass(frozen=True)
class Section:
    reports: list[Report]
    total: int


def _section(qs: QuerySet[Report]) -> Section:
    """The first ``SECTION_LIMIT`` reports, nearest deadline first, and the total
    (counted only when there are more)."""
    rows = list(qs.select_related("pemda").order_by(F("next_due").asc(), "id")[: SECTION_LIMIT + 1])
    total = qs.count() if len(rows) > SECTION_LIMIT else len(rows)
    return Section(rows[:SECTION_LIMIT], total)


def _line(report: Report) -> str:
    due: datetime = report.next_due  # type: ignore[attr-defined]  # with_next_due annotation
    step: str = report.next_step  # type: ignore[attr-defined]  # with_next_due annotation
    zone = report.pemda.timezone if report.pemda is not None else TimeZoneName.WIB.value
    local = timezone.localtime(due, ZoneInfo(zone))
    return _('- %(id)s "%(title)s": %(step)s, tenggat %(due)s %(zone)s') % {
        "id": report.tracking_id,
        "title": report.title,
        "step": Step(step).label if step in Step.values else step,
        "due": date_format(local, "j M Y H:i"),
        "zone": ZONE_LABELS.get(zone, zone),
    }


def _block(heading: str, section: Section) -> list[str]:
    lines = [f"{heading} ({section.total}):", *(_line(r) for r in section.reports)]
    more = section.total - len(section.reports)
    if more > 0:
        lines.append(
            ngettext("dan %(n)s laporan lainnya.", "dan %(n)s laporan lainnya.", more) % {"n": more}
        )
    return lines


def _compose(day: date, overdue: Section, soon: Section) -> tuple[str, str]:
    subject = _("Ringkasan harian Tuntas %(date)s: %(late)s terlambat, %(soon)s jatuh tempo") % {
        "date": date_format(day, "j M Y"),
        "late": overdue.total,
        "soon": soon.total,
    }
    lines = [_("Laporan dalam cakupan Anda yang perlu perhatian hari ini."), ""]
    if overdue.total:
        lines += [*_block(_("Terlambat"), overdue), ""]
    if soon.total:
        lines += _block(_("Jatuh tempo sampai akhir hari kerja berikutnya"), soon)
    return subject, "\n".join(lines).strip()


def staff_for_digest(day: date) -> list[User]:
    """Active users with a staff role, the digest on, and no digest yet for ``day``."""
    candidates = list(
        User.objects.filter(is_active=True, memberships__isnull=False)
        .exclude(notification_preference__daily_digest=False)
        .distinct()
        .order_by("pk")
    )
    keys = {row_key(digest_key(u, day), DeliveryChannel.IN_APP, u.pk): u.pk for u in candidates}
    done = set(
        OutboxMessage.objects.filter(idempotency_key__in=list(keys)).values_list(
            "idempotency_key", flat=True
        )
    )
    done_users = {keys[k] for k in done}
    return [u for u in candidates if u.pk not in done_users and scope_of(u).is_staff]


def queue_daily_digests(now: datetime | None = None) -> int:
    """Queue today's digest for every staff member who has something late or due soon;
    returns how many were queued. Running it again on the same date queues nothing."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    users = staff_for_digest(day)
    if not users:
        return 0
    soon_q = due_soon_filter(now)
    composer = Composer(now)
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            # Q(): the stubs do not know the ``next_due`` annotation.
            # One's own report as a reporter is never in one's staff digest (issue 11).
            mine = (
                with_next_due(reports_visible_to(user))
                .exclude(reporter=user)
                .filter(Q(next_due__isnull=False))
            )
            overdue = _section(mine.filter(Q(next_due__lt=now)))
            soon = _section(mine.filter(soon_q, Q(next_due__gte=now)))
            if not overdue.total and not soon.total:
                continue
            subject, body = _compose(day, overdue, soon)
            composer.add(
                event=DIGEST_EVENT,
                subject=subject,
                body=body,
                key=digest_key(user, day),
                link="/petugas/?late=on" if overdue.total else "/petugas/",
                users=[user],
            )
            queued += 1
    composer.save()
    return queued
