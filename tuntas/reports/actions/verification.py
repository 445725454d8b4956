"""The coordinator's first look: verify, hold, not in authority, archive."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.audit.models import Visibility
from tuntas.core.errors import ValidationFailed
from tuntas.organisations.models import Organisation, OrganisationKind, Role
from tuntas.reference.models import Category, Classification
from tuntas.reports.actions.base import ActionContext, report_action
from tuntas.reports.actions.inputs import (
    READ_BY_REPORTER,
    ActionInput,
    Choice,
    Files,
    Flag,
    Line,
    Organisations,
    Problems,
    Reference,
    Text,
    described,
)
from tuntas.reports.actions.privacy import record_flag_changes
from tuntas.reports.clocks import ALL
from tuntas.reports.declarations import Audience, Effects, Hearer, StaffSurface
from tuntas.reports.models import (
    ArchiveReason,
    AttachmentKind,
    Message,
    MessageKind,
    Report,
    Status,
)
from tuntas.reports.transitions import REPORTER, SYSTEM, Action
from tuntas.reports.uploads import CheckedFile, store
from tuntas.standards.models import Step

S = Status
R = Role
PRIVACY_FIXED_HELP = gettext_lazy(
    "Pilihan pelapor. Hanya pelapor yang dapat mengubahnya: gunakan "
    "“Minta persetujuan pelapor untuk mengubah privasi”."
)
PRIVACY_LOWER_REFUSED = gettext_lazy(
    "Pelapor memilih ini; petugas tidak dapat menurunkannya. Minta persetujuan pelapor "
    "dengan aksi “Minta persetujuan pelapor untuk mengubah privasi”."
)


@dataclass(frozen=True, kw_only=True)
class VerifyInput(ActionInput):
    is_anonymous: bool | None = field(
        default=None,
        metadata=described(
            Flag(
                gettext_lazy("Anonim: sembunyikan identitas pelapor dari OPD dan publik"),
                doc="Raise anonim (true); lowering what the reporter chose needs their consent "
                "(request_privacy_change). Omit to keep.",
                initial=lambda r: r.is_anonymous,
                fixed=lambda r: r.is_anonymous,
                fixed_help=PRIVACY_FIXED_HELP,
            )
        ),
    )
    is_confidential: bool | None = field(
        default=None,
        metadata=described(
            Flag(
                gettext_lazy("Rahasia: laporan tidak tampil di daftar publik"),
                doc="Raise rahasia (true); lowering what the reporter chose needs their "
                "consent (request_privacy_change). Omit to keep.",
                initial=lambda r: r.is_confidential,
                fixed=lambda r: r.is_confidential,
                fixed_help=PRIVACY_FIXED_HELP,
            )
        ),
    )
    classification: Classification | None = field(
        default=None,
        metadata=described(
            Reference(
                gettext_lazy("Klasifikasi"),
                doc="Correct the classification (code); omit to keep.",
                model=Classification,
                queryset=lambda: Classification.objects.all(),
                api_key="code",
                initial=lambda r: r.classification_id,
            )
        ),
    )
    category: Category | None = field(
        default=None,
        metadata=described(
            Reference(
                gettext_lazy("Kategori"),
                doc="Correct the category (id); omit to keep.",
                model=Category,
                queryset=lambda: Category.objects.filter(is_active=True).select_related("parent"),
                initial=lambda r: r.category_id,
            )
        ),
    )
    note: str = field(
        default="",
        metadata=described(
            Text(
                gettext_lazy("Catatan verifikasi"),
                doc="Note for the timeline; the reporter reads it.",
                help=READ_BY_REPORTER,
            )
        ),
    )


@report_action(
    Action.VERIFY,
    sources={S.SUBMITTED},
    target=S.VERIFIED,
    actors={R.COORDINATOR},
    label=gettext_lazy("Verifikasi"),
    effects=Effects(stop=(Step.VERIFICATION,), start=(Step.DISPOSITION,)),
    audience=Audience(reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan terverifikasi."),
        summary="Verify a submitted report (and set anonim/rahasia, classification, category)",
    ),
)
def verify_report(ctx: ActionContext, data: VerifyInput) -> Report:
    """Verify; staff may raise the reporter's privacy here, never lower it (that needs
    the reporter's consent: ``request_privacy_change``)."""
    rep = ctx.report
    refused: Problems = {}
    if data.is_anonymous is False and rep.is_anonymous:
        refused["is_anonymous"] = [str(PRIVACY_LOWER_REFUSED)]
    if data.is_confidential is False and rep.is_confidential:
        refused["is_confidential"] = [str(PRIVACY_LOWER_REFUSED)]
    if refused:
        raise ValidationFailed(refused)
    changes: dict[str, object] = {}
    raise_anonymous = bool(data.is_anonymous) and not rep.is_anonymous
    raise_confidential = bool(data.is_confidential) and not rep.is_confidential
    if raise_anonymous:
        rep.is_anonymous = True
        changes["is_anonymous"] = True
    if raise_confidential:
        rep.is_confidential = True
        changes["is_confidential"] = True
    if data.classification is not None and data.classification.pk != rep.classification_id:
        rep.classification = data.classification
        changes["classification"] = data.classification.code
    if data.category is not None and data.category.pk != rep.category_id:
        rep.category = data.category
        changes["category"] = data.category.pk
    rep.verified_at = ctx.now
    ctx.record(reason=data.note, data=changes)
    record_flag_changes(
        rep,
        anonymous=True if raise_anonymous else None,
        confidential=True if raise_confidential else None,
        actor=ctx.actor,
        now=ctx.now,
    )
    return rep


