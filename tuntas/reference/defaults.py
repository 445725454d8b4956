"""National reference data every deployment starts with (editable afterwards)."""

from __future__ import annotations

from tuntas.reference.models import Channel, Classification

CLASSIFICATIONS = [
    # code, name, requires_examination, default follow-up limit (working days)
    ("aspiration", "Aspirasi", False, 14),
    ("information_request", "Permintaan Informasi", False, 5),
    ("complaint", "Pengaduan (tidak berkadar pengawasan)", False, 14),
    ("complaint_examination", "Pengaduan (berkadar pengawasan)", True, 60),
]

CHANNELS = [
    # code, name, outside the system
    ("web", "Situs web", False),
    ("mobile", "Aplikasi seluler", False),
    ("api", "Integrasi API", False),
    ("lapor_national", "LAPOR! nasional", False),
    ("sms", "SMS", True),
    ("whatsapp", "WhatsApp", True),
    ("instagram", "Instagram", True),
    ("twitter", "Twitter/X", True),
    ("facebook", "Facebook", True),
    ("newspaper", "Surat kabar", True),
    ("email", "E-mail", True),
    ("letter", "Surat", True),
    ("walk_in", "Datang langsung", True),
    ("phone", "Telepon", True),
]


def install_reference_data() -> None:
    for order, (code, name, exam, days) in enumerate(CLASSIFICATIONS):
        Classification.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "requires_examination": exam,
                "default_followup_days": days,
                "order": order,
            },
        )
    for order, (code, name, outside) in enumerate(CHANNELS):
        Channel.objects.update_or_create(
            code=code, defaults={"name": name, "is_outside_system": outside, "order": order}
        )
