"""The right to erasure (UU PDP 27/2022): a reporter asks, Tuntas forgets who they are.

The flow (docs/privacy.md):

1. The reporter asks (``request_erasure``): signed in, for their account and every report
   filed with it; or proven by a report's access code, for that report only. The request
   waits ``TUNTAS_ERASURE_WAIT_HOURS`` (default 48, at most 72), during which the reporter
   may cancel it (``cancel_erasure``).
2. It is carried out (``carry_out``) when a coordinator of the reports' Pemda or the
   national admin confirms it (``confirm_erasure``), or by the hourly purge once it is due
   (``carry_out_due``).

Carrying it out replaces the reporter's identity by a pseudonym (``Pelapor-7KQ2MX``,
random, not derived from anything) and deletes what they gave: the name, NIK, phone and
e-mail typed on the reports, the account's login and details (a citizen's account only:
it can no longer sign in), the files they uploaded (evidence, completed data), the text of
their messages and replies, their words in the timeline, what the inbound channels
received from them and the outgoing messages addressed to them. What stays: each report
(its subject, description, location, status, the agencies' work), the audit trail with
the pseudonym as the actor, the KPI statistics. The status never changes.

Staff accounts are never erased this way (their work is the public record of the
handling); a staff member's request is refused with a pointer to the national admin.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from tuntas.accounts.models import ApiToken, User
from tuntas.apikeys.models import ApiKey
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent, IdentityView
from tuntas.audit.services import record_event
from tuntas.core.errors import Conflict, PermissionDenied
from tuntas.inbound.models import InboundMessage
from tuntas.organisations.authority import administers_all, coordinated_pemda_ids, scope_of
from tuntas.outbox.models import Notification, NotificationPreference, OutboxMessage
from tuntas.privacy.export import Subject
from tuntas.privacy.models import ErasureRequest, ErasureState
from tuntas.reports.disclosure import BY_REPORTER_KINDS
from tuntas.reports.models import Attachment, Feedback, Message, Report
from tuntas.reports.selectors import REPORTER_FILE_KINDS
from tuntas.reports.transitions import REPORTER

ERASED_TEXT = "[dihapus atas permintaan pelapor]"
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SIGN_IN_EVENTS = (AuditAction.SIGN_IN_FAILED, AuditAction.SECOND_FACTOR_FAILED)


def new_pseudonym() -> str:
    return "Pelapor-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(6))


def is_staff_account(user: User) -> bool:
    """Staff (any role), Django staff and superusers, and API-key service accounts."""
    return bool(
        user.is_staff
        or user.is_superuser
        or scope_of(user).is_staff
        or ApiKey.objects.filter(user=user).exists()
    )


def subject_of(request: ErasureRequest) -> Subject:
    if request.user_id is not None:
        return Subject(user=request.user)
    return Subject(report=request.report)


def pending_request(subject: Subject) -> ErasureRequest | None:
    requests = ErasureRequest.objects.filter(state=ErasureState.PENDING)
    if subject.user is not None:
        return requests.filter(user=subject.user).first()
    return requests.filter(report=subject.report, user__isnull=True).first()


def _audit_data(request: ErasureRequest, **extra: Any) -> dict[str, Any]:
    return {
        "request": request.pk,
        "subject_user_id": request.user_id,
        "report_id": request.report_id,
        **extra,
    }


# ---------------------------------------------------------------- the reporter asks


def request_erasure(
    subject: Subject, *, actor: User | None, surface: str, now: datetime
) -> ErasureRequest:
    """Record the request; it is carried out once confirmed or due."""
    if subject.user is not None and is_staff_account(subject.user):
        raise PermissionDenied(
            _(
                "Akun petugas tidak dihapus melalui permintaan ini: pekerjaan petugas adalah "
                "catatan resmi penanganan laporan. Hubungi admin nasional."
            ),
            code="staff_account",
        )
    with transaction.atomic():
        if subject.user is not None:
            User.objects.select_for_update().filter(pk=subject.user.pk).first()
        else:
            assert subject.report is not None
            Report.objects.select_for_update().filter(pk=subject.report.pk).first()
        if pending_request(subject) is not None:
            raise Conflict(
                _("Permintaan penghapusan data Anda sudah tercatat dan sedang menunggu."),
                code="erasure_pending",
            )
        request = ErasureRequest.objects.create(
            user=subject.user,
            report=subject.report if subject.user is None else None,
            requested_at=now,
            due_at=now + timedelta(hours=int(settings.TUNTAS_ERASURE_WAIT_HOURS)),
        )
        record_event(
            action=AuditAction.ERASURE_REQUESTED,
            actor=actor,
            actor_label="" if actor is not None else _("Pelapor (kode akses)"),
            now=now,
            data=_audit_data(request, surface=surface, due_at=request.due_at.isoformat()),
        )
    return request


def cancel_erasure(request: ErasureRequest, *, actor: User | None, now: datetime) -> None:
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if locked.state != ErasureState.PENDING:
            raise Conflict(
                _("Permintaan ini sudah tidak dapat dibatalkan."), code="erasure_not_pending"
            )
        locked.state = ErasureState.CANCELLED
        locked.finished_at = now
        locked.save(update_fields=["state", "finished_at"])
        record_event(
            action=AuditAction.ERASURE_CANCELLED,
            actor=actor,
            actor_label="" if actor is not None else _("Pelapor (kode akses)"),
            now=now,
            data=_audit_data(locked),
        )


# ---------------------------------------------------------------- staff confirm


def request_pemda_ids(request: ErasureRequest) -> set[int | None]:
    return {r.pemda_id for r in subject_of(request).reports()}


def may_confirm(staff: User, request: ErasureRequest) -> bool:
    """The national admin, or a coordinator of every Pemda the request's reports are in
    (an account without reports: the national admin only)."""
    if administers_all(staff):
        return True
    coordinated = set(coordinated_pemda_ids(staff))
    pemdas = request_pemda_ids(request)
    return bool(coordinated and pemdas) and pemdas <= coordinated


def confirm_erasure(request: ErasureRequest, *, actor: User, now: datetime) -> ErasureRequest:
    """A coordinator or the national admin carries the request out now."""
    if not may_confirm(actor, request):
        raise PermissionDenied(
            _("Hanya admin koordinator pemerintah daerah laporan ini atau admin nasional."),
            code="not_coordinator",
        )
    return carry_out(request, actor=actor, now=now)


def carry_out_due(*, now: datetime, dry_run: bool = False) -> list[ErasureRequest]:
    """Every pending request whose waiting period has passed (the hourly purge)."""
    due = list(
        ErasureRequest.objects.filter(state=ErasureState.PENDING, due_at__lte=now).order_by(
            "due_at", "id"
        )
    )
    if dry_run:
        return due
    done: list[ErasureRequest] = []
    for request in due:
        try:
            done.append(carry_out(request, actor=None, now=now))
        except Conflict:
            continue  # cancelled or carried out meanwhile
    return done


# ---------------------------------------------------------------- carrying it out


@dataclass
class Erased:
    reports: int = 0
    files: int = 0
    messages: int = 0
    feedback_comments: int = 0
    timeline_texts: int = 0
    inbound_messages: int = 0
    outbox_messages: int = 0
    account: bool = False
    tracking_ids: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "files": self.files,
            "messages": self.messages,
            "feedback_comments": self.feedback_comments,
            "timeline_texts": self.timeline_texts,
            "inbound_messages": self.inbound_messages,
            "outbox_messages": self.outbox_messages,
            "account": self.account,
        }


def _contacts(user: User | None, reports: list[Report]) -> set[str]:
    found = {v for r in reports for v in (r.reporter_email, r.reporter_phone) if v}
    if user is not None:
        found |= {v for v in (user.email, user.phone) if v}
    return found


def _erase_reports(
    reports: list[Report], user: User | None, unlink: User | None, pseudonym: str, out: Erased
) -> None:
    ids = [r.pk for r in reports]
    out.reports = len(ids)
    out.tracking_ids = [r.tracking_id for r in reports]
    changes: dict[str, Any] = {
        "reporter_name": pseudonym,
        "reporter_nik": "",
        "reporter_phone": "",
        "reporter_email": "",
    }
    Report.objects.filter(pk__in=ids).update(**changes)
    files = Attachment.objects.filter(report_id__in=ids, kind__in=REPORTER_FILE_KINDS)
    out.paths = [str(a.file.name) for a in files if a.file]
    out.files = files.count()
    files.delete()
    out.messages = Message.objects.filter(report_id__in=ids, kind__in=BY_REPORTER_KINDS).update(
        body=ERASED_TEXT
    )
    out.feedback_comments = (
        Feedback.objects.filter(report_id__in=ids).exclude(comment="").update(comment="")
    )
    # The reporter's own words in the timeline (their replies' comments, their reasons).
    out.timeline_texts = (
        AuditEvent.objects.filter(report_id__in=ids, data__capacity=REPORTER)
        .exclude(reason="")
        .update(reason=ERASED_TEXT)
    )
    by_reporter = Q(data__capacity=REPORTER)
    if user is not None:
        by_reporter |= Q(actor=user)
    AuditEvent.objects.filter(Q(report_id__in=ids) & by_reporter).update(actor_label=pseudonym)
    if unlink is not None:
        # The report was filed with an account the request does not erase (proven by the
        # access code): the report no longer leads to that account.
        Report.objects.filter(pk__in=ids, reporter=unlink).update(reporter=None)
        Report.objects.filter(pk__in=ids, created_by=unlink).update(created_by=None)
        AuditEvent.objects.filter(report_id__in=ids, actor=unlink).update(actor=None)
        Message.objects.filter(report_id__in=ids, author=unlink).update(author=None)
        Attachment.objects.filter(report_id__in=ids, uploaded_by=unlink).update(uploaded_by=None)
        IdentityView.objects.filter(report_id__in=ids, subject=unlink).update(subject=None)


def _erase_messages(
    reports: list[Report], user: User | None, contacts: set[str], out: Erased
) -> None:
    ids = [r.pk for r in reports]
    inbound = Q(report_id__in=ids)
    if contacts:
        inbound |= Q(sender__in=sorted(contacts))
    out.inbound_messages = InboundMessage.objects.filter(inbound).update(
        sender="", sender_name="", subject="", text=ERASED_TEXT, raw=""
    )
    outgoing = Q(report_id__in=ids, recipient__isnull=True, address__in=sorted(contacts))
    if user is not None:
        outgoing |= Q(recipient=user)
    out.outbox_messages = OutboxMessage.objects.filter(outgoing).update(
        address="", body=ERASED_TEXT
    )


def _erase_account(user: User, pseudonym: str, out: Erased) -> None:
    typed = Q()
    for name in {user.username, user.email} - {""}:
        typed |= Q(data__username__iexact=name)
    # Failed sign-ins name the username typed: the pseudonym replaces it.
    failures = AuditEvent.objects.filter(typed, action__in=[str(a) for a in SIGN_IN_EVENTS])
    for event in failures:
        data = event.data if isinstance(event.data, dict) else {}
        event.data = {**data, "username": pseudonym}
        event.save(update_fields=["data"])
    AuditEvent.objects.filter(actor=user).update(actor_label=pseudonym)
    user.username = f"terhapus-{user.pk}"
    user.full_name = pseudonym
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.phone = ""
    user.nik = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    ApiToken.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    out.account = True


def delete_files_after_commit(paths: list[str]) -> None:
    """Storage is not transactional: files go once the rows are gone for good."""

    def delete() -> None:
        for path in paths:
            default_storage.delete(path)

    if paths:
        transaction.on_commit(delete)


def carry_out(request: ErasureRequest, *, actor: User | None, now: datetime) -> ErasureRequest:
    """Erase the identity (see the module's docstring), in one transaction."""
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if locked.state != ErasureState.PENDING:
            raise Conflict(
                _("Permintaan ini sudah dijalankan atau dibatalkan."), code="erasure_not_pending"
            )
        subject = subject_of(locked)
        user = subject.user
        if user is not None and is_staff_account(user):
            raise PermissionDenied(_("Akun petugas tidak dihapus."), code="staff_account")
        reports = list(
            Report.objects.select_for_update().filter(pk__in=[r.pk for r in subject.reports()])
        )
        pseudonym = new_pseudonym()
        contacts = _contacts(user, reports)
        unlink = None
        if user is None and reports and reports[0].reporter_id is not None:
            unlink = reports[0].reporter
        out = Erased()
        _erase_reports(reports, user, unlink, pseudonym, out)
        _erase_messages(reports, user, contacts, out)
        if user is not None:
            _erase_account(user, pseudonym, out)
        locked.state = ErasureState.DONE
        locked.finished_at = now
        locked.pseudonym = pseudonym
        locked.summary = out.summary()
        if actor is not None:
            locked.confirmed_by = actor
            record_event(
                action=AuditAction.ERASURE_CONFIRMED,
                actor=actor,
                now=now,
                data=_audit_data(locked),
            )
        locked.save(update_fields=["state", "finished_at", "pseudonym", "summary", "confirmed_by"])
        record_event(
            action=AuditAction.ERASURE_CARRIED_OUT,
            actor=actor,
            now=now,
            data=_audit_data(
                locked, pseudonym=pseudonym, tracking_ids=out.tracking_ids, **out.summary()
            ),
        )
        for report in reports:
            record_event(
                action=AuditAction.REPORTER_IDENTITY_ERASED,
                actor=actor,
                report=report,
                now=now,
                reason=_("Identitas pelapor diganti pseudonim %(pseudonym)s.")
                % {"pseudonym": pseudonym},
                data={"request": locked.pk, "pseudonym": pseudonym},
            )
        delete_files_after_commit(out.paths)
    return locked