@dataclass(frozen=True, kw_only=True)
class HoldInput(ActionInput):
    missing: str = field(
        metadata=described(
            Text(
                gettext_lazy("Data yang perlu dilengkapi pelapor"),
                doc="Which supporting data the reporter must complete (tunda).",
                message=gettext_lazy("Sebutkan data apa yang perlu dilengkapi."),
            )
        )
    )


@report_action(
    Action.HOLD,
    sources={S.SUBMITTED},
    target=S.ON_HOLD,
    actors={R.COORDINATOR},
    label=gettext_lazy("Tunda: minta kelengkapan data"),
    effects=Effects(pause=(Step.VERIFICATION,), start=(Step.COMPLETION,)),
    audience=Audience(reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan ditunda; pelapor diminta melengkapi data."),
        summary="Tunda: ask the reporter to complete the supporting data",
    ),
)
def hold_report(ctx: ActionContext, data: HoldInput) -> Report:
    """Tunda: ask the reporter to complete the supporting data; the clock pauses."""
    Message.objects.create(
        report=ctx.report,
        kind=MessageKind.COMPLETION_REQUEST,
        author=ctx.actor.user,
        body=data.missing,
        created_at=ctx.now,
    )
    ctx.record(reason=data.missing, visibility=Visibility.REPORTER)
    return ctx.report


@dataclass(frozen=True, kw_only=True)
class CompleteInput(ActionInput):
    details: str = field(
        metadata=described(
            Text(
                gettext_lazy("Data yang Anda lengkapi"),
                message=gettext_lazy("Tuliskan data yang Anda lengkapi."),
            )
        )
    )
    attachments: tuple[CheckedFile, ...] = field(
        default=(), metadata=described(Files(gettext_lazy("Lampiran")))
    )


@report_action(
    Action.COMPLETE,
    sources={S.ON_HOLD},
    target=S.SUBMITTED,
    actors={REPORTER},
    label=gettext_lazy("Lengkapi data"),
    effects=Effects(stop=(Step.COMPLETION,), resume=(Step.VERIFICATION,)),
    audience=Audience(staff=(Hearer.COORDINATORS,)),
)
def complete_report(ctx: ActionContext, data: CompleteInput) -> Report:
    """The reporter completes the data asked for; the report returns to verification."""
    rep, user = ctx.report, ctx.actor.user
    Message.objects.create(
        report=rep, kind=MessageKind.COMPLETION, author=user, body=data.details, created_at=ctx.now
    )
    if data.attachments:
        store(rep, list(data.attachments), kind=AttachmentKind.COMPLETION, user=user, now=ctx.now)
    ctx.record(visibility=Visibility.REPORTER)
    return rep


@dataclass(frozen=True, kw_only=True)
class NotInAuthorityInput(ActionInput):
    reason: str = field(
        metadata=described(
            Text(
                gettext_lazy("Alasan bukan wewenang daerah"),
                doc="Why this is not the Pemda's authority (back to the national admin).",
                help=READ_BY_REPORTER,
                message=gettext_lazy("Jelaskan mengapa laporan ini bukan wewenang daerah."),
            )
        )
    )


@report_action(
    Action.NOT_IN_AUTHORITY,
    sources={S.SUBMITTED, S.VERIFIED},
    target=S.NOT_IN_AUTHORITY,
    actors={R.COORDINATOR},
    label=gettext_lazy("Bukan wewenang"),
    effects=Effects(stop=ALL),
    audience=Audience(staff=(Hearer.NATIONAL_ADMINS,), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan dikembalikan ke admin nasional: bukan wewenang daerah."),
        summary="Bukan wewenang: return the report to the national admin",
        danger=True,
    ),
)
def mark_not_in_authority(ctx: ActionContext, data: NotInAuthorityInput) -> Report:
    """Bukan wewenang: back to the national admin (seed 002)."""
    ctx.record(reason=data.reason, data={"pemda": ctx.report.pemda_id})
    return ctx.report


def _other_pemdas(report: Report) -> QuerySet[Organisation]:
    pemdas = Organisation.objects.filter(kind=OrganisationKind.PEMDA, is_active=True)
    if report.pemda_id is not None:
        pemdas = pemdas.exclude(pk=report.pemda_id)
    return pemdas.order_by("name")


