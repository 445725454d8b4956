"""Sample reports for the demo, each walked to its status through the real actions.

Every sample is created only through ``tuntas.reports.actions`` with ``now``
values in the past few weeks, so clocks, audit events and notifications are
exactly what a real report would have. A sample is identified by its title:
loading twice skips the samples that already exist.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from tuntas.demo.builder import Demo
from tuntas.reference.models import Category, Channel, Classification, Region
from tuntas.reports import actions
from tuntas.reports.actions import Actor, ReportInput, composed_transaction
from tuntas.reports.models import Report, Status
from tuntas.reports.uploads import CheckedFile, check_uploads


@dataclass(frozen=True)
class SampleResult:
    key: str
    title: str
    tracking_id: str
    status: str
    created: bool
    access_code: str = ""


class _Clock:
    """``at(days, hours)`` → a moment that many days and hours before the load."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self, days: float = 0, hours: float = 0) -> datetime:
        return self.now - timedelta(days=days, hours=hours)

    def day(self, days: float) -> date:
        return timezone.localtime(self(days)).date()


def _input(
    demo: Demo,
    *,
    pemda: str,
    title: str,
    description: str,
    category: str,
    classification: str = "complaint",
    channel: str = "web",
    location: str = "",
    region: str | None = None,
    incident: date | None = None,
    confidential: bool = True,
    reporter_name: str = "",
    reporter_phone: str = "",
) -> ReportInput:
    return ReportInput(
        title=title,
        description=description,
        classification=Classification.objects.get(code=classification),
        channel=Channel.objects.get(code=channel),
        pemda=demo.orgs[pemda],
        category=Category.objects.get(name=category),
        incident_date=incident,
        location_text=location,
        region=Region.objects.get(code=region) if region else None,
        reporter_name=reporter_name,
        reporter_phone=reporter_phone,
        is_anonymous=True,
        is_confidential=confidential,
    )


