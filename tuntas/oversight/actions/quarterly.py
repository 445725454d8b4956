"""Every move of a quarterly report (seed 003 SOP 3), checked against ``QUARTERLY_TABLE``.

Each action runs in one transaction, locks the document row, checks the actor's role for
the document's Pemda and the state, records the sign-off and an audit event, and queues
a notice for whoever acts next.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.services import record_event
from tuntas.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tuntas.organisations.models import Organisation, OrganisationKind, Role
from tuntas.oversight import access
from tuntas.oversight.actions.common import notify_users, now_or
from tuntas.oversight.models import QuarterlyReport, QuarterlySignOff, QuarterlyState
from tuntas.oversight.periods import quarter_period
from tuntas.oversight.quarterly import compile_quarter_content, period_label
from tuntas.oversight.transitions import (
    NEW,
    QUARTERLY_AUDIT,
    QuarterlyMove,
    QuarterlyTransition,
    quarterly_transition,
)

MAX_NOTE = 4000


def document_link(report: QuarterlyReport) -> str:
    return reverse("oversight:quarterly_detail", args=[report.pk])


def _wrong_state(report: QuarterlyReport | None, move: QuarterlyMove) -> Conflict:
    state = report.get_state_display() if report is not None else _("belum disusun")
    return Conflict(
        _("Langkah ini tidak dapat dilakukan: laporan triwulan berstatus “%(state)s”.")
        % {"state": state},
        code="wrong_state",
        extra={"move": str(move), "state": report.state if report is not None else ""},
    )


def _authorise(row: QuarterlyTransition, actor: User, pemda: Organisation) -> None:
    if not access.has_role(actor, pemda, row.role):
        raise PermissionDenied(
            _("Langkah ini hanya dapat dilakukan oleh %(role)s.") % {"role": Role(row.role).label},
            code="not_your_step",
        )


def _lock(report: QuarterlyReport | int, actor: User) -> QuarterlyReport:
    pk = report.pk if isinstance(report, QuarterlyReport) else report
    locked = (
        QuarterlyReport.objects.select_for_update(of=("self",))
        .select_related("pemda", "compiled_by")
        .filter(pk=pk)
        .first()
    )
    if locked is None or locked.pemda_id not in access.readable_pemdas(actor):
        raise NotFound(_("Laporan triwulan tidak ditemukan."), code="quarterly_not_found")
    return locked


def _clean_note(note: str, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationFailed(
            {"note": [_("Tuliskan apa yang perlu diperbaiki.")]},
            _("Catatan pengembalian wajib diisi."),
        )
    if len(note) > MAX_NOTE:
        raise ValidationFailed({"note": [_("Catatan terlalu panjang (maksimal 4000 karakter).")]})
    return note


def _notice(
    report: QuarterlyReport,
    row: QuarterlyTransition,
    actor: User,
    now: datetime,
    key: str,
    note: str,
) -> None:
    label = f"{report.pemda} — {period_label(report.year, report.quarter)}"
    link = document_link(report)
    if row.next_role is not None:
        if row.move == QuarterlyMove.RETURN:
            subject = _("Laporan triwulan dikembalikan: %(label)s") % {"label": label}
            body = _("%(who)s mengembalikan laporan triwulan untuk diperbaiki: %(note)s") % {
                "who": actor.display_name,
                "note": note,
            }
        else:
            subject = _("Laporan triwulan menunggu pemeriksaan Anda: %(label)s") % {"label": label}
            body = _("%(who)s: %(state)s.") % {
                "who": actor.display_name,
                "state": report.get_state_display(),
            }
        notify_users(
            access.holders(report.pemda, row.next_role),
            event=f"quarterly_{row.move}",
            key=key,
            subject=subject,
            body=body,
            link=link,
            now=now,
            exclude=actor,
        )
    elif row.move == QuarterlyMove.ARCHIVE:
        notify_users(
            access.holders(report.pemda, Role.COORDINATOR)
            + access.holders(report.pemda, Role.SECTION_HEAD),
            event="quarterly_archive",
            key=key,
            subject=_("Laporan triwulan diarsipkan: %(label)s") % {"label": label},
            body=_("Laporan triwulan diarsipkan sebagai bahan rapat evaluasi berkala 3 bulan."),
            link=link,
            now=now,
            exclude=actor,
        )


def _audit(
    report: QuarterlyReport,
    row: QuarterlyTransition,
    source: str,
    actor: User,
    now: datetime,
    note: str,
) -> None:
    record_event(
        action=QUARTERLY_AUDIT[row.move],
        actor=actor,
        now=now,
        organisation=report.pemda,
        from_status=source,
        to_status=row.target,
        reason=note,
        data={"quarterly_report": report.pk, "year": report.year, "quarter": report.quarter},
    )


@transaction.atomic
def compile_quarterly_report(
    *,
    pemda: Organisation,
    year: int,
    quarter: int,
    actor: User,
    notes: str = "",
    now: datetime | None = None,
) -> QuarterlyReport:
    """Compile (or re-compile a draft or returned) quarterly report from every channel."""
    now = now_or(now)
    if pemda.kind != OrganisationKind.PEMDA or not access.has_role(actor, pemda, Role.COORDINATOR):
        raise PermissionDenied(
            _("Laporan triwulan hanya dapat disusun oleh admin utama pemerintah daerah ini."),
            code="not_your_step",
        )
    errors: dict[str, list[str]] = {}
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = [_("Pilih triwulan 1 sampai 4.")]
    if not 2000 <= year <= now.year:
        errors["year"] = [_("Tahun tidak sah.")]
    if len(notes) > 20000:
        errors["notes"] = [_("Catatan terlalu panjang.")]
    if errors:
        raise ValidationFailed(errors)
    if now < quarter_period(pemda, year, quarter).end:
        raise ValidationFailed(
            {
                "quarter": [
                    _("Triwulan ini belum berakhir; laporan disusun setelah triwulan selesai.")
                ]
            },
            _("%(period)s belum berakhir.") % {"period": period_label(year, quarter)},
        )
    existing = (
        QuarterlyReport.objects.select_for_update(of=("self",))
        .filter(pemda=pemda, year=year, quarter=quarter)
        .first()
    )
    source = existing.state if existing is not None else NEW
    row = quarterly_transition(QuarterlyMove.COMPILE, source)
    if row is None:
        raise _wrong_state(existing, QuarterlyMove.COMPILE)
    _authorise(row, actor, pemda)
    content = compile_quarter_content(pemda=pemda, year=year, quarter=quarter, now=now)
    if existing is None:
        try:
            with transaction.atomic():
                report = QuarterlyReport.objects.create(
                    pemda=pemda,
                    year=year,
                    quarter=quarter,
                    state=row.target,
                    content=content,
                    notes=notes.strip(),
                    compiled_at=now,
                    compiled_by=actor,
                    created_at=now,
                    created_by=actor,
                    state_changed_at=now,
                )
        except IntegrityError as exc:
            raise Conflict(
                _("Laporan triwulan ini baru saja disusun oleh orang lain; muat ulang halaman."),
                code="already_compiled",
            ) from exc
    else:
        report = existing
        report.content = content
        report.notes = notes.strip()
        report.compiled_at = now
        report.compiled_by = actor
        report.compile_count += 1
        report.state = row.target
        report.state_changed_at = now
        report.save()
    _audit(report, row, source or "", actor, now, "")
    return report


def _move(
    report: QuarterlyReport | int,
    move: QuarterlyMove,
    *,
    actor: User,
    note: str,
    now: datetime | None,
) -> QuarterlyReport:
    now = now_or(now)
    locked = _lock(report, actor)
    source = locked.state
    row = quarterly_transition(move, source)
    if row is None:
        raise _wrong_state(locked, move)
    _authorise(row, actor, locked.pemda)
    note = _clean_note(note, row.note_required)
    if move != QuarterlyMove.SUBMIT and actor.pk == locked.compiled_by_id:
        raise PermissionDenied(
            _("Penyusun laporan tidak dapat memeriksa atau memaraf laporannya sendiri."),
            code="four_eyes",
        )
    assert row.decision is not None
    signoff = QuarterlySignOff.objects.create(
        report=locked,
        actor=actor,
        actor_name=actor.display_name,
        role=row.role,
        role_label=str(Role(row.role).label),
        decision=row.decision,
        from_state=source,
        to_state=row.target,
        note=note,
        created_at=now,
    )
    locked.state = row.target
    locked.state_changed_at = now
    if move == QuarterlyMove.SUBMIT:
        locked.submitted_at = now
    if row.target == QuarterlyState.ARCHIVED:
        locked.archived_at = now
    locked.save(update_fields=["state", "state_changed_at", "submitted_at", "archived_at"])
    _audit(locked, row, source, actor, now, note)
    _notice(locked, row, actor, now, f"oversight:quarterly:{locked.pk}:{signoff.pk}", note)
    return locked


@transaction.atomic
def submit_quarterly_report(
    report: QuarterlyReport | int, *, actor: User, now: datetime | None = None
) -> QuarterlyReport:
    return _move(report, QuarterlyMove.SUBMIT, actor=actor, note="", now=now)


@transaction.atomic
def return_quarterly_report(
    report: QuarterlyReport | int, *, actor: User, note: str, now: datetime | None = None
) -> QuarterlyReport:
    return _move(report, QuarterlyMove.RETURN, actor=actor, note=note, now=now)


@transaction.atomic
def initial_quarterly_report(
    report: QuarterlyReport | int, *, actor: User, note: str = "", now: datetime | None = None
) -> QuarterlyReport:
    return _move(report, QuarterlyMove.INITIAL, actor=actor, note=note, now=now)


@transaction.atomic
def check_resolved_quarterly_report(
    report: QuarterlyReport | int, *, actor: User, note: str = "", now: datetime | None = None
) -> QuarterlyReport:
    return _move(report, QuarterlyMove.CHECK_RESOLVED, actor=actor, note=note, now=now)


@transaction.atomic
def archive_quarterly_report(
    report: QuarterlyReport | int, *, actor: User, note: str = "", now: datetime | None = None
) -> QuarterlyReport:
    return _move(report, QuarterlyMove.ARCHIVE, actor=actor, note=note, now=now)


def apply_move(
    report: QuarterlyReport | int,
    move: QuarterlyMove,
    *,
    actor: User,
    note: str = "",
    now: datetime | None = None,
) -> QuarterlyReport:
    """One entry point for the pages and the API: the move named ``move``."""
    if move == QuarterlyMove.SUBMIT:
        return submit_quarterly_report(report, actor=actor, now=now)
    if move == QuarterlyMove.RETURN:
        return return_quarterly_report(report, actor=actor, note=note, now=now)
    if move == QuarterlyMove.INITIAL:
        return initial_quarterly_report(report, actor=actor, note=note, now=now)
    if move == QuarterlyMove.CHECK_RESOLVED:
        return check_resolved_quarterly_report(report, actor=actor, note=note, now=now)
    if move == QuarterlyMove.ARCHIVE:
        return archive_quarterly_report(report, actor=actor, note=note, now=now)
    raise NotFound(_("Langkah tidak dikenal."), code="unknown_move")
