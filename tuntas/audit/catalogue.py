"""The catalogue of audit actions: every ``AuditEvent.action`` is a member of one of its
vocabularies, never a free string.

``AuditAction`` names what happens outside a report's lifecycle (accounts, the admin,
API keys, webhooks, peers, oversight documents, messages). A report's own actions are the
rows of its transition table (``tuntas.reports.transitions.Action``), which registers
itself here as a vocabulary, as Zulip keeps one list of audit-log event types.
"""

from __future__ import annotations

import enum

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class AuditAction(enum.StrEnum):
    # Accounts
    REGISTER = "register"
    API_TOKEN_ISSUED = "api_token_issued"  # noqa: S105  # an event name, not a secret
    API_SIGN_IN = "api_sign_in"
    API_TOKEN_REVOKED = "api_token_revoked"  # noqa: S105  # an event name
    NOTIFICATION_PREFERENCES_CHANGED = "notification_preferences_changed"
    # accounts and sign-in security
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SECOND_FACTOR_FAILED = "second_factor_failed"
    TWO_FACTOR_ENABLED = "two_factor_enabled"
    TWO_FACTOR_DISABLED = "two_factor_disabled"
    RECOVERY_CODES_REGENERATED = "recovery_codes_regenerated"
    RECOVERY_CODE_USED = "recovery_code_used"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105  # an event name, not a secret
    PASSWORD_RESET_REQUESTED = "password_reset_requested"  # noqa: S105  # an event name
    PASSWORD_RESET_DONE = "password_reset_done"  # noqa: S105  # an event name
    STAFF_ACCESS_RESET = "staff_access_reset"
    ROLE_GRANTED = "role_granted"
    ROLE_REVOKED = "role_revoked"
    # The Django admin
    ADMIN_ADD = "admin_add"
    ADMIN_CHANGE = "admin_change"
    ADMIN_DELETE = "admin_delete"
    # API keys
    API_KEY_ISSUED = "api_key_issued"
    API_KEY_REVOKED = "api_key_revoked"
    API_KEY_SUBMIT = "api_key_submit"
    # Webhooks
    WEBHOOK_CREATE = "webhook_create"
    WEBHOOK_UPDATE = "webhook_update"
    WEBHOOK_ENABLE = "webhook_enable"
    WEBHOOK_DISABLE = "webhook_disable"
    WEBHOOK_ROTATE_SECRET = "webhook_rotate_secret"  # noqa: S105  # an event name
    WEBHOOK_DELETE = "webhook_delete"
    WEBHOOK_PING = "webhook_ping"
    # Federation peers
    FEDERATION_PEER_CREATED = "federation_peer_created"
    FEDERATION_PEER_UPDATED = "federation_peer_updated"
    # An event copied from a peer whose action this deployment does not know (a newer
    # version): its label travels with it (``FederatedEvent.label``).
    FEDERATION_REMOTE_EVENT = "federation_remote_event"
    # Messages
    OUTBOX_RETRY = "outbox_retry"
    INBOUND_DISMISS = "inbound_dismiss"
    INBOUND_MAKE_REPORT = "inbound_make_report"
    # A report's privacy flags (anonim, rahasia) changing: the reporter reads it.
    PRIVACY_FLAG_CHANGED = "privacy_flag_changed"
    # Oversight documents (seed 003: SOP 3 quarterly report, SOP 4 evaluation, SOP 6 recap)
    QUARTERLY_COMPILE = "quarterly_compile"
    QUARTERLY_SUBMIT = "quarterly_submit"
    QUARTERLY_RETURN = "quarterly_return"
    QUARTERLY_INITIAL = "quarterly_initial"
    QUARTERLY_CHECK_RESOLVED = "quarterly_check_resolved"
    QUARTERLY_ARCHIVE = "quarterly_archive"
    EVALUATION_CREATE = "evaluation_create"
    EVALUATION_EDIT = "evaluation_edit"
    EVALUATION_SUBMIT = "evaluation_submit"
    EVALUATION_APPROVE = "evaluation_approve"
    EVALUATION_RETURN = "evaluation_return"
    EVALUATION_ARCHIVE = "evaluation_archive"
    DAILY_RECAP_REPORT = "daily_recap_report"
    # Files
    ATTACHMENT_SANITISED = "attachment_sanitised"
    # Personal data (UU PDP 27/2022): the reporter's rights and retention
    PERSONAL_DATA_EXPORTED = "personal_data_exported"
    ERASURE_REQUESTED = "erasure_requested"
    ERASURE_CANCELLED = "erasure_cancelled"
    ERASURE_CONFIRMED = "erasure_confirmed"
    ERASURE_CARRIED_OUT = "erasure_carried_out"
    REPORTER_IDENTITY_ERASED = "reporter_identity_erased"
    PERSONAL_DATA_PURGED = "personal_data_purged"


