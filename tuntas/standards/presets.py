"""The service standards shipped ready to use: national defaults and the four seed SOPs.

Each preset is a list of ``(step, amount, unit, min_amount, classification, note)``.
A step a preset leaves out falls back to the organisation's parent's standard,
then to the national default (see ``resolve.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from tuntas.reference.models import Classification
from tuntas.standards.models import CountedFrom, ServiceStandard, Step, StepLimit, Unit

WD = Unit.WORKING_DAYS
MIN = Unit.WORKING_MINUTES
S = Step

LimitRow = tuple[Step, int, Unit, int | None, str | None, str]


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    source: str
    description: str
    limits: list[LimitRow]
    national_default: bool = False
    # Steps whose limit counts from the report's receipt rather than the step's start.
    counted_from_receipt: frozenset[Step] = frozenset()
    answers_reach_national: bool = False


NATIONAL = Preset(
    key="national",
    name="Standar nasional SP4N-LAPOR!",
    source="PermenPANRB 62/2018; lapor.go.id",
    description=(
        "Verifikasi paling lama 3 hari kerja; tindak lanjut OPD 5 hari kerja untuk permintaan "
        "informasi, 14 hari kerja untuk pengaduan tanpa pemeriksaan, 60 hari kerja dengan "
        "pemeriksaan; penutupan otomatis 10 hari kerja; Ombudsman RI setelah 60 hari kerja."
    ),
    national_default=True,
    limits=[
        (S.VERIFICATION, 3, WD, None, None, "Respons pertama/verifikasi ≤ 3 HK"),
        (S.COMPLETION, 10, WD, None, None, "Pelapor melengkapi data"),
        (S.DISPOSITION, 1, WD, None, None, ""),
        (S.AGENCY_ACCEPTANCE, 2, WD, None, None, ""),
        (S.INTERNAL_DISPOSITION, 1, WD, None, None, ""),
        (S.DRAFTING, 5, WD, None, None, "Tindak lanjut OPD 5 HK (lapor.go.id)"),
        (S.CLARIFICATION, 10, WD, None, None, ""),
        (S.APPROVAL, 1, WD, None, None, ""),
        (S.PUBLICATION, 1, WD, None, None, ""),
        (S.FOLLOWUP, 14, WD, None, None, ""),
        (S.FOLLOWUP, 5, WD, None, "information_request", ""),
        (S.FOLLOWUP, 14, WD, None, "complaint", ""),
        (S.FOLLOWUP, 60, WD, None, "complaint_examination", ""),
        (S.FOLLOWUP, 14, WD, None, "aspiration", ""),
        (S.REPORTER_REPLY, 10, WD, None, None, ""),
        (S.AUTO_CLOSE, 10, WD, None, None, "Selesai otomatis tanpa tanggapan 10 HK"),
        (S.INTERVENTION_PEMDA, 5, WD, None, None, ""),
        (S.INTERVENTION_NATIONAL, 15, WD, None, None, ""),
        (S.OMBUDSMAN, 60, WD, None, None, "Diteruskan ke Ombudsman RI"),
    ],
)

SEED_001 = Preset(
    key="seed-001-disporbudpar",
    name="SOP Penanganan Laporan Masyarakat melalui Aplikasi LAPOR! (Disporbudpar)",
    source="Seed 001 – SOP Disporbudpar",
    description=(
        "Menerima 10-20 menit; inventarisasi 10-30 menit; disposisi Kepala Dinas ke bidang "
        "30-60 menit; koordinasi internal dan perumusan 1-5 hari kerja; penyampaian 30-60 "
        "menit; selesai 10 hari kerja tanpa balasan; Ombudsman setelah 60 hari."
    ),
    limits=[
        (S.AGENCY_ACCEPTANCE, 20, MIN, 10, None, "Menerima laporan 10-20 menit"),
        (S.INTERNAL_DISPOSITION, 60, MIN, 30, None, "Menelaah dan mendisposisi 30-60 menit"),
        (S.DRAFTING, 5, WD, 1, None, "Koordinasi internal dan perumusan 1-5 hari kerja"),
        (S.APPROVAL, 60, MIN, 30, None, "Inventarisasi hasil tindak lanjut 30-60 menit"),
        (S.PUBLICATION, 60, MIN, 30, None, "Menyampaikan hasil tindak lanjut 30-60 menit"),
        (S.REPORTER_REPLY, 10, WD, None, None, ""),
        (S.AUTO_CLOSE, 10, WD, None, None, "Selesai bila 10 hari kerja tanpa balasan"),
        (S.OMBUDSMAN, 60, WD, None, None, "Tidak ditindaklanjuti 60 hari → Ombudsman"),
    ],
)

SEED_002 = Preset(
    key="seed-002-majalengka",
    name="SOP SP4N-LAPOR! Kabupaten Majalengka",
    source="Seed 002 – Diskominfo Kab. Majalengka",
    description=(
        "Admin kabupaten meneruskan ke Perangkat Daerah atau mengembalikan ke admin pusat "
        "dalam 2 hari; jawaban Perangkat Daerah maksimal 30 hari; masyarakat menerima "
        "jawaban dalam 34 hari."
    ),
    # Step 3: the Admin Kabupaten has 2 days from receipt to answer and/or pass the report
    # on: checking (from receipt, as every verification) and disposing, counted from
    # receipt too. Step 6: the agency's
    # answer is notified to the Admin Kabupaten and the Admin Pusat. The SOP sets no
    # intervention, so none runs (the national 5/15-day ones would fall inside its 30 days).
    limits=[
        (S.VERIFICATION, 2, WD, None, None, "Respons dan/atau diteruskan dalam 2 hari"),
        (
            S.DISPOSITION,
            2,
            WD,
            None,
            None,
            "Diteruskan ke unit terkait, 2 hari sejak diterima",
        ),
        (S.FOLLOWUP, 30, WD, None, None, "Jawaban Perangkat Daerah maksimal 30 hari"),
        (S.PUBLICATION, 2, WD, None, None, "Masyarakat menerima jawaban (total 34 hari)"),
    ],
    counted_from_receipt=frozenset({S.DISPOSITION}),
    answers_reach_national=True,
)

SEED_003 = Preset(
    key="seed-003-kapuas",
    name="SOP LAPOR!-SP4N Kabupaten Kapuas",
    source="Seed 003 – Diskominfo Kab. Kapuas, SOP 555/01-06/IKP/XII/2024",
    description=(
        "Penyaluran 3 hari; telaah lanjutan 3-5 hari; konfirmasi dan klarifikasi 3-5 hari; "
        "intervensi admin instansi bila tidak ditanggapi > 5 hari; koordinasi internal 5-10 "
        "hari kerja; intervensi admin pusat 15-30 hari kerja; pemeriksaan lapangan 5-10 hari; "
        "selesai 10 hari kerja tanpa tanggapan; Ombudsman 60 hari kerja."
    ),
    limits=[
        (S.VERIFICATION, 3, WD, None, None, "Penyaluran pengaduan 3 hari"),
        (S.DISPOSITION, 5, WD, 3, None, "Telaah lanjutan 3-5 hari"),
        (S.AGENCY_ACCEPTANCE, 3, WD, None, None, "Admin penghubung menerima aduan 3 hari"),
        (S.INTERNAL_DISPOSITION, 5, WD, 3, None, "Konfirmasi dan klarifikasi 3-5 hari"),
        (S.CLARIFICATION, 5, WD, 3, None, "Pelapor melengkapi dokumen"),
        (S.DRAFTING, 10, WD, 5, None, "Koordinasi internal 5-10 hari kerja"),
        (S.FOLLOWUP, 10, WD, 5, None, "Verifikasi lapangan dan BA 5-10 hari"),
        (S.REPORTER_REPLY, 10, WD, None, None, ""),
        (S.AUTO_CLOSE, 10, WD, None, None, "Selesai bila 10 hari kerja tanpa tanggapan"),
        (
            S.INTERVENTION_PEMDA,
            5,
            WD,
            None,
            None,
            "Belum ditanggapi > 5 hari: intervensi admin instansi",
        ),
        (S.INTERVENTION_NATIONAL, 15, WD, None, None, "15-30 hari kerja: intervensi admin pusat"),
        (S.OMBUDSMAN, 60, WD, None, None, "Diteruskan oleh sistem ke Ombudsman RI"),
    ],
)

SEED_004 = Preset(
    key="seed-004-bangkalan",
    name="SOP Pengelolaan Pengaduan SP4N-LAPOR Kabupaten Bangkalan",
    source="Seed 004 – Diskominfo Kab. Bangkalan, 112./SOP.DINAS-KW.112/2024",
    description=(
        "Menerima 5 menit; verifikasi 1-3 hari; disposisi 5 menit; informasi ke pejabat "
        "penghubung via grup WhatsApp 5 menit; tindak lanjut 5-10 hari; pemantauan tanggapan "
        "pelapor 10 hari; Ombudsman 60 hari kerja."
    ),
    limits=[
        (S.VERIFICATION, 3, WD, 1, None, "Verifikasi laporan dan data pendukung 1-3 hari"),
        # Steps 3-4: disposing and informing the liaison officers (through the WhatsApp
        # group, queued in the same transaction as the disposition) are the admin's 5 + 5
        # minutes; the SOP sets no limit on the liaison's acceptance (national default).
        (S.DISPOSITION, 5, MIN, None, None, "Disposisi laporan kepada OPD 5 menit"),
        (S.FOLLOWUP, 10, WD, 5, None, "Tanggapan/tindak lanjut 5-10 hari"),
        (S.REPORTER_REPLY, 10, WD, None, None, "Memantau feedback pelapor 10 hari"),
        (S.AUTO_CLOSE, 10, WD, None, None, "Selesai otomatis 10 hari kerja"),
        (S.OMBUDSMAN, 60, WD, None, None, "Diteruskan ke Ombudsman RI"),
    ],
)

PRESETS = [NATIONAL, SEED_001, SEED_002, SEED_003, SEED_004]


@transaction.atomic
def install_preset(preset: Preset, *, reset: bool = False) -> ServiceStandard:
    """Create the preset; an existing one is left as edited unless ``reset``."""
    existing = ServiceStandard.objects.filter(preset_key=preset.key).first()
    if existing is not None and not reset:
        return existing
    standard, _created = ServiceStandard.objects.update_or_create(
        preset_key=preset.key,
        defaults={
            "name": preset.name,
            "source": preset.source,
            "description": preset.description,
            "is_national_default": preset.national_default,
            "answers_reach_national": preset.answers_reach_national,
        },
    )
    standard.limits.all().delete()
    classifications = {c.code: c for c in Classification.objects.all()}
    StepLimit.objects.bulk_create(
        StepLimit(
            standard=standard,
            step=step,
            amount=amount,
            unit=unit,
            min_amount=min_amount,
            classification=classifications.get(code) if code else None,
            note=note,
            counted_from=CountedFrom.RECEIVED
            if step in preset.counted_from_receipt
            else CountedFrom.STEP_START,
        )
        for step, amount, unit, min_amount, code, note in preset.limits
        if code is None or code in classifications
    )
    return standard


def install_presets(*, reset: bool = False) -> dict[str, ServiceStandard]:
    return {preset.key: install_preset(preset, reset=reset) for preset in PRESETS}
