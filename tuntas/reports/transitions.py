"""The one transition table that owns a report's status.

Each row names an action, the statuses it may start from, the status it leads
to (``SAME`` = status unchanged, the action is only recorded) and the roles that
may take it. ``None`` as a source means "the report does not exist yet" (intake).
Tests walk this table cell by cell; nothing else may change ``Report.status``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from tuntas.audit.catalogue import register_vocabulary
from tuntas.core.errors import Conflict
from tuntas.organisations.models import Role
from tuntas.reports.models.status import Status

REPORTER = "reporter"  # the report's own reporter (account or access code)
SYSTEM = "system"  # the scheduler acting on a clock
PEER = "peer"  # another Tuntas deployment, calling with the API key we issued it
SAME = "same"


class Action(enum.StrEnum):
    SUBMIT = "submit"
    INTAKE = "intake"
    INTAKE_FOR_AGENCY = "intake_for_agency"
    INTAKE_SOLVED = "intake_solved"
    VERIFY = "verify"
    HOLD = "hold"
    COMPLETE = "complete"
    NOT_IN_AUTHORITY = "not_in_authority"
    ROUTE_TO_PEMDA = "route_to_pemda"
    FORWARD_EXTERNAL = "forward_external"
    FORWARD_TO_PEER = "forward_to_peer"
    RECEIVE_FORWARDED = "receive_forwarded"
    RECORD_PEER_ANSWER = "record_peer_answer"
    ARCHIVE = "archive"
    DISPOSE = "dispose"
    ACCEPT = "accept"
    ACCEPT_SUPPORT = "accept_support"
    RETURN_DISPOSITION = "return_disposition"
    TRANSFER = "transfer"
    DISPOSE_INTERNALLY = "dispose_internally"
    REQUEST_CLARIFICATION = "request_clarification"
    CLARIFY = "clarify"
    RECORD_FIELD_CHECK = "record_field_check"
    SUBMIT_DRAFT = "submit_draft"
    APPROVE_DRAFT = "approve_draft"
    RETURN_DRAFT = "return_draft"
    PUBLISH_FOLLOWUP = "publish_followup"
    REPLY_SATISFIED = "reply_satisfied"
    REPLY_NOT_SATISFIED = "reply_not_satisfied"
    CLOSE = "close"
    REOPEN = "reopen"
    FORWARD_OMBUDSMAN = "forward_ombudsman"
    REPORTER_MESSAGE = "reporter_message"
    REMIND = "remind"
    MARK_OVERDUE = "mark_overdue"
    INTERVENE_PEMDA = "intervene_pemda"
    INTERVENE_NATIONAL = "intervene_national"


# A report's actions are audit actions too: one catalogue (``tuntas.audit.catalogue``).
register_vocabulary(Action)


ACTION_LABELS: dict[Action, StrOrPromise] = {
    Action.SUBMIT: gettext_lazy("Laporan dikirim"),
    Action.INTAKE: gettext_lazy("Laporan dari kanal luar diinput admin"),
    Action.INTAKE_FOR_AGENCY: gettext_lazy("Laporan dari kanal luar diinput admin penghubung"),
    Action.INTAKE_SOLVED: gettext_lazy("Laporan yang sudah selesai diinput beserta jawabannya"),
    Action.VERIFY: gettext_lazy("Verifikasi"),
    Action.HOLD: gettext_lazy("Tunda: minta kelengkapan data"),
    Action.COMPLETE: gettext_lazy("Lengkapi data"),
    Action.NOT_IN_AUTHORITY: gettext_lazy("Bukan wewenang"),
    Action.ROUTE_TO_PEMDA: gettext_lazy("Teruskan ke pemerintah daerah lain"),
    Action.FORWARD_EXTERNAL: gettext_lazy("Teruskan ke instansi di luar sistem"),
    Action.FORWARD_TO_PEER: gettext_lazy("Teruskan ke instansi Tuntas lain"),
    Action.RECEIVE_FORWARDED: gettext_lazy("Laporan diterima dari instansi Tuntas lain"),
    Action.RECORD_PEER_ANSWER: gettext_lazy("Tindak lanjut dari instansi Tuntas lain dicatat"),
    Action.ARCHIVE: gettext_lazy("Arsipkan"),
    Action.DISPOSE: gettext_lazy("Disposisi ke OPD"),
    Action.ACCEPT: gettext_lazy("Terima disposisi"),
    Action.ACCEPT_SUPPORT: gettext_lazy("Terima disposisi (OPD pendukung)"),
    Action.RETURN_DISPOSITION: gettext_lazy("Kembalikan: salah disposisi"),
    Action.TRANSFER: gettext_lazy("Limpahkan ke OPD lain"),
    Action.DISPOSE_INTERNALLY: gettext_lazy("Disposisi ke bidang"),
    Action.REQUEST_CLARIFICATION: gettext_lazy("Minta klarifikasi pelapor"),
    Action.CLARIFY: gettext_lazy("Kirim klarifikasi"),
    Action.RECORD_FIELD_CHECK: gettext_lazy("Catat pemeriksaan lapangan (Berita Acara)"),
    Action.SUBMIT_DRAFT: gettext_lazy("Ajukan rumusan tindak lanjut"),
    Action.APPROVE_DRAFT: gettext_lazy("Setujui rumusan"),
    Action.RETURN_DRAFT: gettext_lazy("Kembalikan rumusan"),
    Action.PUBLISH_FOLLOWUP: gettext_lazy("Sampaikan tindak lanjut"),
    Action.REPLY_SATISFIED: gettext_lazy("Puas (Y)"),
    Action.REPLY_NOT_SATISFIED: gettext_lazy("Tidak puas (T)"),
    Action.CLOSE: gettext_lazy("Tutup laporan"),
    Action.REOPEN: gettext_lazy("Buka kembali"),
    Action.FORWARD_OMBUDSMAN: gettext_lazy("Teruskan ke Ombudsman RI"),
    Action.REPORTER_MESSAGE: gettext_lazy("Pesan dari pelapor"),
    Action.REMIND: gettext_lazy("Pengingat batas waktu"),
    Action.MARK_OVERDUE: gettext_lazy("Melewati batas waktu"),
    Action.INTERVENE_PEMDA: gettext_lazy("Intervensi admin pemerintah daerah"),
    Action.INTERVENE_NATIONAL: gettext_lazy("Intervensi admin nasional"),
}


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status | None]
    target: Status | str
    actors: frozenset[str]

    def target_for(self, current: Status | None) -> Status:
        if self.target == SAME:
            assert current is not None
            return current
        return Status(self.target)


def _row(
    action: Action,
    sources: Iterable[Status | None],
    target: Status | str,
    actors: Iterable[str],
) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(actors))


S = Status
R = Role
_HANDLING = {S.ACCEPTED, S.IN_DIVISION}
_AGENCY_OPEN = {
    S.DISPOSED,
    S.ACCEPTED,
    S.IN_DIVISION,
    S.AWAITING_CLARIFICATION,
    S.DRAFT_REVIEW,
    S.DRAFT_APPROVED,
}
# Every status in which someone still owes the report something.
_OPEN = {S.SUBMITTED, S.ON_HOLD, S.NOT_IN_AUTHORITY, S.VERIFIED, *_AGENCY_OPEN, S.FOLLOWED_UP}

TABLE: dict[Action, Transition] = {
    t.action: t
    for t in [
        _row(Action.SUBMIT, [None], S.SUBMITTED, {REPORTER}),
        _row(Action.INTAKE, [None], S.VERIFIED, {R.COORDINATOR}),
        _row(Action.INTAKE_FOR_AGENCY, [None], S.ACCEPTED, {R.LIAISON_ADMIN}),
        _row(Action.INTAKE_SOLVED, [None], S.FOLLOWED_UP, {R.COORDINATOR, R.LIAISON_ADMIN}),
        _row(Action.VERIFY, {S.SUBMITTED}, S.VERIFIED, {R.COORDINATOR}),
        _row(Action.HOLD, {S.SUBMITTED}, S.ON_HOLD, {R.COORDINATOR}),
        _row(Action.COMPLETE, {S.ON_HOLD}, S.SUBMITTED, {REPORTER}),
        _row(
            Action.NOT_IN_AUTHORITY,
            {S.SUBMITTED, S.VERIFIED},
            S.NOT_IN_AUTHORITY,
            {R.COORDINATOR},
        ),
        _row(Action.ROUTE_TO_PEMDA, {S.NOT_IN_AUTHORITY}, S.SUBMITTED, {R.NATIONAL_ADMIN}),
        _row(
            Action.FORWARD_EXTERNAL,
            {S.NOT_IN_AUTHORITY},
            S.FORWARDED,
            {R.NATIONAL_ADMIN},
        ),
        # Federation: to another Tuntas deployment, which sends its status back
        # (tuntas.federation). In a regency's own deployment the coordinator does it.
        _row(
            Action.FORWARD_TO_PEER,
            {S.NOT_IN_AUTHORITY},
            S.FORWARDED,
            {R.NATIONAL_ADMIN, R.COORDINATOR},
        ),
        # Federation, the other way round: a peer's report arrives here awaiting
        # verification; the answer published at the peer we forwarded to is recorded on
        # our copy (which stays forwarded).
        _row(Action.RECEIVE_FORWARDED, [None], S.SUBMITTED, {PEER}),
        _row(Action.RECORD_PEER_ANSWER, {S.FORWARDED}, SAME, {PEER}),
        _row(
            Action.ARCHIVE,
            {S.SUBMITTED, S.ON_HOLD, S.VERIFIED},
            S.ARCHIVED,
            {R.COORDINATOR, SYSTEM},
        ),
        _row(Action.DISPOSE, {S.VERIFIED}, S.DISPOSED, {R.COORDINATOR}),
        _row(Action.ACCEPT, {S.DISPOSED}, S.ACCEPTED, {R.LIAISON_OFFICER, R.LIAISON_ADMIN}),
        _row(
            Action.ACCEPT_SUPPORT,
            _AGENCY_OPEN | {S.FOLLOWED_UP},
            SAME,
            {R.LIAISON_OFFICER, R.LIAISON_ADMIN},
        ),
        _row(
            Action.RETURN_DISPOSITION,
            {S.DISPOSED},
            S.VERIFIED,
            {R.LIAISON_OFFICER, R.LIAISON_ADMIN},
        ),
        _row(
            Action.TRANSFER,
            {S.DISPOSED, S.ACCEPTED, S.IN_DIVISION},
            S.DISPOSED,
            {R.COORDINATOR, R.LIAISON_OFFICER},
        ),
        _row(Action.DISPOSE_INTERNALLY, _HANDLING, S.IN_DIVISION, {R.AGENCY_HEAD}),
        _row(
            Action.REQUEST_CLARIFICATION,
            _HANDLING,
            S.AWAITING_CLARIFICATION,
            {R.DIVISION_STAFF, R.AGENCY_HEAD, R.LIAISON_OFFICER, R.LIAISON_ADMIN},
        ),
        _row(Action.CLARIFY, {S.AWAITING_CLARIFICATION}, S.IN_DIVISION, {REPORTER}),
        _row(
            Action.RECORD_FIELD_CHECK,
            {S.IN_DIVISION},
            SAME,
            {R.DIVISION_STAFF, R.AGENCY_HEAD},
        ),
        _row(
            Action.SUBMIT_DRAFT,
            _HANDLING,
            S.DRAFT_REVIEW,
            {R.DIVISION_STAFF, R.LIAISON_ADMIN, R.AGENCY_HEAD},
        ),
        _row(
            Action.APPROVE_DRAFT,
            {S.DRAFT_REVIEW},
            S.DRAFT_APPROVED,
            {R.AGENCY_HEAD, R.LIAISON_OFFICER},
        ),
        _row(
            Action.RETURN_DRAFT,
            {S.DRAFT_REVIEW},
            S.IN_DIVISION,
            {R.AGENCY_HEAD, R.LIAISON_OFFICER},
        ),
        _row(
            Action.PUBLISH_FOLLOWUP,
            {S.DRAFT_APPROVED},
            S.FOLLOWED_UP,
            {R.LIAISON_ADMIN, R.LIAISON_OFFICER},
        ),
        _row(Action.REPLY_SATISFIED, {S.FOLLOWED_UP}, S.CLOSED, {REPORTER}),
        _row(Action.REPLY_NOT_SATISFIED, {S.FOLLOWED_UP}, S.IN_DIVISION, {REPORTER}),
        _row(Action.CLOSE, {S.FOLLOWED_UP}, S.CLOSED, {R.COORDINATOR, SYSTEM}),
        _row(Action.REOPEN, {S.CLOSED}, S.ACCEPTED, {R.COORDINATOR}),
        _row(
            Action.FORWARD_OMBUDSMAN,
            _AGENCY_OPEN,
            S.OMBUDSMAN,
            {R.COORDINATOR, R.NATIONAL_ADMIN, SYSTEM},
        ),
        _row(Action.REPORTER_MESSAGE, _OPEN, SAME, {REPORTER}),
        # The clock sweep's notices: recorded and announced, the status is unchanged.
        _row(Action.REMIND, _OPEN, SAME, {SYSTEM}),
        _row(Action.MARK_OVERDUE, _OPEN, SAME, {SYSTEM}),
        _row(Action.INTERVENE_PEMDA, _AGENCY_OPEN, SAME, {SYSTEM}),
        _row(Action.INTERVENE_NATIONAL, _AGENCY_OPEN, SAME, {SYSTEM}),
    ]
}


# Actions whose reason is a note between staff (instructions, return reasons): the
# status change may be public, the note never leaves the staff side.
INTERNAL_REASON_ACTIONS = frozenset(
    {
        Action.DISPOSE,
        Action.RETURN_DISPOSITION,
        Action.TRANSFER,
        Action.DISPOSE_INTERNALLY,
        Action.APPROVE_DRAFT,
        Action.RETURN_DRAFT,
        Action.REOPEN,
    }
)


class TransitionNotAllowed(Conflict):
    def __init__(self, action: Action, status: Status | None):
        label = Status(status).label if status else _("(belum ada)")
        super().__init__(
            _("Aksi '%(action)s' tidak dapat dilakukan pada laporan berstatus '%(status)s'.")
            % {"action": ACTION_LABELS[action], "status": label},
            code="transition_not_allowed",
            extra={"action": str(action), "status": str(status) if status else None},
        )


def transition_for(action: Action, current: Status | str | None) -> Transition:
    """The table row for ``action`` from ``current``; refuses what the table forbids."""
    row = TABLE[action]
    status = Status(current) if current is not None else None
    if status not in row.sources:
        raise TransitionNotAllowed(action, status)
    return row


def actions_from(status: Status | str) -> list[Action]:
    current = Status(status)
    return [action for action, row in TABLE.items() if current in row.sources]