AUDIT_LABELS: dict[AuditAction, StrOrPromise] = {
    AuditAction.REGISTER: _("Pendaftaran akun"),
    AuditAction.API_TOKEN_ISSUED: _("Token API diterbitkan"),
    AuditAction.API_SIGN_IN: _("Masuk melalui API"),
    AuditAction.API_TOKEN_REVOKED: _("Token API dicabut"),
    AuditAction.NOTIFICATION_PREFERENCES_CHANGED: _("Pengaturan notifikasi diubah"),
    # accounts and sign-in security
    AuditAction.SIGN_IN: _("Masuk"),
    AuditAction.SIGN_IN_FAILED: _("Percobaan masuk gagal"),
    AuditAction.SECOND_FACTOR_FAILED: _("Kode verifikasi dua langkah salah"),
    AuditAction.TWO_FACTOR_ENABLED: _("Verifikasi dua langkah diaktifkan"),
    AuditAction.TWO_FACTOR_DISABLED: _("Verifikasi dua langkah dimatikan"),
    AuditAction.RECOVERY_CODES_REGENERATED: _("Kode pemulihan dibuat ulang"),
    AuditAction.RECOVERY_CODE_USED: _("Kode pemulihan dipakai"),
    AuditAction.PASSWORD_CHANGED: _("Kata sandi diubah"),
    AuditAction.PASSWORD_RESET_REQUESTED: _("Atur ulang kata sandi diminta"),
    AuditAction.PASSWORD_RESET_DONE: _("Kata sandi diatur ulang"),
    AuditAction.STAFF_ACCESS_RESET: _("Akses petugas diatur ulang"),
    AuditAction.ROLE_GRANTED: _("Peran diberikan"),
    AuditAction.ROLE_REVOKED: _("Peran dicabut"),
    AuditAction.ADMIN_ADD: _("Admin: data ditambahkan"),
    AuditAction.ADMIN_CHANGE: _("Admin: data diubah"),
    AuditAction.ADMIN_DELETE: _("Admin: data dihapus"),
    AuditAction.API_KEY_ISSUED: _("Kunci API diterbitkan"),
    AuditAction.API_KEY_REVOKED: _("Kunci API dicabut"),
    AuditAction.API_KEY_SUBMIT: _("Laporan dikirim melalui kunci API"),
    AuditAction.WEBHOOK_CREATE: _("Webhook dibuat"),
    AuditAction.WEBHOOK_UPDATE: _("Webhook diubah"),
    AuditAction.WEBHOOK_ENABLE: _("Webhook diaktifkan"),
    AuditAction.WEBHOOK_DISABLE: _("Webhook dinonaktifkan"),
    AuditAction.WEBHOOK_ROTATE_SECRET: _("Rahasia webhook diganti"),
    AuditAction.WEBHOOK_DELETE: _("Webhook dihapus"),
    AuditAction.WEBHOOK_PING: _("Uji webhook"),
    AuditAction.FEDERATION_PEER_CREATED: _("Mitra federasi ditambahkan"),
    AuditAction.FEDERATION_PEER_UPDATED: _("Mitra federasi diubah"),
    AuditAction.FEDERATION_REMOTE_EVENT: _("Peristiwa di instansi mitra"),
    AuditAction.OUTBOX_RETRY: _("Pesan gagal dikirim ulang"),
    AuditAction.INBOUND_DISMISS: _("Pesan masuk diabaikan"),
    AuditAction.INBOUND_MAKE_REPORT: _("Pesan masuk dijadikan laporan"),
    AuditAction.PRIVACY_FLAG_CHANGED: _("Pilihan privasi berubah"),
    AuditAction.QUARTERLY_COMPILE: _("Laporan triwulan disusun"),
    AuditAction.QUARTERLY_SUBMIT: _("Laporan triwulan diajukan"),
    AuditAction.QUARTERLY_RETURN: _("Laporan triwulan dikembalikan"),
    AuditAction.QUARTERLY_INITIAL: _("Laporan triwulan diparaf"),
    AuditAction.QUARTERLY_CHECK_RESOLVED: _("Laporan tuntas diperiksa"),
    AuditAction.QUARTERLY_ARCHIVE: _("Laporan triwulan diarsipkan"),
    AuditAction.EVALUATION_CREATE: _("Catatan monev dibuat"),
    AuditAction.EVALUATION_EDIT: _("Catatan monev diubah"),
    AuditAction.EVALUATION_SUBMIT: _("Catatan monev diajukan"),
    AuditAction.EVALUATION_APPROVE: _("Catatan monev disetujui"),
    AuditAction.EVALUATION_RETURN: _("Catatan monev dikembalikan"),
    AuditAction.EVALUATION_ARCHIVE: _("Catatan monev diarsipkan"),
    AuditAction.DAILY_RECAP_REPORT: _("Rekap harian dilaporkan"),
    AuditAction.ATTACHMENT_SANITISED: _("Lampiran dibersihkan dari metadata"),
    AuditAction.PERSONAL_DATA_EXPORTED: _("Data pribadi diunduh pemiliknya"),
    AuditAction.ERASURE_REQUESTED: _("Penghapusan data pribadi diminta"),
    AuditAction.ERASURE_CANCELLED: _("Permintaan penghapusan data dibatalkan"),
    AuditAction.ERASURE_CONFIRMED: _("Penghapusan data pribadi dikonfirmasi petugas"),
    AuditAction.ERASURE_CARRIED_OUT: _("Data pribadi dihapus"),
    AuditAction.REPORTER_IDENTITY_ERASED: _("Identitas pelapor dihapus atas permintaannya"),
    AuditAction.PERSONAL_DATA_PURGED: _("Data pribadi lewat masa simpan dihapus"),
}

_VOCABULARIES: list[type[enum.StrEnum]] = [AuditAction]


def register_vocabulary(vocabulary: type[enum.StrEnum]) -> None:
    """Add a vocabulary of audit actions (a report's transition table registers its
    ``Action``). Values must not collide with another vocabulary's."""
    if vocabulary in _VOCABULARIES:
        return
    taken = {str(m) for v in _VOCABULARIES for m in v}
    clash = sorted(taken & {str(m) for m in vocabulary})
    if clash:
        raise ValueError(f"audit actions defined twice: {', '.join(clash)}")
    _VOCABULARIES.append(vocabulary)


def vocabularies() -> tuple[type[enum.StrEnum], ...]:
    return tuple(_VOCABULARIES)


def is_catalogued(action: object) -> bool:
    return any(isinstance(action, v) for v in _VOCABULARIES)


def catalogued(value: str) -> enum.StrEnum | None:
    """The catalogue member with this stored value, or None."""
    for vocabulary in _VOCABULARIES:
        try:
            return vocabulary(value)
        except ValueError:
            continue
    return None
