"""The reporter's privacy choices (anonim, rahasia): staff may raise them, never lower them.

Lowering what the reporter chose needs their consent (UU PDP 27/2022): a coordinator asks
(``request_privacy_change``), the reporter accepts or declines on their report page or
through the link they are sent. Every change of a flag is an audit event the reporter
reads in their timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import Conflict, ValidationFailed
from tuntas.organisations.models import Role
from tuntas.reports.actions.base import ActionContext, Actor, report_action
from tuntas.reports.actions.inputs import (
    ActionInput,
    Flag,
    Line,
    Number,
    Problems,
    Text,
    described,
)
from tuntas.reports.declarations import Audience, Hearer, StaffSurface
from tuntas.reports.links import reporter_link
from tuntas.reports.models import PrivacyRequest, PrivacyRequestState, Report, Status
from tuntas.reports.transitions import OPEN, REPORTER, SAME, Action

LINK_KIND = "privacy"
# A report's privacy matters while it is open and after it closed (closed reports are
# listed publicly unless rahasia); not once archived or handed out of the system.
EVERY_STATUS = frozenset({*OPEN, Status.CLOSED})


def request_days() -> int:
    return int(getattr(settings, "TUNTAS_PRIVACY_REQUEST_DAYS", 14))


def record_flag_changes(
    report: Report,
    *,
    anonymous: bool | None,
    confidential: bool | None,
    actor: Actor,
    now: datetime,
    reason: str = "",
) -> None:
    """One audit event per flag that changed, read by the reporter in their timeline."""
    if anonymous is not None:
        label = (
            _("Identitas pelapor disembunyikan dari OPD dan publik (anonim).")
            if anonymous
            else _("Identitas pelapor dapat dilihat OPD yang menangani (anonim dimatikan).")
        )
        _flag_event(report, "is_anonymous", anonymous, label, actor, now, reason)
    if confidential is not None:
        label = (
            _("Laporan tidak ditampilkan di daftar publik (rahasia).")
            if confidential
            else _("Laporan dapat tampil di daftar publik (rahasia dimatikan).")
        )
        _flag_event(report, "is_confidential", confidential, label, actor, now, reason)


def _flag_event(
    report: Report,
    flag: str,
    value: bool,
    label: str,
    actor: Actor,
    now: datetime,
    reason: str,
) -> None:
    record_event(
        action=AuditAction.PRIVACY_FLAG_CHANGED,
        actor=actor.user,
        actor_label=actor.label,
        now=now,
        report=report,
        reason=f"{label} {reason}".strip(),
        visibility=Visibility.REPORTER,
        data={"flag": flag, "value": value},
    )


def pending_request(report: Report, now: datetime) -> PrivacyRequest | None:
    found = PrivacyRequest.objects.filter(report=report, state=PrivacyRequestState.PENDING).first()
    return found if found is not None and found.is_open(now) else None


@dataclass(frozen=True, kw_only=True)
class PrivacyChangeInput(ActionInput):
    lower_anonymous: bool = field(
        default=False,
        metadata=described(
            Flag(
                gettext_lazy("Minta pelapor membuka identitasnya kepada OPD (anonim dimatikan)"),
                doc="Ask the reporter to let the agencies see their identity.",
            )
        ),
    )
    lower_confidential: bool = field(
        default=False,
        metadata=described(
            Flag(
                gettext_lazy("Minta pelapor mengizinkan laporan tampil di daftar publik"),
                doc="Ask the reporter to let the report be listed publicly.",
            )
        ),
    )
    reason: str = field(
        metadata=described(
            Text(
                gettext_lazy("Alasan (dibaca pelapor)"),
                doc="Why; the reporter reads it.",
                help=gettext_lazy(
                    "Pelapor membaca alasan ini dan memutuskan sendiri. Tanpa persetujuannya "
                    "tidak ada yang berubah."
                ),
                message=gettext_lazy("Jelaskan kepada pelapor mengapa perubahan ini diperlukan."),
            )
        )
    )

    def problems(self, *, now: datetime) -> Problems:
        if not (self.lower_anonymous or self.lower_confidential):
            return {"lower_anonymous": [_("Pilih apa yang ingin dimintakan persetujuannya.")]}
        return {}


@report_action(
    Action.REQUEST_PRIVACY_CHANGE,
    sources=EVERY_STATUS,
    target=SAME,
    actors={Role.COORDINATOR, Role.NATIONAL_ADMIN},
    label=gettext_lazy("Minta persetujuan pelapor untuk mengubah privasi"),
    audience=Audience(reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Permintaan dikirim; pelapor memutuskan sendiri."),
        summary="Ask the reporter's consent to lower anonim or rahasia",
    ),
)
def request_privacy_change(ctx: ActionContext, data: PrivacyChangeInput) -> PrivacyRequest:
    rep, now = ctx.report, ctx.now
    errors: Problems = {}
    if data.lower_anonymous and not rep.is_anonymous:
        errors["lower_anonymous"] = [_("Identitas pelapor sudah tidak anonim.")]
    if data.lower_confidential and not rep.is_confidential:
        errors["lower_confidential"] = [_("Laporan ini sudah tidak rahasia.")]
    if errors:
        raise ValidationFailed(errors)
    if pending_request(rep, now) is not None:
        raise Conflict(
            _("Masih ada permintaan yang menunggu jawaban pelapor."), code="privacy_request_pending"
        )
    # An unanswered request past its time counts as declined by silence.
    PrivacyRequest.objects.filter(report=rep, state=PrivacyRequestState.PENDING).update(
        state=PrivacyRequestState.DECLINED, decided_at=now, decided_through="expired"
    )
    asked = PrivacyRequest.objects.create(
        report=rep,
        lower_anonymous=data.lower_anonymous,
        lower_confidential=data.lower_confidential,
        reason=data.reason,
        requested_by=ctx.user,
        requested_at=now,
        expires_at=now + timedelta(days=request_days()),
    )
    link = reporter_link(LINK_KIND, rep.tracking_id, asked.pk)
    notice = _(
        "Petugas meminta persetujuan Anda: %(what)s. Alasan: %(reason)s\n"
        "Tanpa persetujuan Anda tidak ada yang berubah. Setujui atau tolak sebelum "
        "%(until)s di halaman laporan Anda atau melalui tautan ini: %(link)s"
    ) % {
        "what": asked_text(asked),
        "reason": data.reason,
        "until": f"{asked.expires_at:%d-%m-%Y}",
        "link": link,
    }
    ctx.record(
        reason=data.reason,
        data={
            "privacy_request": asked.pk,
            "lower_anonymous": data.lower_anonymous,
            "lower_confidential": data.lower_confidential,
        },
        visibility=Visibility.REPORTER,
        reporter_notice=notice,
    )
    return asked


def asked_text(asked: PrivacyRequest) -> str:
    parts = []
    if asked.lower_anonymous:
        parts.append(_("menampilkan identitas Anda kepada OPD yang menangani"))
    if asked.lower_confidential:
        parts.append(_("menampilkan laporan Anda di daftar laporan publik"))
    return _(" dan ").join(parts)


@dataclass(frozen=True, kw_only=True)
class PrivacyDecisionInput(ActionInput):
    request_id: int = field(metadata=described(Number(gettext_lazy("Permintaan"))))
    through: str = field(default="page", metadata=described(Line(gettext_lazy("Melalui"))))


def _open_request(ctx: ActionContext, data: PrivacyDecisionInput) -> PrivacyRequest:
    asked = (
        PrivacyRequest.objects.select_for_update()
        .filter(pk=data.request_id, report=ctx.report)
        .first()
    )
    if asked is None or not asked.is_open(ctx.now):
        raise Conflict(
            _("Permintaan ini sudah dijawab atau sudah lewat waktunya."),
            code="privacy_request_closed",
        )
    return asked


@report_action(
    Action.ACCEPT_PRIVACY_CHANGE,
    sources=EVERY_STATUS,
    target=SAME,
    actors={REPORTER},
    label=gettext_lazy("Pelapor menyetujui perubahan privasi"),
    audience=Audience(staff=(Hearer.COORDINATORS,)),
)
def accept_privacy_change(ctx: ActionContext, data: PrivacyDecisionInput) -> PrivacyRequest:
    asked = _open_request(ctx, data)
    rep, now = ctx.report, ctx.now
    asked.state = PrivacyRequestState.ACCEPTED
    asked.decided_at = now
    asked.decided_through = data.through[:16]
    asked.save(update_fields=["state", "decided_at", "decided_through"])
    anonymous = False if asked.lower_anonymous and rep.is_anonymous else None
    confidential = False if asked.lower_confidential and rep.is_confidential else None
    if anonymous is not None:
        rep.is_anonymous = False
    if confidential is not None:
        rep.is_confidential = False
    ctx.record(data={"privacy_request": asked.pk}, visibility=Visibility.REPORTER)
    record_flag_changes(
        rep, anonymous=anonymous, confidential=confidential, actor=ctx.actor, now=now
    )
    return asked


@report_action(
    Action.DECLINE_PRIVACY_CHANGE,
    sources=EVERY_STATUS,
    target=SAME,
    actors={REPORTER},
    label=gettext_lazy("Pelapor menolak perubahan privasi"),
    audience=Audience(staff=(Hearer.COORDINATORS,)),
)
def decline_privacy_change(ctx: ActionContext, data: PrivacyDecisionInput) -> PrivacyRequest:
    asked = _open_request(ctx, data)
    asked.state = PrivacyRequestState.DECLINED
    asked.decided_at = ctx.now
    asked.decided_through = data.through[:16]
    asked.save(update_fields=["state", "decided_at", "decided_through"])
    ctx.record(data={"privacy_request": asked.pk}, visibility=Visibility.REPORTER)
    return asked
