"""Demo data for the oversight pages: Kapuas reports in the last quarter that has ended
(so the main admin can compile its quarterly report at once) and one monitoring record.

Everything is made through the real actions with ``now`` in the past. Idempotent: a
report is identified by its title, the record by its title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from tuntas.demo.builder import Demo
from tuntas.oversight.actions import EvaluationInput, create_evaluation_record
from tuntas.oversight.models import EvaluationKind, EvaluationRecord
from tuntas.oversight.periods import last_ended_quarter, quarter_period
from tuntas.reference.models import Category, Channel, Classification
from tuntas.reports import actions
from tuntas.reports.actions import Actor, ReportInput, composed_transaction
from tuntas.reports.models import Report

RECORD_TITLE = "Kunjungan lapangan Jalan Trans Kalimantan km 12"


@dataclass(frozen=True)
class PastReport:
    title: str
    description: str
    channel: str
    category: str
    day: int  # days after the quarter's first day
    outcome: str  # "closed", "followed_up", "accepted", "verified"
    anonymous: bool = True


PAST_REPORTS = (
    PastReport(
        "Lampu jalan padam di Jalan Tambun Bungai",
        "Lampu penerangan jalan di Jalan Tambun Bungai padam sepanjang 300 meter.",
        "web",
        "Jalan rusak",
        8,
        "closed",
    ),
    PastReport(
        "Jembatan kayu Desa Saka Lagun lapuk",
        "Papan jembatan kayu di Desa Saka Lagun banyak yang lapuk dan berlubang.",
        "whatsapp",
        "Jalan rusak",
        15,
        "closed",
        anonymous=False,
    ),
    PastReport(
        "Atap ruang kelas SDN 1 Selat bocor",
        "Atap ruang kelas III SDN 1 Selat bocor setiap hujan, murid belajar di lorong.",
        "sms",
        "Sekolah dan guru",
        23,
        "verified",
    ),
    PastReport(
        "Drainase tersumbat di Jalan Pemuda",
        "Saluran drainase di Jalan Pemuda tersumbat sampah, air meluap ke jalan.",
        "newspaper",
        "Jalan rusak",
        37,
        "closed",
    ),
    PastReport(
        "Jalan desa Kapuas Murung berlubang",
        "Jalan desa di Kapuas Murung berlubang dalam, sepeda motor sering terjatuh.",
        "web",
        "Jalan rusak",
        51,
        "closed",
    ),
)


def _input(demo: Demo, spec: PastReport) -> ReportInput:
    return ReportInput(
        title=spec.title,
        description=spec.description,
        classification=Classification.objects.get(code="complaint"),
        channel=Channel.objects.get(code=spec.channel),
        pemda=demo.orgs["kapuas"],
        category=Category.objects.get(name=spec.category),
        location_text="Kabupaten Kapuas",
        reporter_name="" if spec.anonymous else "Bapak Darto",
        is_anonymous=spec.anonymous,
        is_confidential=True,
    )


def _walk(demo: Demo, spec: PastReport, start: datetime) -> Report:
    u, o = demo.users, demo.orgs
    at: Callable[[float], datetime] = lambda hours: start + timedelta(days=spec.day, hours=hours)  # noqa: E731
    data = _input(demo, spec)
    if spec.channel == "web":
        report = actions.submit_report(data, actor=Actor.reporter(u["warga"]), now=at(0)).report
        actions.verify_report(report, actor=Actor(user=u["kapuas.koordinator"]), now=at(2))
    else:  # typed in by the Admin Utama from an outside channel (SOP 5): enters verified
        report = actions.intake_report(
            data, actor=Actor(user=u["kapuas.koordinator"]), now=at(0)
        ).report
    if spec.outcome == "verified":
        return report
    pupr = o["kapuas-pupr"]
    actions.dispose_report(
        report, actor=Actor(user=u["kapuas.koordinator"]), agencies=[pupr], lead=pupr, now=at(3)
    )
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]), now=at(24))
    actions.dispose_internally(
        report,
        actor=Actor(user=u["kapuas.pupr.kadis"]),
        division=o["kapuas-pupr-binamarga"],
        now=at(25),
    )
    actions.submit_draft(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        body="Telah dilakukan perbaikan oleh Bidang Bina Marga.",
        now=at(72),
    )
    actions.approve_draft(report, actor=Actor(user=u["kapuas.pupr.kadis"]), now=at(73))
    actions.publish_followup(report, actor=Actor(user=u["kapuas.pupr.admin"]), now=at(74))
    # The reporter is satisfied (an account, or the access code of a typed-in report).
    reporter = (
        Actor(user=u["warga"])
        if report.reporter_id is not None
        else Actor(is_reporter_by_code=True)
    )
    actions.reply_satisfied(report, actor=reporter, rating=5, comment="Terima kasih.", now=at(96))
    return report


def load_oversight_demo(demo: Demo, now: datetime | None = None) -> int:
    """Create what is missing; returns how many reports were created."""
    now = now or timezone.now()
    pemda = demo.orgs["kapuas"]
    year, quarter = last_ended_quarter(pemda, now)
    start = quarter_period(pemda, year, quarter).start + timedelta(hours=9)
    created = 0
    reports: list[Report] = []
    for spec in PAST_REPORTS:
        existing = Report.objects.filter(title=spec.title, pemda=pemda).first()
        if existing is not None:
            reports.append(existing)
            continue
        with composed_transaction():
            reports.append(_walk(demo, spec, start))
        created += 1
    if not EvaluationRecord.objects.filter(title=RECORD_TITLE).exists():
        create_evaluation_record(
            pemda=pemda,
            data=EvaluationInput(
                kind=EvaluationKind.SITE_VISIT,
                title=RECORD_TITLE,
                held_on=(start + timedelta(days=60)).date(),
                place="Jalan Trans Kalimantan km 12, Kapuas Hilir",
                participants="Tim Pengelola Pengaduan Diskominfo; Bidang Bina Marga Dinas PUPR",
                minutes=(
                    "Lokasi aduan dikunjungi bersama Bidang Bina Marga. Rambu tikungan telah "
                    "dipasang kembali; drainase masih perlu dibersihkan rutin."
                ),
                tracking_ids=[r.tracking_id for r in reports[:2]],
                agencies=[demo.orgs["kapuas-pupr"]],
            ),
            actor=demo.users["kapuas.koordinator"],
            now=start + timedelta(days=60, hours=6),
        )
    return created
