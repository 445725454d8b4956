"""Which form and which action function serve each staff action (one dict, no if-chain)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tuntas.accounts.models import User
from tuntas.reports import actions
from tuntas.reports.models import Report
from tuntas.reports.transitions import Action
from tuntas.reports.uploads import check_uploads
from tuntas.staff.forms import actions as f

Runner = Callable[[dict[str, Any], Report, User], object]


@dataclass(frozen=True)
class ActionSpec:
    form_class: type[f.ActionForm]
    run: Runner
    done: str | Promise  # the success message
    danger: bool = False  # ends or sends the report away: shown as a red button


def _verify(d: dict[str, Any], r: Report, u: User) -> object:
    return actions.verify_report(
        r,
        actor=u,
        is_anonymous=d["is_anonymous"],
        is_confidential=d["is_confidential"],
        classification=d["classification"],
        category=d["category"],
        note=d["note"],
    )


def _dispose(d: dict[str, Any], r: Report, u: User) -> object:
    return actions.dispose_report(
        r, actor=u, agencies=list(d["agencies"]), lead=d["lead"], instructions=d["instructions"]
    )


def _field_check(d: dict[str, Any], r: Report, u: User) -> object:
    photos = check_uploads(d["photos"], "photos")
    record = check_uploads(d["official_record"], "official_record")
    return actions.record_field_check(
        r,
        actor=u,
        visited_on=d["visited_on"],
        location=d["location"],
        findings=d["findings"],
        conclusion=d["conclusion"],
        ba_number=d["ba_number"],
        photos=photos,
        official_record=record,
    )


def _submit_draft(d: dict[str, Any], r: Report, u: User) -> object:
    files = check_uploads(d["attachments"], "attachments")
    return actions.submit_draft(r, actor=u, body=d["body"], attachments=files)


A = Action
REGISTRY: dict[Action, ActionSpec] = {
    A.VERIFY: ActionSpec(f.VerifyForm, _verify, _("Laporan terverifikasi.")),
    A.HOLD: ActionSpec(
        f.HoldForm,
        lambda d, r, u: actions.hold_report(r, actor=u, missing=d["missing"]),
        _("Laporan ditunda; pelapor diminta melengkapi data."),
    ),
    A.NOT_IN_AUTHORITY: ActionSpec(
        f.NotInAuthorityForm,
        lambda d, r, u: actions.mark_not_in_authority(r, actor=u, reason=d["reason"]),
        _("Laporan dikembalikan ke admin nasional: bukan wewenang daerah."),
        danger=True,
    ),
    A.ROUTE_TO_PEMDA: ActionSpec(
        f.RouteToPemdaForm,
        lambda d, r, u: actions.route_to_pemda(r, actor=u, pemda=d["pemda"], note=d["note"]),
        _("Laporan diteruskan ke pemerintah daerah tujuan."),
    ),
    A.FORWARD_EXTERNAL: ActionSpec(
        f.ForwardExternalForm,
        lambda d, r, u: actions.forward_external(
            r, actor=u, body_name=d["body_name"], note=d["note"]
        ),
        _("Laporan diteruskan ke instansi di luar sistem."),
        danger=True,
    ),
    A.ARCHIVE: ActionSpec(
        f.ArchiveForm,
        lambda d, r, u: actions.archive_report(
            r, actor=u, reason_code=d["reason_code"], note=d["note"]
        ),
        _("Laporan diarsipkan."),
        danger=True,
    ),
    A.DISPOSE: ActionSpec(f.DisposeForm, _dispose, _("Laporan didisposisikan ke OPD.")),
    A.ACCEPT: ActionSpec(
        f.EmptyForm,
        lambda d, r, u: actions.accept_disposition(r, actor=u),
        _("Disposisi diterima."),
    ),
    A.ACCEPT_SUPPORT: ActionSpec(
        f.EmptyForm,
        lambda d, r, u: actions.accept_disposition(r, actor=u),
        _("Disposisi sebagai OPD pendukung diterima."),
    ),
    A.RETURN_DISPOSITION: ActionSpec(
        f.ReturnDispositionForm,
        lambda d, r, u: actions.return_disposition(r, actor=u, reason=d["reason"]),
        _("Disposisi dikembalikan ke admin koordinator."),
        danger=True,
    ),
    A.TRANSFER: ActionSpec(
        f.TransferForm,
        lambda d, r, u: actions.transfer_report(
            r, actor=u, to_agency=d["to_agency"], reason=d["reason"]
        ),
        _("Laporan dilimpahkan ke OPD lain."),
    ),
    A.DISPOSE_INTERNALLY: ActionSpec(
        f.DisposeInternallyForm,
        lambda d, r, u: actions.dispose_internally(
            r, actor=u, division=d["division"], instructions=d["instructions"]
        ),
        _("Laporan didisposisikan ke bidang."),
    ),
    A.REQUEST_CLARIFICATION: ActionSpec(
        f.RequestClarificationForm,
        lambda d, r, u: actions.request_clarification(r, actor=u, question=d["question"]),
        _("Permintaan klarifikasi dikirim ke pelapor."),
    ),
    A.RECORD_FIELD_CHECK: ActionSpec(
        f.FieldCheckForm, _field_check, _("Pemeriksaan lapangan dan Berita Acara tercatat.")
    ),
    A.SUBMIT_DRAFT: ActionSpec(
        f.SubmitDraftForm, _submit_draft, _("Rumusan tindak lanjut diajukan untuk disetujui.")
    ),
    A.APPROVE_DRAFT: ActionSpec(
        f.ApproveDraftForm,
        lambda d, r, u: actions.approve_draft(r, actor=u, note=d["note"]),
        _("Rumusan tindak lanjut disetujui."),
    ),
    A.RETURN_DRAFT: ActionSpec(
        f.ReturnDraftForm,
        lambda d, r, u: actions.return_draft(r, actor=u, note=d["note"]),
        _("Rumusan dikembalikan untuk diperbaiki."),
    ),
    A.PUBLISH_FOLLOWUP: ActionSpec(
        f.EmptyForm,
        lambda d, r, u: actions.publish_followup(r, actor=u),
        _("Tindak lanjut disampaikan kepada pelapor."),
    ),
    A.CLOSE: ActionSpec(
        f.CloseForm,
        lambda d, r, u: actions.close_report(r, actor=u, note=d["note"]),
        _("Laporan ditutup."),
    ),
    A.REOPEN: ActionSpec(
        f.ReopenForm,
        lambda d, r, u: actions.reopen_report(r, actor=u, reason=d["reason"]),
        _("Laporan dibuka kembali."),
    ),
    A.FORWARD_OMBUDSMAN: ActionSpec(
        f.ForwardOmbudsmanForm,
        lambda d, r, u: actions.forward_to_ombudsman(r, actor=u, note=d["note"]),
        _("Laporan diteruskan ke Ombudsman RI."),
        danger=True,
    ),
}