@dataclass(frozen=True, kw_only=True)
class RouteToPemdaInput(ActionInput):
    pemda: Organisation = field(
        metadata=described(
            Organisations(
                gettext_lazy("Pemerintah daerah tujuan"),
                doc="Code of the right Pemda.",
                kind=OrganisationKind.PEMDA,
                options=_other_pemdas,
            )
        )
    )
    note: str = field(
        default="",
        metadata=described(
            Text(gettext_lazy("Catatan"), doc="Note for the timeline.", help=READ_BY_REPORTER)
        ),
    )

    def problems(self, *, now: datetime) -> Problems:
        if self.pemda.kind != OrganisationKind.PEMDA:
            return {"pemda": [_("Pilih pemerintah daerah.")]}
        return {}


@report_action(
    Action.ROUTE_TO_PEMDA,
    sources={S.NOT_IN_AUTHORITY},
    target=S.SUBMITTED,
    actors={R.NATIONAL_ADMIN},
    label=gettext_lazy("Teruskan ke pemerintah daerah lain"),
    effects=Effects(restart=(Step.VERIFICATION,)),
    audience=Audience(staff=(Hearer.COORDINATORS,), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan diteruskan ke pemerintah daerah tujuan."),
        summary="National admin: send a returned report to the right Pemda",
    ),
)
def route_to_pemda(ctx: ActionContext, data: RouteToPemdaInput) -> Report:
    """The national admin sends a returned report to the right regional government."""
    rep = ctx.report
    if data.pemda.pk == rep.pemda_id:
        raise ValidationFailed(
            {"pemda": [_("Laporan baru saja dikembalikan oleh pemerintah daerah ini.")]}
        )
    old = rep.pemda_id
    rep.pemda = data.pemda
    rep.verified_at = None
    ctx.record(reason=data.note, data={"from_pemda": old, "to_pemda": data.pemda.pk})
    return rep


@dataclass(frozen=True, kw_only=True)
class ForwardExternalInput(ActionInput):
    body_name: str = field(
        metadata=described(
            Line(
                gettext_lazy("Instansi tujuan"),
                doc="The body outside the system the report goes to.",
                max_length=200,
                message=gettext_lazy("Sebutkan instansi tujuan."),
            )
        )
    )
    note: str = field(
        default="",
        metadata=described(
            Text(gettext_lazy("Catatan"), doc="Note for the timeline.", help=READ_BY_REPORTER)
        ),
    )


@report_action(
    Action.FORWARD_EXTERNAL,
    sources={S.NOT_IN_AUTHORITY},
    target=S.FORWARDED,
    actors={R.NATIONAL_ADMIN},
    label=gettext_lazy("Teruskan ke instansi di luar sistem"),
    effects=Effects(stop=ALL),
    audience=Audience(reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan diteruskan ke instansi di luar sistem."),
        summary="National admin: forward to a body outside the system",
        danger=True,
    ),
)
def forward_external(ctx: ActionContext, data: ForwardExternalInput) -> Report:
    """Forward to a body outside the system (a ministry, another institution)."""
    ctx.report.forwarded_to = data.body_name[:200]
    ctx.record(reason=data.note, data={"to": data.body_name})
    return ctx.report


@dataclass(frozen=True, kw_only=True)
class ArchiveInput(ActionInput):
    reason_code: str = field(
        metadata=described(
            Choice(
                gettext_lazy("Alasan pengarsipan"),
                doc="Why the report is archived.",
                choices=lambda: ArchiveReason.choices,
                placeholder=gettext_lazy("Pilih alasan"),
            )
        )
    )
    note: str = field(
        default="",
        metadata=described(
            Text(gettext_lazy("Keterangan"), doc="Further explanation.", help=READ_BY_REPORTER)
        ),
    )

    def problems(self, *, now: datetime) -> Problems:
        if self.reason_code not in ArchiveReason.values:
            return {"reason_code": [_("Pilih alasan pengarsipan dari daftar.")]}
        return {}


@report_action(
    Action.ARCHIVE,
    sources={S.SUBMITTED, S.ON_HOLD, S.VERIFIED},
    target=S.ARCHIVED,
    actors={R.COORDINATOR, SYSTEM},
    label=gettext_lazy("Arsipkan"),
    effects=Effects(stop=ALL),
    audience=Audience(reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan diarsipkan."),
        summary="Archive the report with a reason",
        danger=True,
    ),
)
def archive_report(ctx: ActionContext, data: ArchiveInput) -> Report:
    rep = ctx.report
    rep.archive_reason = data.reason_code
    rep.closed_at = ctx.now
    reason = str(ArchiveReason(data.reason_code).label)
    if data.note:
        reason = f"{reason}: {data.note}"
    ctx.record(reason=reason, data={"reason_code": data.reason_code})
    return rep