def _photo(name: str, label: str) -> list[CheckedFile]:
    """A small generated picture, checked like any upload (type sniffed, metadata stripped)."""
    image = Image.new("RGB", (480, 320), (120, 120, 112))
    draw = ImageDraw.Draw(image)
    draw.ellipse((150, 120, 330, 220), fill=(60, 55, 50))
    draw.text((16, 16), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    upload = SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
    return check_uploads([upload], "photos")


class _Builder:
    def __init__(self, demo: Demo, now: datetime) -> None:
        self.demo = demo
        self.at = _Clock(now)
        self.u = demo.users
        self.o = demo.orgs
        self.access_codes: dict[str, str] = {}  # reporters without an account

    # -- steps shared by the Kapuas samples ---------------------------------------------
    def kapuas_report(
        self,
        title: str,
        days: float,
        description: str,
        *,
        category: str = "Jalan rusak",
        classification: str = "complaint",
        location: str = "",
        region: str = "62.03.01",
        confidential: bool = True,
    ) -> Report:
        """``warga`` submits a Kapuas report ``days`` ago."""
        data = _input(
            self.demo,
            pemda="kapuas",
            title=title,
            description=description,
            category=category,
            classification=classification,
            location=location,
            region=region,
            incident=self.at.day(days + 2),
            confidential=confidential,
        )
        return actions.submit_report(
            data, actor=Actor.reporter(self.u["warga"]), now=self.at(days)
        ).report

    def verify_and_dispose(self, report: Report, days: float) -> None:
        coordinator = self.u["kapuas.koordinator"]
        actions.verify_report(report, actor=Actor(user=coordinator), now=self.at(days))
        actions.dispose_report(
            report,
            actor=Actor(user=coordinator),
            agencies=[self.o["kapuas-pupr"]],
            lead=self.o["kapuas-pupr"],
            instructions="Mohon ditindaklanjuti sesuai kewenangan Dinas PUPR.",
            now=self.at(days - 0.1),
        )

    def accept_and_assign(self, report: Report, days: float) -> None:
        actions.accept_disposition(
            report, actor=Actor(user=self.u["kapuas.pupr.penghubung"]), now=self.at(days)
        )
        actions.dispose_internally(
            report,
            actor=Actor(user=self.u["kapuas.pupr.kadis"]),
            division=self.o["kapuas-pupr-binamarga"],
            instructions="Cek lokasi dan siapkan rumusan tindak lanjut.",
            now=self.at(days - 0.1),
        )

    def draft(self, report: Report, days: float, body: str) -> None:
        actions.submit_draft(
            report, actor=Actor(user=self.u["kapuas.pupr.staf"]), body=body, now=self.at(days)
        )

    def approve_and_publish(self, report: Report, days: float) -> None:
        actions.approve_draft(
            report, actor=Actor(user=self.u["kapuas.pupr.kadis"]), now=self.at(days)
        )
        actions.publish_followup(
            report, actor=Actor(user=self.u["kapuas.pupr.admin"]), now=self.at(days - 0.1)
        )

    # -- the samples --------------------------------------------------------------------
    def new_report(self) -> Report:
        return self.kapuas_report(
            "Lampu penerangan jalan padam di Jalan Pemuda",
            0.1,
            description=(
                "Sudah seminggu lampu penerangan jalan di Jalan Pemuda padam sehingga jalan "
                "gelap dan rawan kecelakaan pada malam hari."
            ),
            location="Jl. Pemuda, Selat Hilir",
        )

    def held(self) -> Report:
        report = self.kapuas_report(
            "Saluran air tersumbat di Kelurahan Selat Hilir",
            4,
            description=(
                "Saluran air di samping pasar tersumbat sampah, air meluap ke jalan setiap hujan."
            ),
            category="Drainase dan banjir",
            location="Samping Pasar Selat",
            region="62.03.01.1001",
        )
        actions.hold_report(
            report,
            actor=Actor(user=self.u["kapuas.koordinator"]),
            missing="Mohon lampirkan foto saluran dan sebutkan nama jalan yang tepat.",
            now=self.at(3),
        )
        return report

    def disposed(self) -> Report:
        report = self.kapuas_report(
            "Jembatan kayu di Desa Saka Lagun rapuh",
            6,
            description=(
                "Papan jembatan kayu penghubung desa banyak yang lapuk dan berlubang, "
                "anak-anak sekolah melintas setiap hari."
            ),
            location="Desa Saka Lagun, Kapuas Hilir",
            region="62.03.02",
        )
        self.verify_and_dispose(report, 5)
        return report

    def in_division(self) -> Report:
        report = self.kapuas_report(
            "Jalan berlubang di depan SD Negeri 1 Selat",
            12,
            description=(
                "Jalan di depan SDN 1 Selat berlubang besar sejak dua minggu, "
                "membahayakan anak sekolah yang menyeberang."
            ),
            classification="complaint_examination",
            location="Jl. Tambun Bungai, Selat",
        )
        self.verify_and_dispose(report, 11)
        self.accept_and_assign(report, 10)
        actions.record_field_check(
            report,
            actor=Actor(user=self.u["kapuas.pupr.staf"]),
            visited_on=self.at.day(8),
            location="Jl. Tambun Bungai depan SDN 1 Selat",
            findings="Lubang berdiameter sekitar 1,5 m dan kedalaman 20 cm di lajur kiri.",
            conclusion="Perlu penambalan segera; dijadwalkan dalam program pemeliharaan rutin.",
            ba_number="BA/BM/017/2026",
            photos=_photo("lubang-jalan.png", "Jl. Tambun Bungai"),
            now=self.at(7),
        )
        return report

    def draft_review(self) -> Report:
        report = self.kapuas_report(
            "Gorong-gorong ambles di Jalan Mawar",
            14,
            description=(
                "Gorong-gorong di ujung Jalan Mawar ambles sehingga kendaraan roda empat "
                "tidak dapat melintas."
            ),
            category="Drainase dan banjir",
            location="Ujung Jl. Mawar, Selat",
        )
        self.verify_and_dispose(report, 13)
        self.accept_and_assign(report, 12)
        self.draft(
            report,
            1,
            "Tim Bidang Bina Marga telah meninjau lokasi; perbaikan gorong-gorong dijadwalkan "
            "pekan depan dengan anggaran pemeliharaan rutin.",
        )
        return report

    def followed_up(self) -> Report:
        report = self.kapuas_report(
            "Rambu peringatan tikungan hilang di Jalan Trans Kalimantan",
            16,
            description=(
                "Rambu tikungan tajam di kilometer 12 hilang setelah tertabrak truk, "
                "banyak pengendara kaget di tikungan."
            ),
            location="Jl. Trans Kalimantan km 12",
            region="62.03.03",
        )
        self.verify_and_dispose(report, 15)
        self.accept_and_assign(report, 14)
        self.draft(
            report,
            5,
            "Rambu peringatan tikungan telah dipasang kembali oleh tim Bina Marga "
            "beserta dua patok pengaman.",
        )
        self.approve_and_publish(report, 2)
        return report

    def unanswered(self) -> Report:
        """Followed up a month ago and never answered: the first sweep closes it (seed 001:
        10 working days without a reply)."""
        report = self.kapuas_report(
            "Pohon tumbang menutup bahu Jalan Pemuda",
            40,
            description=(
                "Pohon besar tumbang dan menutup bahu Jalan Pemuda dekat pasar, "
                "kendaraan harus berpindah ke jalur berlawanan."
            ),
            location="Jl. Pemuda dekat Pasar Kapuas",
            region="62.03.02",
        )
        self.verify_and_dispose(report, 39)
        self.accept_and_assign(report, 38)
        self.draft(
            report,
            34,
            "Pohon tumbang telah dipotong dan diangkut oleh tim Bina Marga bersama BPBD; "
            "bahu jalan sudah bersih.",
        )
        self.approve_and_publish(report, 32)
        return report

    def closed(self) -> Report:
        report = self.kapuas_report(
            "Jalan lingkungan di RT 05 tergenang lumpur",
            28,
            description=(
                "Jalan lingkungan RT 05 selalu tergenang lumpur setelah hujan karena "
                "belum diperkeras, warga sulit lewat."
            ),
            location="RT 05 Kelurahan Selat Hilir",
            region="62.03.01.1001",
        )
        self.verify_and_dispose(report, 27)
        self.accept_and_assign(report, 26)
        self.draft(
            report,
            20,
            "Jalan lingkungan RT 05 telah diperkeras dengan sirtu sepanjang 200 meter "
            "pada minggu ini.",
        )
        self.approve_and_publish(report, 19)
        actions.reply_satisfied(
            report,
            actor=Actor(user=self.u["warga"]),
            rating=5,
            comment="Terima kasih, jalan sudah bisa dilewati.",
            now=self.at(17),
        )
        return report

    def public(self) -> Report:
        report = self.kapuas_report(
            "Trotoar rusak di depan Puskesmas Selat",
            9,
            description=(
                "Trotoar di depan Puskesmas Selat pecah dan miring, menyulitkan lansia "
                "dan pengguna kursi roda."
            ),
            location="Jl. Ahmad Yani depan Puskesmas Selat",
            confidential=False,
        )
        self.verify_and_dispose(report, 8)
        actions.accept_disposition(
            report, actor=Actor(user=self.u["kapuas.pupr.admin"]), now=self.at(7)
        )
        return report

    def overdue(self) -> Report:
        """Submitted weeks ago and never verified: the verification clock is long past due."""
        return self.kapuas_report(
            "Guru kelas SDN 2 Kapuas Murung sering tidak hadir",
            24,
            description=(
                "Guru kelas IV di SDN 2 Kapuas Murung sering tidak hadir tanpa pengganti, "
                "murid dipulangkan lebih awal hampir setiap minggu."
            ),
            category="Sekolah dan guru",
            location="SDN 2 Kapuas Murung",
            region="62.03.03",
        )

    def majalengka(self) -> Report:
        data = _input(
            self.demo,
            pemda="majalengka",
            title="Toilet objek wisata Curug Muara Jaya tidak terawat",
            description=(
                "Toilet umum di objek wisata Curug Muara Jaya kotor, airnya mati dan "
                "pintunya rusak, pengunjung terpaksa ke rumah warga."
            ),
            category="Objek wisata",
            location="Curug Muara Jaya, Kecamatan Argapura",
            incident=self.at.day(8),
        )
        report = actions.submit_report(
            data, actor=Actor.reporter(self.u["warga2"]), now=self.at(6)
        ).report
        coordinator = self.u["majalengka.koordinator"]
        actions.verify_report(report, actor=Actor(user=coordinator), now=self.at(5))
        actions.dispose_report(
            report,
            actor=Actor(user=coordinator),
            agencies=[self.o["majalengka-disporbudpar"]],
            lead=self.o["majalengka-disporbudpar"],
            instructions="Mohon ditindaklanjuti paling lambat 30 hari.",
            now=self.at(4.9),
        )
        return report

    def bangkalan(self) -> Report:
        data = _input(
            self.demo,
            pemda="bangkalan",
            title="Lampu lalu lintas simpang Socah mati",
            description=(
                "Lampu lalu lintas di simpang empat Socah mati sejak tiga hari, "
                "arus kendaraan semrawut pada jam sibuk."
            ),
            category="Lampu lalu lintas dan rambu",
            channel="web",
            location="Simpang empat Socah",
            region="35.26.02",
            incident=self.at.day(4),
            reporter_name="Moh. Hasan",
            reporter_phone="081234567890",
        )
        submitted = actions.submit_report(data, actor=Actor.reporter(None), now=self.at(3))
        self.access_codes[submitted.report.tracking_id] = submitted.access_code
        report = submitted.report
        actions.verify_report(
            report, actor=Actor(user=self.u["bangkalan.koordinator"]), now=self.at(2.9)
        )
        return report


@dataclass(frozen=True)
class Sample:
    key: str
    title: str
    expected: Status
    build: Callable[[_Builder], Report]


SAMPLES: list[Sample] = [
    Sample(
        "kapuas-new",
        "Lampu penerangan jalan padam di Jalan Pemuda",
        Status.SUBMITTED,
        _Builder.new_report,
    ),
    Sample(
        "kapuas-held",
        "Saluran air tersumbat di Kelurahan Selat Hilir",
        Status.ON_HOLD,
        _Builder.held,
    ),
    Sample(
        "kapuas-disposed",
        "Jembatan kayu di Desa Saka Lagun rapuh",
        Status.DISPOSED,
        _Builder.disposed,
    ),
    Sample(
        "kapuas-division",
        "Jalan berlubang di depan SD Negeri 1 Selat",
        Status.IN_DIVISION,
        _Builder.in_division,
    ),
    Sample(
        "kapuas-draft",
        "Gorong-gorong ambles di Jalan Mawar",
        Status.DRAFT_REVIEW,
        _Builder.draft_review,
    ),
    Sample(
        "kapuas-followed-up",
        "Rambu peringatan tikungan hilang di Jalan Trans Kalimantan",
        Status.FOLLOWED_UP,
        _Builder.followed_up,
    ),
    Sample(
        "kapuas-unanswered",
        "Pohon tumbang menutup bahu Jalan Pemuda",
        Status.FOLLOWED_UP,
        _Builder.unanswered,
    ),
    Sample(
        "kapuas-closed",
        "Jalan lingkungan di RT 05 tergenang lumpur",
        Status.CLOSED,
        _Builder.closed,
    ),
    Sample(
        "kapuas-public",
        "Trotoar rusak di depan Puskesmas Selat",
        Status.ACCEPTED,
        _Builder.public,
    ),
    Sample(
        "kapuas-overdue",
        "Guru kelas SDN 2 Kapuas Murung sering tidak hadir",
        Status.SUBMITTED,
        _Builder.overdue,
    ),
    Sample(
        "majalengka-disposed",
        "Toilet objek wisata Curug Muara Jaya tidak terawat",
        Status.DISPOSED,
        _Builder.majalengka,
    ),
    Sample(
        "bangkalan-verified",
        "Lampu lalu lintas simpang Socah mati",
        Status.VERIFIED,
        _Builder.bangkalan,
    ),
]


def load_samples(demo: Demo, now: datetime | None = None) -> list[SampleResult]:
    """Create the sample reports that do not exist yet; report on all of them."""
    builder = _Builder(demo, now or timezone.now())
    results: list[SampleResult] = []
    for sample in SAMPLES:
        existing = Report.objects.filter(title=sample.title).order_by("created_at").first()
        if existing is not None:
            results.append(
                SampleResult(
                    sample.key, sample.title, existing.tracking_id, existing.status, created=False
                )
            )
            continue
        with composed_transaction():
            report = sample.build(builder)
        if report.title != sample.title:
            raise AssertionError(f"sample {sample.key} built {report.title!r}")
        report.refresh_from_db()
        results.append(
            SampleResult(
                sample.key,
                sample.title,
                report.tracking_id,
                report.status,
                created=True,
                access_code=builder.access_codes.get(report.tracking_id, ""),
            )
        )
    return results
