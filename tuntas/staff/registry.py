"""Which form and which success message serve each staff action (one dict, no if-chain).

The action function itself is called through ``tuntas.reports.actions.dispatch``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tuntas.reports.transitions import Action
from tuntas.staff.forms import actions as f


@dataclass(frozen=True)
class ActionSpec:
    form_class: type[f.ActionForm]
    done: str | Promise  # the success message
    danger: bool = False  # ends or sends the report away: shown as a red button


A = Action
REGISTRY: dict[Action, ActionSpec] = {
    A.VERIFY: ActionSpec(f.VerifyForm, _("Laporan terverifikasi.")),
    A.HOLD: ActionSpec(
        f.HoldForm,
        _("Laporan ditunda; pelapor diminta melengkapi data."),
    ),
    A.NOT_IN_AUTHORITY: ActionSpec(
        f.NotInAuthorityForm,
        _("Laporan dikembalikan ke admin nasional: bukan wewenang daerah."),
        danger=True,
    ),
    A.ROUTE_TO_PEMDA: ActionSpec(
        f.RouteToPemdaForm,
        _("Laporan diteruskan ke pemerintah daerah tujuan."),
    ),
    A.FORWARD_EXTERNAL: ActionSpec(
        f.ForwardExternalForm,
        _("Laporan diteruskan ke instansi di luar sistem."),
        danger=True,
    ),
    A.ARCHIVE: ActionSpec(
        f.ArchiveForm,
        _("Laporan diarsipkan."),
        danger=True,
    ),
    A.DISPOSE: ActionSpec(f.DisposeForm, _("Laporan didisposisikan ke OPD.")),
    A.ACCEPT: ActionSpec(
        f.EmptyForm,
        _("Disposisi diterima."),
    ),
    A.ACCEPT_SUPPORT: ActionSpec(
        f.EmptyForm,
        _("Disposisi sebagai OPD pendukung diterima."),
    ),
    A.RETURN_DISPOSITION: ActionSpec(
        f.ReturnDispositionForm,
        _("Disposisi dikembalikan ke admin koordinator."),
        danger=True,
    ),
    A.TRANSFER: ActionSpec(
        f.TransferForm,
        _("Laporan dilimpahkan ke OPD lain."),
    ),
    A.DISPOSE_INTERNALLY: ActionSpec(
        f.DisposeInternallyForm,
        _("Laporan didisposisikan ke bidang."),
    ),
    A.REQUEST_CLARIFICATION: ActionSpec(
        f.RequestClarificationForm,
        _("Permintaan klarifikasi dikirim ke pelapor."),
    ),
    A.RECORD_FIELD_CHECK: ActionSpec(
        f.FieldCheckForm, _("Pemeriksaan lapangan dan Berita Acara tercatat.")
    ),
    A.SUBMIT_DRAFT: ActionSpec(
        f.SubmitDraftForm, _("Rumusan tindak lanjut diajukan untuk disetujui.")
    ),
    A.APPROVE_DRAFT: ActionSpec(
        f.ApproveDraftForm,
        _("Rumusan tindak lanjut disetujui."),
    ),
    A.RETURN_DRAFT: ActionSpec(
        f.ReturnDraftForm,
        _("Rumusan dikembalikan untuk diperbaiki."),
    ),
    A.PUBLISH_FOLLOWUP: ActionSpec(
        f.EmptyForm,
        _("Tindak lanjut disampaikan kepada pelapor."),
    ),
    A.CLOSE: ActionSpec(
        f.CloseForm,
        _("Laporan ditutup."),
    ),
    A.REOPEN: ActionSpec(
        f.ReopenForm,
        _("Laporan dibuka kembali."),
    ),
    A.FORWARD_OMBUDSMAN: ActionSpec(
        f.ForwardOmbudsmanForm,
        _("Laporan diteruskan ke Ombudsman RI."),
        danger=True,
    ),
}
