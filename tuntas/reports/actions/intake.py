"""How reports come in: a citizen submits, or staff type in one from an outside channel."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.accounts.models import User
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.core.phones import PHONE_RE
from tuntas.organisations.authority import scope_of
from tuntas.organisations.models import Organisation, OrganisationKind, Role
from tuntas.reference.models import Category, Channel, Classification, Region
from tuntas.reports.access_codes import hash_access_code
from tuntas.reports.actions.base import (
    Actor,
    action_transaction,
    authorize,
    change_status,
    declare,
    latest_local_date,
    now_or,
)
from tuntas.reports.clocks import ESCALATION
from tuntas.reports.declarations import Audience, Effects, Hearer
from tuntas.reports.models import (
    Assignment,
    AssignmentState,
    AttachmentKind,
    DraftState,
    FollowUp,
    Report,
    Status,
)
from tuntas.reports.transitions import PEER, REPORTER, TABLE, Action
from tuntas.reports.uploads import CheckedFile, store
from tuntas.standards.models import Step

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# The rules every intake path applies (web form, API, staff intake, inbound messages):
# forms and serializers read their limits from here.
TITLE_MIN_LENGTH = 5
TITLE_MAX_LENGTH = 200
DESCRIPTION_MIN_LENGTH = 20
NIK_RE = re.compile(r"^\d{16}$")

_SUBMIT = f"{__name__}.submit_report"
_INTAKE = f"{__name__}.intake_report"
_RECEIVE = f"{__name__}.receive_report"
declare(
    Action.SUBMIT,
    sources={None},
    target=Status.SUBMITTED,
    actors={REPORTER},
    label=gettext_lazy("Laporan dikirim"),
    effects=Effects(start=(Step.VERIFICATION,)),
    audience=Audience(staff=(Hearer.COORDINATORS,), reporter=True),
    function=_SUBMIT,
)
declare(
    Action.INTAKE,
    sources={None},
    target=Status.VERIFIED,
    actors={Role.COORDINATOR},
    label=gettext_lazy("Laporan dari kanal luar diinput admin"),
    effects=Effects(start=(Step.DISPOSITION,)),
    function=_INTAKE,
)
declare(
    Action.INTAKE_FOR_AGENCY,
    sources={None},
    target=Status.ACCEPTED,
    actors={Role.LIAISON_ADMIN},
    label=gettext_lazy("Laporan dari kanal luar diinput admin penghubung"),
    effects=Effects(start=(Step.INTERNAL_DISPOSITION, *ESCALATION)),
    function=_INTAKE,
)
declare(
    Action.INTAKE_SOLVED,
    sources={None},
    target=Status.FOLLOWED_UP,
    actors={Role.COORDINATOR, Role.LIAISON_ADMIN},
    label=gettext_lazy("Laporan yang sudah selesai diinput beserta jawabannya"),
    effects=Effects(start=(Step.REPORTER_REPLY, Step.AUTO_CLOSE)),
    audience=Audience(reporter=True),
    function=_INTAKE,
)
# Federation, the other way round: a peer's report arrives here awaiting verification.
declare(
    Action.RECEIVE_FORWARDED,
    sources={None},
    target=Status.SUBMITTED,
    actors={PEER},
    label=gettext_lazy("Laporan diterima dari instansi Tuntas lain"),
    effects=Effects(start=(Step.VERIFICATION,)),
    audience=Audience(staff=(Hearer.COORDINATORS,), reporter=True),
    function=_RECEIVE,
)


@dataclass
class ReportInput:
    title: str
    description: str
    classification: Classification
    channel: Channel
    pemda: Organisation | None = None
    category: Category | None = None
    incident_date: date | None = None
    location_text: str = ""
    region: Region | None = None
    requested_agency: Organisation | None = None
    reporter_name: str = ""
    reporter_nik: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    is_anonymous: bool = True
    is_confidential: bool = True
    attachments: list[CheckedFile] = field(default_factory=list)


@dataclass(frozen=True)
class Submitted:
    report: Report
    access_code: str


def new_tracking_id(now: datetime) -> str:
    while True:
        suffix = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(6))
        candidate = f"LPR-{now:%y%m}-{suffix}"
        if not Report.objects.filter(tracking_id=candidate).exists():
            return candidate


def new_access_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


def _validate(data: ReportInput, now: datetime, *, need_contact: bool) -> None:
    errors: dict[str, list[str]] = {}
    if len(data.title.strip()) < TITLE_MIN_LENGTH:
        errors.setdefault("title", []).append(
            _("Judul minimal %(n)s karakter.") % {"n": TITLE_MIN_LENGTH}
        )
    if len(data.title) > TITLE_MAX_LENGTH:
        errors.setdefault("title", []).append(
            _("Judul maksimal %(n)s karakter.") % {"n": TITLE_MAX_LENGTH}
        )
    if len(data.description.strip()) < DESCRIPTION_MIN_LENGTH:
        errors.setdefault("description", []).append(
            _("Isi laporan minimal 20 karakter: ceritakan apa, di mana dan kapan.")
        )
    if data.incident_date is not None and data.incident_date > latest_local_date(now):
        errors.setdefault("incident_date", []).append(
            _("Tanggal kejadian tidak boleh di masa depan.")
        )
    if data.reporter_nik and not NIK_RE.match(data.reporter_nik):
        errors.setdefault("reporter_nik", []).append(_("NIK harus 16 angka."))
    if data.reporter_phone and not PHONE_RE.match(data.reporter_phone):
        errors.setdefault("reporter_phone", []).append(_("Nomor telepon tidak valid."))
    if need_contact and not (data.reporter_phone or data.reporter_email):
        errors.setdefault("reporter_email", []).append(
            _("Isi e-mail atau nomor telepon agar kami dapat mengabari Anda.")
        )
    if data.pemda is not None and data.pemda.kind != OrganisationKind.PEMDA:
        errors.setdefault("pemda", []).append(_("Pilih pemerintah daerah."))
    if (
        data.region is not None
        and data.pemda is not None
        and data.region.pemda_id
        not in (
            None,
            data.pemda.pk,
        )
    ):
        errors.setdefault("region", []).append(_("Wilayah tidak berada di pemerintah daerah ini."))
    if data.requested_agency is not None and data.requested_agency.kind != OrganisationKind.AGENCY:
        errors.setdefault("requested_agency", []).append(_("Pilih perangkat daerah (OPD)."))
    elif (
        data.requested_agency is not None
        and data.pemda is not None
        and data.requested_agency.get_pemda() != data.pemda
    ):
        errors.setdefault("requested_agency", []).append(
            _("Instansi ini tidak berada di pemerintah daerah yang Anda pilih.")
        )
    if errors:
        raise ValidationFailed(errors)


def _create(
    data: ReportInput, *, reporter: User | None, created_by: User | None, now: datetime
) -> Report:
    report = Report(
        tracking_id=new_tracking_id(now),
        pemda=data.pemda,
        classification=data.classification,
        category=data.category,
        channel=data.channel,
        title=data.title.strip(),
        description=data.description.strip(),
        incident_date=data.incident_date,
        location_text=data.location_text.strip(),
        region=data.region,
        requested_agency=data.requested_agency,
        reporter=reporter,
        reporter_name="" if reporter else data.reporter_name.strip(),
        reporter_nik="" if reporter else data.reporter_nik.strip(),
        reporter_phone="" if reporter else data.reporter_phone.strip(),
        reporter_email="" if reporter else data.reporter_email.strip(),
        is_anonymous=data.is_anonymous,
        is_confidential=data.is_confidential,
        created_at=now,
        status_changed_at=now,
        created_by=created_by,
    )
    report.save()
    if data.attachments:
        store(
            report,
            data.attachments,
            kind=AttachmentKind.EVIDENCE,
            user=created_by or reporter,
            now=now,
        )
    return report


def submit_report(data: ReportInput, *, actor: Actor, now: datetime | None = None) -> Submitted:
    """A citizen submits a report (signed in, or with contact details and an access code).

    ``actor`` is ``Actor.reporter(user)``: the signed-in citizen, or ``None`` for someone
    who will follow the report with its access code."""
    now = now_or(now)
    if actor.is_system or (actor.user is None and not actor.is_reporter_by_code):
        raise PermissionDenied(_("Hanya pelapor yang dapat mengirim laporan."))
    reporter = actor.user
    if data.pemda is None:
        raise ValidationFailed({"pemda": [_("Pilih pemerintah daerah tujuan laporan.")]})
    _validate(data, now, need_contact=reporter is None)
    with action_transaction():
        report = _create(data, reporter=reporter, created_by=None, now=now)
        code = new_access_code()
        report.access_code_hash = hash_access_code(code)
        change_status(
            report,
            TABLE[Action.SUBMIT],
            actor=actor,
            capacity=REPORTER,
            now=now,
            created=True,
            data={"channel": data.channel.code},
        )
    return Submitted(report=report, access_code=code)


@dataclass(frozen=True)
class IntakeDesk:
    """Where staff type a report in: a Pemda (coordinator) or an agency (liaison admin)."""

    pemda: Organisation
    agency: Organisation | None
    role: Role


def _only(candidates: list[int], organisation: Organisation | None) -> int:
    """The chosen organisation among ``candidates``, or the only candidate."""
    if organisation is not None:
        if organisation.pk not in candidates:
            raise PermissionDenied(
                _("Anda tidak berwenang menginput laporan untuk organisasi ini.")
            )
        return organisation.pk
    if len(candidates) != 1:
        raise PermissionDenied(_("Anda tidak berwenang menginput laporan dari kanal luar."))
    return candidates[0]


def intake_desk(actor: User, organisation: Organisation | None = None) -> IntakeDesk:
    """Resolve where ``actor`` types in a report; ``organisation`` picks one when the
    person is coordinator or liaison admin in several places."""
    pemdas, agencies = scope_of(actor).intake_organisation_ids()
    wants_agency = organisation is not None and organisation.kind == OrganisationKind.AGENCY
    if pemdas and not wants_agency:
        pemda = Organisation.objects.get(pk=_only(pemdas, organisation))
        return IntakeDesk(pemda=pemda, agency=None, role=Role.COORDINATOR)
    if agencies:
        agency = Organisation.objects.get(pk=_only(agencies, organisation))
        pemda_of_agency = agency.get_pemda()
        if pemda_of_agency is None:
            raise PermissionDenied(_("OPD Anda belum terhubung ke pemerintah daerah."))
        return IntakeDesk(pemda=pemda_of_agency, agency=agency, role=Role.LIAISON_ADMIN)
    raise PermissionDenied(_("Anda tidak berwenang menginput laporan dari kanal luar."))


def intake_report(
    data: ReportInput,
    *,
    actor: Actor,
    solved_answer: str = "",
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> Submitted:
    """Staff type in a report from a channel outside the system (seed 003 SOP 5 and 6).

    A coordinator's report enters verified (verification happened before input);
    a liaison admin's report enters accepted by their own agency. With
    ``solved_answer`` the matter was already solved: the answer is published at once.
    """
    now = now_or(now)
    if actor.user is None:
        raise PermissionDenied(_("Anda tidak berwenang menginput laporan dari kanal luar."))
    with action_transaction():
        return _intake(data, actor, actor.user, solved_answer, organisation, now)


def _intake(
    data: ReportInput,
    actor: Actor,
    user: User,
    solved_answer: str,
    organisation: Organisation | None,
    now: datetime,
) -> Submitted:
    desk = intake_desk(user, organisation)
    pemda, agency, role = desk.pemda, desk.agency, desk.role
    action = Action.INTAKE if agency is None else Action.INTAKE_FOR_AGENCY
    solved_answer = solved_answer.strip()
    if solved_answer:
        action = Action.INTAKE_SOLVED
    data.pemda = pemda
    _validate(data, now, need_contact=False)
    row = TABLE[action]
    if role not in row.actors:
        raise PermissionDenied(_("Anda tidak berwenang melakukan aksi ini."))
    report = _create(data, reporter=None, created_by=user, now=now)
    code = new_access_code()
    report.access_code_hash = hash_access_code(code)
    report.verified_at = now
    if agency is not None:
        Assignment.objects.create(
            report=report,
            agency=agency,
            is_lead=True,
            state=AssignmentState.ACCEPTED,
            disposed_by=user,
            disposed_at=now,
            accepted_at=now,
        )
        report.lead_agency = agency
        report.first_disposed_at = now
    if solved_answer:
        FollowUp.objects.create(
            report=report,
            agency=agency,
            author=user,
            body=solved_answer,
            state=DraftState.PUBLISHED,
            created_at=now,
            published_by=user,
            published_at=now,
        )
        report.first_followup_at = now
    change_status(
        report,
        row,
        actor=actor,
        capacity=role,
        now=now,
        created=True,
        data={"channel": data.channel.code, "solved": bool(solved_answer)},
    )
    return Submitted(report=report, access_code=code)


def receive_report(
    data: ReportInput,
    *,
    actor: Actor,
    reason: str,
    origin: dict[str, Any],
    location: tuple[Decimal, Decimal] | None = None,
    now: datetime | None = None,
) -> Report:
    """A peer deployment forwards a report here (``tuntas.federation``): it enters
    awaiting verification in ``data.pemda``, through the same intake rules as any report,
    with no reporter account and no access code (the reporter follows it at the origin).

    ``actor`` is the peer (``Actor(is_peer=True)``, its key's user); ``origin`` names the
    deployment and its tracking ID for the audit event; ``location`` is the point the
    origin recorded, if any.
    """
    now = now_or(now)
    if not actor.is_peer:
        raise PermissionDenied(
            _("Hanya instansi Tuntas lain yang dapat meneruskan laporan ke sini.")
        )
    row, capacity = authorize(actor, None, Action.RECEIVE_FORWARDED)
    if data.pemda is None:
        raise ValidationFailed({"pemda": [_("Pilih pemerintah daerah tujuan laporan.")]})
    _validate(data, now, need_contact=False)
    with action_transaction():
        report = _create(data, reporter=None, created_by=actor.user, now=now)
        if location is not None:
            report.latitude, report.longitude = location
        change_status(
            report,
            row,
            actor=actor,
            capacity=capacity,
            now=now,
            created=True,
            reason=reason,
            data={"channel": data.channel.code, "federation": origin},
        )
    return report


__all__ = [
    "IntakeDesk",
    "ReportInput",
    "Submitted",
    "intake_desk",
    "intake_report",
    "receive_report",
    "submit_report",
]
