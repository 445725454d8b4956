"""Fill a throw-away PostgreSQL database with reports that look like a real deployment.

    TUNTAS_DATABASE=postgres TUNTAS_DB_PORT=5544 python bench/generate.py --reports 1000000

1. The demo world (``build_demo``) and ``SYNTHETIC_PEMDAS`` more Pemdas with four agencies
   and a division each; Kab. Kapuas holds 40 % of the reports, the others share the rest.
2. About thirty prototype reports walked through the real actions (``tuntas.reports.actions``,
   the sweep for the automatic close): every open step (waiting for verification, on hold,
   not in authority, verified, disposed, accepted, in a division with a field check, waiting
   for a clarification, draft in review, approved, followed up) and every way to end
   (satisfied, not satisfied then answered again, closed by the coordinator, closed
   automatically, reopened and closed again, archived, forwarded, Ombudsman); ended ones at
   a normal and a slow pace. Their KPI facts are built by ``tuntas.kpi.facts``.
3. Each prototype is cloned in set-based SQL with every row that hangs off it (any model with
   a foreign key to a report, or to such a row: clocks, assignments, audit events, messages,
   field checks, follow-ups, feedback, KPI facts; outbox messages and notifications are not
   cloned), with new ids computed, times shifted, organisations, channel, category,
   classification, privacy flags, reporter and title rotated. Ended reports were received
   over the last three years, open ones in the last weeks (never so long ago that a
   deadline that ends them would have passed). Rows go in received order, so ids follow
   time as in a real database. Secondary indexes and foreign keys of the cloned tables are
   dropped during the load and built again afterwards; then ``VACUUM ANALYZE``.
4. Running clocks already past their deadline are marked as handled by the sweep (and the
   report escalated where the step is an intervention), as a running beat would have done.
   ``--due N`` then makes N clocks due now (half auto-close, half Pemda intervention) for
   the sweep's throughput.

The cloning runs in chunks of ``--chunk`` reports on ``--jobs`` connections at once. The
load is fastest on a server started with ``fsync=off`` (``bench/run_all`` does so and
restarts it with durable settings before measuring).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from _django import setup

setup()

import psycopg  # noqa: E402
from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import DateField, DateTimeField, ForeignKey, Model  # noqa: E402
from django.utils import timezone  # noqa: E402

from tuntas.demo.builder import Demo, build_demo  # noqa: E402
from tuntas.organisations.models import Organisation, OrganisationKind  # noqa: E402
from tuntas.reference.models import Category, Channel, Classification  # noqa: E402
from tuntas.reports import actions  # noqa: E402
from tuntas.reports.actions import Actor, ReportInput  # noqa: E402
from tuntas.reports.models import Report  # noqa: E402

SYNTHETIC_PEMDAS = 24
AGENCIES_PER_PEMDA = 4
BIG_PEMDA_SHARE = 400  # per mille of the reports in Kab. Kapuas
YEARS = 3
DAY = timedelta(days=1)
# Tables not cloned: delivery history (tens of rows per report) that no page lists.
NOT_CLONED = frozenset({"outbox.outboxmessage", "outbox.notification"})

SUBJECTS = [
    "Jalan berlubang",
    "Lampu penerangan jalan padam",
    "Sampah menumpuk",
    "Saluran air tersumbat",
    "Jembatan rusak",
    "Air PDAM tidak mengalir",
    "Pungutan liar di sekolah",
    "Pelayanan puskesmas lambat",
    "Antrean KTP elektronik",
    "Banjir setiap hujan",
    "Pohon tumbang",
    "Rambu lalu lintas hilang",
    "Trotoar rusak",
    "Pasar becek dan kotor",
    "Guru sering tidak hadir",
    "Bantuan sosial tidak tepat sasaran",
    "Izin usaha berbelit",
    "Parkir liar",
    "Angkutan umum ugal-ugalan",
    "Listrik sering padam",
    "Drainase meluap",
    "Gedung sekolah rusak",
    "Obat tidak tersedia",
    "Kebisingan pabrik",
    "Pencemaran sungai",
    "Tanah longsor menutup jalan",
    "Pelayanan akta kelahiran lambat",
    "Jaringan internet desa mati",
    "Taman kota tidak terawat",
    "Pemadam kebakaran terlambat",
]
PLACE_A = [
    "Sungai",
    "Tanjung",
    "Pulau",
    "Batu",
    "Muara",
    "Bukit",
    "Lubuk",
    "Teluk",
    "Danau",
    "Tanah",
    "Kuala",
    "Sei",
    "Pasir",
    "Karang",
    "Padang",
    "Air",
    "Lembah",
    "Rantau",
    "Talang",
    "Simpang",
    "Kampung",
    "Tumbang",
    "Pematang",
    "Bandar",
    "Sumber",
    "Ujung",
    "Gunung",
    "Parit",
    "Selat",
    "Telaga",
]
PLACE_B = [
    "Pinang",
    "Kelapa",
    "Harapan",
    "Jaya",
    "Makmur",
    "Baru",
    "Indah",
    "Raya",
    "Sari",
    "Mulya",
    "Kencana",
    "Lestari",
    "Permai",
    "Asri",
    "Damai",
    "Sejahtera",
    "Merah",
    "Putih",
    "Hijau",
    "Tengah",
    "Hulu",
    "Hilir",
    "Timur",
    "Barat",
    "Utara",
    "Selatan",
    "Emas",
    "Intan",
    "Mas",
    "Laut",
    "Besar",
    "Kecil",
    "Tinggi",
]
# A title word found in about 0.1 % of the reports (one village of PLACE_A x PLACE_B).
RARE_TITLE = "Talang Kencana"


# ---------------------------------------------------------------------------- prototypes


class Walk:
    """One prototype report and the people and times its actions use."""

    def __init__(self, demo: Demo, start: datetime, factor: float) -> None:
        self.demo, self.start, self.factor = demo, start, factor
        # Everyone acts as an Actor (reports.actions): the demo users, as staff.
        self.u = {name: Actor(user=user) for name, user in demo.users.items()}
        self.o = demo.orgs
        data = ReportInput(
            title="Jalan berlubang di depan SD Negeri 1",
            description=(
                "Jalan di depan SDN 1 Selat berlubang besar sejak dua minggu, "
                "membahayakan anak sekolah yang menyeberang."
            ),
            classification=Classification.objects.get(code="complaint"),
            channel=Channel.objects.get(code="web"),
            pemda=self.o["kapuas"],
            category=Category.objects.get(name="Jalan rusak"),
            location_text="Jl. Tambun Bungai, Selat",
            reporter_phone="081234567890",
        )
        self.report = actions.submit_report(
            data, actor=Actor.reporter(demo.users["warga"]), now=start
        ).report

    def at(self, days: float) -> datetime:
        return self.start + DAY * days * self.factor

    @property
    def coordinator(self) -> Actor:
        return self.u["kapuas.koordinator"]

    def verify_and_dispose(self) -> None:
        actions.verify_report(self.report, actor=self.coordinator, now=self.at(1))
        actions.dispose_report(
            self.report,
            actor=self.coordinator,
            agencies=[self.o["kapuas-pupr"]],
            instructions="Mohon ditindaklanjuti sesuai kewenangan.",
            now=self.at(1.2),
        )

    def accept(self) -> None:
        actions.accept_disposition(
            self.report, actor=self.u["kapuas.pupr.penghubung"], now=self.at(2)
        )

    def to_division(self, day: float) -> None:
        actions.dispose_internally(
            self.report,
            actor=self.u["kapuas.pupr.kadis"],
            division=self.o["kapuas-pupr-binamarga"],
            instructions="Cek lokasi dan siapkan rumusan tindak lanjut.",
            now=self.at(day),
        )

    def field_check(self, day: float) -> None:
        actions.record_field_check(
            self.report,
            actor=self.u["kapuas.pupr.staf"],
            visited_on=self.at(day).date(),
            location="Jl. Tambun Bungai depan SDN 1 Selat",
            findings="Lubang berdiameter sekitar 1,5 m dan kedalaman 20 cm di lajur kiri.",
            conclusion="Perlu penambalan segera; dijadwalkan dalam pemeliharaan rutin.",
            ba_number="BA/BM/017",
            now=self.at(day),
        )

    def draft(self, day: float) -> None:
        actions.submit_draft(
            self.report,
            actor=self.u["kapuas.pupr.staf"],
            body="Jalan sudah ditambal oleh tim Bina Marga; mohon konfirmasi Bapak/Ibu.",
            now=self.at(day),
        )

    def approve(self, day: float) -> None:
        actions.approve_draft(self.report, actor=self.u["kapuas.pupr.kadis"], now=self.at(day))

    def publish(self, day: float) -> None:
        actions.publish_followup(self.report, actor=self.u["kapuas.pupr.admin"], now=self.at(day))

    def answer(self, day: float, *, division: bool = True) -> None:
        if division:
            self.to_division(day)
        self.draft(day + 2)
        self.approve(day + 3)
        self.publish(day + 3.5)

    @property
    def reporter(self) -> Actor:
        return Actor.reporter(self.demo.users["warga"])


def _hold(w: Walk) -> None:
    actions.hold_report(
        w.report, actor=w.coordinator, missing="Mohon lampirkan foto lokasi.", now=w.at(1)
    )


def _clarification(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    w.to_division(2.5)
    actions.request_clarification(
        w.report,
        actor=w.u["kapuas.pupr.staf"],
        question="Di sisi jalan sebelah mana lubangnya?",
        now=w.at(3),
    )


def _field_checked(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    w.to_division(2.5)
    w.field_check(4)


def _satisfied(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    w.answer(2.5)
    actions.reply_satisfied(w.report, actor=w.reporter, rating=4, now=w.at(8))


def _satisfied_checked(w: Walk) -> None:
    _field_checked(w)
    w.draft(6)
    w.approve(7)
    w.publish(7.5)
    actions.reply_satisfied(w.report, actor=w.reporter, rating=5, now=w.at(10))


def _second_answer(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    w.answer(2.5)
    actions.reply_not_satisfied(w.report, actor=w.reporter, comment="Belum selesai.", now=w.at(8))
    w.draft(11)
    w.approve(12)
    w.publish(12.5)
    actions.reply_satisfied(w.report, actor=w.reporter, rating=3, now=w.at(15))


def _closed_by_coordinator(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    w.answer(2.5)
    actions.close_report(w.report, actor=w.coordinator, now=w.at(12))


def _auto_closed(w: Walk) -> None:
    from tuntas.reports.sweep import sweep

    w.verify_and_dispose()
    w.accept()
    w.answer(2.5)
    # Nothing else is open yet: the sweep closes this one (no reply within the window).
    sweep(w.at(40))


def _reopened(w: Walk) -> None:
    _satisfied(w)
    actions.reopen_report(w.report, actor=w.coordinator, reason="Rusak lagi.", now=w.at(20))
    w.answer(21, division=False)
    actions.reply_satisfied(w.report, actor=w.reporter, rating=4, now=w.at(28))


def _archived(w: Walk) -> None:
    actions.archive_report(w.report, actor=w.coordinator, reason_code="duplicate", now=w.at(1))


def _archived_incomplete(w: Walk) -> None:
    _hold(w)
    actions.archive_report(w.report, actor=w.coordinator, reason_code="incomplete", now=w.at(6))


def _forwarded(w: Walk) -> None:
    _not_in_authority(w)
    actions.forward_external(
        w.report, actor=w.u["nasional"], body_name="Balai Besar Jalan Nasional", now=w.at(2)
    )


def _ombudsman(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    actions.forward_to_ombudsman(w.report, actor=w.coordinator, now=w.at(60))


def _nothing(w: Walk) -> None:
    pass


def _not_in_authority(w: Walk) -> None:
    actions.mark_not_in_authority(
        w.report, actor=w.coordinator, reason="Jalan nasional, bukan kewenangan.", now=w.at(1)
    )


def _verified(w: Walk) -> None:
    actions.verify_report(w.report, actor=w.coordinator, now=w.at(1))


def _disposed(w: Walk) -> None:
    w.verify_and_dispose()


def _accepted(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()


def _in_division(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    w.to_division(2.5)


def _draft_review(w: Walk) -> None:
    _in_division(w)
    w.draft(4)


def _draft_approved(w: Walk) -> None:
    _draft_review(w)
    w.approve(5)


def _followed_up(w: Walk) -> None:
    w.verify_and_dispose()
    w.accept()
    w.answer(2.5)


@dataclass(frozen=True)
class Outcome:
    name: str
    share: float  # of all reports
    walk: Callable[[Walk], None]
    # Open reports: received between these many days ago (bounded by their deadlines).
    open_days: tuple[float, float] | None = None
    speeds: tuple[tuple[float, float], ...] = ((0.7, 1.0), (0.3, 3.0))  # (share, factor)


OPEN = ((1.0, 1.0),)
OUTCOMES = [
    # The automatic close first: its sweep must find nothing else open.
    Outcome("closed automatically", 0.12, _auto_closed),
    Outcome("closed satisfied", 0.36, _satisfied),
    Outcome("closed satisfied after a field check", 0.05, _satisfied_checked),
    Outcome("answered twice, then satisfied", 0.04, _second_answer),
    Outcome("closed by the coordinator", 0.10, _closed_by_coordinator),
    Outcome("reopened and closed again", 0.02, _reopened),
    Outcome("archived (duplicate)", 0.05, _archived),
    Outcome("archived (data not completed)", 0.02, _archived_incomplete),
    Outcome("forwarded outside", 0.01, _forwarded),
    Outcome("sent to Ombudsman", 0.02, _ombudsman),
    Outcome("waiting for verification", 0.02, _nothing, (0, 6), OPEN),
    Outcome("on hold", 0.01, _hold, (1, 12), OPEN),
    Outcome("not in authority", 0.003, _not_in_authority, (1, 10), OPEN),
    Outcome("verified", 0.007, _verified, (1, 6), OPEN),
    Outcome("disposed", 0.015, _disposed, (1.2, 10), OPEN),
    Outcome("accepted by the agency", 0.025, _accepted, (2, 30), OPEN),
    Outcome("stuck in the agency (escalated)", 0.02, _accepted, (30, 80), OPEN),
    Outcome("in a division", 0.015, _in_division, (2.5, 25), OPEN),
    Outcome("in a division after a field check", 0.005, _field_checked, (4, 25), OPEN),
    Outcome("waiting for a clarification", 0.005, _clarification, (3, 12), OPEN),
    Outcome("draft in review", 0.01, _draft_review, (4, 20), OPEN),
    Outcome("draft approved", 0.005, _draft_approved, (5, 20), OPEN),
    Outcome("followed up, waiting for the reporter", 0.04, _followed_up, (6, 30), OPEN),
]


@dataclass
class Prototype:
    number: int
    outcome: Outcome
    report: Report
    count: int
    back: tuple[float, float] = (0.0, 0.0)  # received between these many days ago
    is_open: bool = False


def build_prototypes(demo: Demo, reports: int, now: datetime) -> list[Prototype]:
    # Every prototype starts on the same day, long ago, so that nothing else is open when
    # the first one's sweep runs (its clones are shifted anyway).
    start = now - timedelta(days=YEARS * 365 + 400)
    protos: list[Prototype] = []
    for outcome in OUTCOMES:
        for speed_share, factor in outcome.speeds:
            count = round(reports * outcome.share * speed_share)
            with transaction.atomic():
                walk = Walk(demo, start, factor)
                outcome.walk(walk)
            report = Report.objects.get(pk=walk.report.pk)
            protos.append(Prototype(len(protos) + 1, outcome, report, count))
    # The shares add up to about 1: the last ended outcome takes the rounding.
    protos[1].count += reports - sum(p.count for p in protos)
    for p in protos:
        p.back, p.is_open = _window(p)
    return protos


def _window(p: Prototype) -> tuple[tuple[float, float], bool]:
    """How many days ago the clones are received: after their last event (never in the
    future), and for open ones not so long ago that a deadline ending them has passed."""
    created = p.report.created_at
    last = _latest_event(p.report) - created
    newest = last.total_seconds() / 86400 + 0.01
    if p.outcome.open_days is None:
        return (newest, YEARS * 365.0), False
    from tuntas.reports.models import Clock
    from tuntas.standards.models import Step

    ending = Clock.objects.filter(
        report=p.report,
        stopped_at__isnull=True,
        due_at__isnull=False,
        step__in=[Step.AUTO_CLOSE, Step.OMBUDSMAN, Step.COMPLETION],
    ).order_by("due_at")
    oldest = p.outcome.open_days[1]
    first_end = ending.values_list("due_at", flat=True).first()
    if first_end is not None:
        oldest = min(oldest, (first_end - created).total_seconds() / 86400 - 0.5)
    newest = max(newest, p.outcome.open_days[0])
    return (newest, max(oldest, newest + 0.5)), True


def _latest_event(report: Report) -> datetime:
    from tuntas.audit.models import AuditEvent

    latest = AuditEvent.objects.filter(report=report).order_by("-created_at").first()
    return latest.created_at if latest else report.created_at


# ---------------------------------------------------------------------------- organisations


def organisations(demo: Demo) -> list[tuple[int, list[tuple[int, int]]]]:
    """Kapuas first, then synthetic Pemdas; each with (agency, division) pairs."""
    o = demo.orgs
    kapuas_divisions = {
        "kapuas-pupr": "kapuas-pupr-binamarga",
        "kapuas-disdik": "kapuas-disdik-dasar",
        "kapuas-diskominfo": "kapuas-diskominfo-ikp",
    }
    kapuas: list[tuple[int, int]] = []
    for code in ("kapuas-pupr", "kapuas-disdik", "kapuas-diskominfo", "kapuas-inspektorat"):
        division_code = kapuas_divisions.get(code)
        if division_code is None:
            division = Organisation.objects.create(
                name="Bidang Pengawasan",
                code=f"{code}-pengawasan",
                kind=OrganisationKind.DIVISION,
                parent=o[code],
            )
        else:
            division = o[division_code]
        kapuas.append((o[code].pk, division.pk))
    out = [(o["kapuas"].pk, kapuas)]
    standard = o["kapuas"].service_standard
    for k in range(SYNTHETIC_PEMDAS):
        pemda = Organisation.objects.create(
            name=f"Pemerintah Kabupaten Bench {k + 1:02d}",
            code=f"bench-{k + 1:02d}",
            kind=OrganisationKind.PEMDA,
            service_standard=standard,
        )
        pairs: list[tuple[int, int]] = []
        for j in range(AGENCIES_PER_PEMDA):
            agency = Organisation.objects.create(
                name=f"Dinas {j + 1} Kab. Bench {k + 1:02d}",
                code=f"bench-{k + 1:02d}-dinas-{j + 1}",
                kind=OrganisationKind.AGENCY,
                parent=pemda,
            )
            division = Organisation.objects.create(
                name=f"Bidang Pelayanan Dinas {j + 1}",
                code=f"bench-{k + 1:02d}-dinas-{j + 1}-bidang",
                kind=OrganisationKind.DIVISION,
                parent=agency,
            )
            pairs.append((agency.pk, division.pk))
        out.append((pemda.pk, pairs))
    return out


# ---------------------------------------------------------------------------- cloning


@dataclass
class Table:
    model: type[Model]
    name: str
    pk: str
    # Foreign keys to the report or to another cloned table: column -> table name.
    links: dict[str, str] = field(default_factory=dict)
    kmax: int = 1  # most rows one prototype has here (ids are spaced by it)
    base: int = 0  # first id of the clones
    # pk is itself a link (one-to-one): the clone's pk is the linked clone's.
    pk_is_link: bool = False


def cloned_tables() -> list[Table]:
    """Report, then every model hanging off it (directly or through another such model),
    parents before children."""
    report_table = Report._meta.db_table
    tables: dict[str, Table] = {report_table: Table(Report, report_table, "id")}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            opts = model._meta
            if opts.db_table in tables or opts.label_lower in NOT_CLONED or opts.proxy:
                continue
            links = {
                f.column: f.related_model._meta.db_table
                for f in opts.concrete_fields
                if isinstance(f, ForeignKey)
                and isinstance(f.related_model, type)
                and f.related_model._meta.db_table in tables
            }
            if links:
                pk = opts.pk
                assert pk is not None
                tables[opts.db_table] = Table(
                    model, opts.db_table, str(pk.column), links, pk_is_link=pk.column in links
                )
                changed = True
    ordered: list[Table] = []
    while len(ordered) < len(tables):
        for t in tables.values():
            if t not in ordered and all(
                tables[target] in ordered or target == t.name for target in t.links.values()
            ):
                ordered.append(t)
    return ordered


def _proto_rows(cur: Any, tables: list[Table], protos: list[Prototype]) -> None:
    """``bench_rows``: every prototype row of every cloned table with its rank ``j`` within
    its prototype (1-based), and each table's ``kmax``."""
    cur.execute("DROP TABLE IF EXISTS bench_rows")
    cur.execute("CREATE TABLE bench_rows (tbl text, proto int, old bigint, j int)")
    report = tables[0]
    cur.execute(
        "INSERT INTO bench_rows SELECT %s, proto, old, 1 FROM unnest(%s::int[], %s::bigint[])"
        " AS u(proto, old)",
        [report.name, [p.number for p in protos], [p.report.pk for p in protos]],
    )
    for t in tables[1:]:
        # A row belongs to the prototype of any parent row it links to.
        parents = " UNION ALL ".join(
            f'SELECT r.proto, c."{t.pk}" AS old FROM {t.name} c'
            f" JOIN bench_rows r ON r.tbl = '{target}' AND r.old = c.\"{column}\""
            for column, target in t.links.items()
        )
        cur.execute(
            f"""INSERT INTO bench_rows
            SELECT '{t.name}', proto, old, row_number() OVER (PARTITION BY proto ORDER BY old)
            FROM (SELECT DISTINCT proto, old FROM ({parents}) s) d"""
        )
        cur.execute("SELECT coalesce(max(j), 1) FROM bench_rows WHERE tbl = %s", [t.name])
        t.kmax = cur.fetchone()[0]
    cur.execute("CREATE INDEX ON bench_rows (tbl, old)")
    cur.execute("ANALYZE bench_rows")


def _plan_map(
    cur: Any,
    protos: list[Prototype],
    orgs: list[tuple[int, list[tuple[int, int]]]],
    now: datetime,
) -> int:
    """``bench_map``: one row per clone, in received order, with its new report id
    (``first`` + position), time shift and rotated attributes. Returns the number of clones."""
    cur.execute("DROP TABLE IF EXISTS bench_orgs")
    cur.execute(
        "CREATE TABLE bench_orgs (k int, j int, pemda bigint, agency bigint, division bigint)"
    )
    rows = [
        (k, j, pemda, agency, division)
        for k, (pemda, pairs) in enumerate(orgs)
        for j, (agency, division) in enumerate(pairs)
    ]
    cur.executemany("INSERT INTO bench_orgs VALUES (%s, %s, %s, %s, %s)", rows)
    cur.execute("DROP TABLE IF EXISTS bench_protos")
    cur.execute(
        "CREATE TABLE bench_protos (proto int, report bigint, n int, newest float8,"
        " oldest float8, created timestamptz)"
    )
    cur.executemany(
        "INSERT INTO bench_protos VALUES (%s, %s, %s, %s, %s, %s)",
        [(p.number, p.report.pk, p.count, *p.back, p.report.created_at) for p in protos],
    )
    channels = list(
        Channel.objects.filter(is_outside_system=False).order_by("pk").values_list("pk", flat=True)
    )
    outside = list(
        Channel.objects.filter(is_outside_system=True).order_by("pk").values_list("pk", flat=True)
    )
    categories = list(
        Category.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True)
    )
    classifications = list(Classification.objects.order_by("pk").values_list("pk", flat=True))
    others = len(orgs) - 1
    cur.execute("DROP TABLE IF EXISTS bench_map")
    # h(salt): a well-mixed non-negative hash of the clone's key, different per salt.
    h = "(hashint8extended(a.key, {}) & 9223372036854775807)"
    cur.execute(
        f"""
        CREATE TABLE bench_map AS
        SELECT row_number() OVER (ORDER BY b.created, b.key) AS pos, b.key, b.proto,
               b.created - b.proto_created AS shift, o.pemda, o.agency, o.division,
               b.channel, b.category, b.classification, b.confidential, b.anonymous,
               b.account, b.subject, b.place
        FROM (
            SELECT a.key, a.proto, a.proto_created,
                   %(now)s::timestamptz - (a.newest + (({h.format(1)} %% 1000000) / 1e6)
                       * (a.oldest - a.newest)) * interval '1 day' AS created,
                   CASE WHEN {h.format(2)} %% 1000 < {BIG_PEMDA_SHARE} THEN 0
                        ELSE 1 + {h.format(12)} %% {others} END AS k,
                   {h.format(13)} %% {AGENCIES_PER_PEMDA} AS j,
                   CASE WHEN {h.format(3)} %% 100 < 85
                        THEN (%(channels)s::bigint[])[1 + {h.format(4)} %% %(nchannels)s]
                        ELSE (%(outside)s::bigint[])[1 + {h.format(4)} %% %(noutside)s] END
                       AS channel,
                   (%(categories)s::bigint[])[1 + {h.format(5)} %% %(ncategories)s] AS category,
                   (%(classifications)s::bigint[])[1 + {h.format(6)} %% %(nclass)s]
                       AS classification,
                   {h.format(7)} %% 100 < 50 AS confidential,
                   {h.format(8)} %% 100 < 60 AS anonymous,
                   {h.format(9)} %% 100 < 40 AS account,
                   {h.format(10)} %% %(nsubjects)s AS subject,
                   {h.format(11)} %% %(nplaces)s AS place
            FROM (
                SELECT (p.proto::bigint << 32) + g AS key, p.proto, p.created AS proto_created,
                       p.newest, p.oldest
                FROM bench_protos p, generate_series(1, p.n) g
            ) a
        ) b JOIN bench_orgs o ON o.k = b.k AND o.j = b.j
        """,
        {
            "now": now,
            "channels": channels,
            "nchannels": len(channels),
            "outside": outside or channels,
            "noutside": len(outside or channels),
            "categories": categories,
            "ncategories": len(categories),
            "classifications": classifications,
            "nclass": len(classifications),
            "nsubjects": len(SUBJECTS),
            "nplaces": len(PLACE_A) * len(PLACE_B),
        },
    )
    cur.execute("CREATE UNIQUE INDEX ON bench_map (pos)")
    cur.execute("ANALYZE bench_map")
    cur.execute("SELECT count(*) FROM bench_map")
    total: int = cur.fetchone()[0]
    return total


def _allocate(cur: Any, tables: list[Table], clones: int) -> None:
    """Reserve each table's id range: ``kmax`` ids per clone after the current maximum."""
    for t in tables:
        if t.pk_is_link:
            continue
        cur.execute("SELECT pg_get_serial_sequence(%s, %s)", [t.name, t.pk])
        sequence = cur.fetchone()[0]
        cur.execute(f'SELECT coalesce(max("{t.pk}"), 0) FROM {t.name}')
        t.base = cur.fetchone()[0] + 1
        cur.execute("SELECT setval(%s, %s)", [sequence, t.base + clones * t.kmax])


def _final(t: Table, by_name: dict[str, Table]) -> Table:
    """The table whose ids ``t``'s rows take (itself, or what its one-to-one pk links to)."""
    while t.pk_is_link:
        t = by_name[t.links[t.pk]]
    return t


def _id(t: Table, j: str) -> str:
    return f"{t.base} + (n.pos - 1) * {t.kmax} + {j} - 1"


def _select(t: Table, by_name: dict[str, Table], org_map: str) -> tuple[str, str, str]:
    """Insert columns, select expressions and joins cloning table ``t`` for the clones in
    ``bench_map n`` (``p`` = the prototype row, ``r`` its bench_rows entry)."""
    names: list[str] = []
    exprs: list[str] = []
    joins: list[str] = []
    report = by_name[Report._meta.db_table]
    overrides: dict[str, str] = {}
    if t is report:
        overrides = _report_overrides()
    elif t.name == "reports_clock":
        # Past their deadline while running: the sweep has acted (and reminded) already.
        overrides = {
            column: (
                f'CASE WHEN p.stopped_at IS NULL AND p."{column}" IS NULL'
                f' AND p."{source}" + n.shift < now() THEN p."{source}" + n.shift'
                f' ELSE p."{column}" + n.shift END'
            )
            for column, source in (("acted_at", "due_at"), ("reminded_at", "remind_at"))
        }
    elif t.name == "kpi_reportfact":
        local = "((p.created_at + n.shift) AT TIME ZONE 'Asia/Jakarta')"
        overrides = {
            "created_date": f"{local}::date",
            "created_month": f"date_trunc('month', {local})::date",
            **ROTATED,
        }
    for f in t.model._meta.concrete_fields:
        col = f.column
        names.append(f'"{col}"')
        if col == t.pk and not t.pk_is_link:
            exprs.append(_id(t, "r.j"))
        elif col in t.links:
            target = _final(by_name[t.links[col]], by_name)
            if target is report:
                j = "1"
            else:
                alias = f"l_{col}"
                joins.append(
                    f"LEFT JOIN bench_rows {alias} ON {alias}.tbl = '{target.name}'"
                    f' AND {alias}.old = p."{col}"'
                )
                j = f"{alias}.j"
            exprs.append(f'CASE WHEN p."{col}" IS NULL THEN NULL ELSE {_id(target, j)} END')
        elif col in overrides:
            exprs.append(overrides[col])
        elif isinstance(f, ForeignKey) and f.related_model is Organisation:
            exprs.append(org_map.format(col=f'p."{col}"'))
        elif isinstance(f, DateTimeField):
            exprs.append(f'p."{col}" + n.shift')
        elif isinstance(f, DateField):
            exprs.append(f'(p."{col}" + n.shift)::date')
        else:
            exprs.append(f'p."{col}"')
    return ", ".join(names), ", ".join(exprs), " ".join(joins)


ROTATED = {
    "channel_id": "n.channel",
    "category_id": "n.category",
    "classification_id": "n.classification",
}


def _report_overrides() -> dict[str, str]:
    subjects = "ARRAY[" + ", ".join(f"'{s}'" for s in SUBJECTS) + "]"
    place_a = "ARRAY[" + ", ".join(f"'{s}'" for s in PLACE_A) + "]"
    place_b = "ARRAY[" + ", ".join(f"'{s}'" for s in PLACE_B) + "]"
    nb = len(PLACE_B)
    place = f"({place_a})[1 + n.place / {nb}] || ' ' || ({place_b})[1 + n.place % {nb}]"
    subject = f"({subjects})[1 + n.subject]"
    return {
        "tracking_id": (
            "'LPR-' || to_char(p.created_at + n.shift, 'YYMM') || '-'"
            " || upper(lpad(to_hex(n.pos), 7, '0'))"
        ),
        "access_code_hash": "''",
        "title": f"{subject} || ' di Desa ' || {place}",
        "description": (
            f"{subject} || ' di Desa ' || {place} || ' sudah berlangsung beberapa minggu dan"
            " belum ada penanganan. Mohon segera ditindaklanjuti oleh dinas terkait.'"
        ),
        "location_text": f"'Desa ' || {place}",
        "reporter_id": "CASE WHEN n.account THEN p.reporter_id ELSE NULL END",
        "reporter_phone": (
            "CASE WHEN n.account THEN '' ELSE '08' || lpad((n.key % 1000000000)::text, 10, '0') END"
        ),
        "reporter_name": "CASE WHEN n.account THEN '' ELSE 'Warga ' || n.pos END",
        "is_confidential": "n.confidential",
        "is_anonymous": "n.anonymous",
        "region_id": "NULL",
        **ROTATED,
    }


def _org_map(orgs_kapuas: tuple[int, int, int]) -> str:
    pemda, agency, division = orgs_kapuas
    return (
        f"CASE {{col}} WHEN {pemda} THEN n.pemda WHEN {agency} THEN n.agency"
        f" WHEN {division} THEN n.division ELSE {{col}} END"
    )


@dataclass
class Saved:
    """The secondary indexes and constraints of the cloned tables, dropped for the load."""

    drop: list[str] = field(default_factory=list)
    create: list[str] = field(default_factory=list)


def drop_secondary(cur: Any, tables: list[Table], *, indexes: bool) -> Saved:
    saved = Saved()
    names = [t.name for t in tables]
    # Foreign keys into or out of the cloned tables (other tables' too: they are checked
    # on the cloned table's side only when re-added).
    cur.execute(
        """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
        FROM pg_constraint WHERE (contype = 'f' OR (contype = 'u' AND %s))
        AND (conrelid::regclass::text = ANY(%s) OR confrelid::regclass::text = ANY(%s))""",
        [indexes, names, names],
    )
    for table, name, definition in cur.fetchall():
        saved.drop.append(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        saved.create.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    cur.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')
        WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary AND c.oid IS NULL
        AND %s""",
        [names, indexes],
    )
    for index, definition in cur.fetchall():
        saved.drop.append(f"DROP INDEX {index}")
        saved.create.insert(0, definition)  # indexes before foreign keys
    for statement in saved.drop:
        cur.execute(statement)
    return saved


def rebuild(saved: Saved, jobs: int) -> None:
    """Indexes (and unique constraints) on ``jobs`` connections at once, then the foreign
    keys (validated: each is one join of the two tables)."""
    indexes = [s for s in saved.create if "FOREIGN KEY" not in s]
    foreign = [s for s in saved.create if "FOREIGN KEY" in s]

    def run(statement: str) -> None:
        with psycopg.connect(_dsn(), autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute("SET max_parallel_maintenance_workers = 2")
            started = time.monotonic()
            conn.execute(statement.encode())
            if time.monotonic() - started > 10:
                print(f"  {time.monotonic() - started:.0f} s: {statement[:100]}", flush=True)

    # Biggest tables first, so that the pool ends together.
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, sorted(indexes, key=lambda s: ("reports_clock" not in s, s))))
    for statement in foreign:
        run(statement)


def _chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    for lo in range(1, total + 1, size):
        yield lo, min(total, lo + size - 1)


def _dsn() -> str:
    s = connection.settings_dict
    return (
        f"host={s['HOST']} port={s['PORT']} dbname={s['NAME']} user={s['USER']}"
        f" password={s['PASSWORD'] or ''}"
    )


def clone_all(
    tables: list[Table], org_map: str, clones: int, chunk: int, jobs: int
) -> dict[str, float]:
    by_name = {t.name: t for t in tables}
    statements = []
    for t in tables:
        cols, exprs, joins = _select(t, by_name, org_map)
        statements.append(
            (
                t.name,
                f"""INSERT INTO {t.name} ({cols})
                SELECT {exprs}
                FROM bench_map n
                JOIN bench_rows r ON r.tbl = '{t.name}' AND r.proto = n.proto
                JOIN {t.name} p ON p."{t.pk}" = r.old
                {joins}
                WHERE n.pos BETWEEN {{lo}} AND {{hi}}""",
            )
        )
    seconds: dict[str, float] = {}

    def run(bounds: tuple[int, int]) -> dict[str, float]:
        lo, hi = bounds
        spent: dict[str, float] = {}
        with psycopg.connect(_dsn(), autocommit=False) as conn, conn.cursor() as cur:
            cur.execute("SET synchronous_commit = off")
            cur.execute("SET jit = off")
            for name, sql in statements:
                started = time.monotonic()
                cur.execute(sql.replace("{lo}", str(lo)).replace("{hi}", str(hi)).encode())
                spent[name] = time.monotonic() - started
            conn.commit()
        return spent

    done = 0
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for spent in pool.map(run, _chunks(clones, chunk)):
            for name, s in spent.items():
                seconds[name] = seconds.get(name, 0.0) + s
            done = min(clones, done + chunk)
            rate = done / (time.monotonic() - started)
            print(f"  cloned {done:>10,} reports ({rate:,.0f}/s)", flush=True)
    return seconds


def handled_by_sweep(cur: Any) -> None:
    """Running clocks already past their deadline (marked as acted on when cloned, and the
    prototypes' own): the sweep has acted on them (an overdue notice, or an intervention
    that escalates the report)."""
    cur.execute(
        "UPDATE reports_clock SET acted_at = due_at WHERE stopped_at IS NULL"
        " AND acted_at IS NULL AND due_at < now()"
    )
    cur.execute(
        "UPDATE reports_clock SET reminded_at = remind_at WHERE stopped_at IS NULL"
        " AND reminded_at IS NULL AND remind_at < now()"
    )
    for step, level in (("intervention_pemda", "pemda"), ("intervention_national", "national")):
        cur.execute(
            "UPDATE reports_report r SET escalation = %s FROM reports_clock c"
            " WHERE c.report_id = r.id AND c.step = %s AND c.stopped_at IS NULL"
            " AND c.acted_at IS NOT NULL AND r.escalation IN ('', 'pemda')",
            [level, step],
        )
    cur.execute(
        "UPDATE kpi_reportfact f SET source_escalation = r.escalation, escalated = true"
        " FROM reports_report r WHERE r.id = f.report_id AND r.escalation <> f.source_escalation"
    )


def make_due(cur: Any, due: int) -> None:
    """``due`` clocks due now: half auto-close, half Pemda intervention."""
    for step in ("auto_close", "intervention_pemda"):
        cur.execute(
            "UPDATE reports_clock SET due_at = now() - random() * interval '1 hour',"
            " remind_at = NULL WHERE id IN (SELECT id FROM reports_clock WHERE step = %s"
            " AND stopped_at IS NULL AND acted_at IS NULL AND due_at > now()"
            " ORDER BY id LIMIT %s)",
            [step, due // 2],
        )
        print(f"  {cur.rowcount:,} {step} clocks due now", flush=True)


def mark_facts_fresh(now: datetime) -> None:
    from tuntas.kpi.models import RefreshState

    state = RefreshState.objects.first() or RefreshState()
    state.finished_at = now
    state.watermark = now
    state.reports = Report.objects.count()
    state.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=0, help="clocks due now (sweep throughput)")
    parser.add_argument("--chunk", type=int, default=250_000, help="reports per statement")
    parser.add_argument("--jobs", type=int, default=2, help="connections cloning at once")
    parser.add_argument("--no-vacuum", action="store_true", help="skip VACUUM ANALYZE")
    parser.add_argument(
        "--indexes",
        choices=["keep", "rebuild"],
        default="rebuild",
        help="keep the secondary indexes during the load, or drop and build them after"
        " (foreign keys are always dropped and validated after)",
    )
    args = parser.parse_args()
    started = time.monotonic()
    step = started

    def lap(label: str) -> None:
        nonlocal step
        print(f"{label}: {time.monotonic() - step:.1f} s", flush=True)
        step = time.monotonic()

    call_command("migrate", verbosity=0)
    call_command("setup_reference", verbosity=0)
    demo = build_demo()
    orgs = organisations(demo)
    lap("schema, reference data, demo world")
    now = timezone.now()
    protos = build_prototypes(demo, args.reports, now)
    from tuntas.kpi.facts import refresh_reports

    refresh_reports([p.report.pk for p in protos], now=now)
    lap(f"{len(protos)} prototypes and their KPI facts")
    o = demo.orgs
    org_map = _org_map((o["kapuas"].pk, o["kapuas-pupr"].pk, o["kapuas-pupr-binamarga"].pk))
    tables = cloned_tables()
    with connection.cursor() as cur:
        _proto_rows(cur, tables, protos)
        clones = _plan_map(cur, protos, orgs, now)
        _allocate(cur, tables, clones)
        saved = drop_secondary(cur, tables, indexes=args.indexes == "rebuild")
    lap(f"plan: {clones:,} clones of {', '.join(t.name for t in tables)}")
    seconds = clone_all(tables, org_map, clones, args.chunk, args.jobs)
    lap("clone")
    for name, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {name}: {s:.1f} s (summed over connections)")
    rebuild(saved, args.jobs)
    lap(f"indexes and constraints ({len(saved.create)})")
    with connection.cursor() as cur:
        handled_by_sweep(cur)
        if args.due:
            make_due(cur, args.due)
        for name in ("bench_map", "bench_rows", "bench_orgs", "bench_protos"):
            cur.execute(f"DROP TABLE {name}")
        lap("clocks handled by the sweep")
    mark_facts_fresh(timezone.now())
    if not args.no_vacuum:
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
        lap("VACUUM ANALYZE")
    summary(time.monotonic() - started)


def summary(seconds: float) -> None:
    with connection.cursor() as cur:
        cur.execute("SELECT status, count(*) FROM reports_report GROUP BY 1 ORDER BY 2 DESC")
        statuses = cur.fetchall()
        cur.execute(
            "SELECT count(*), sum(CASE WHEN is_confidential THEN 0 ELSE 1 END),"
            " min(created_at), max(created_at), count(DISTINCT pemda_id) FROM reports_report"
        )
        total, public, first, last, pemdas = cur.fetchone()
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cur.fetchone()[0]
        counts = {}
        for table in ("reports_clock", "audit_auditevent", "reports_assignment", "kpi_clockfact"):
            cur.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cur.fetchone()[0]
    print(f"{total:,} reports in {seconds:.0f} s; database {size}")
    print(f"  received {first:%Y-%m-%d} .. {last:%Y-%m-%d}; {pemdas} Pemdas; {public:,} public")
    print("  " + ", ".join(f"{table} {n:,}" for table, n in counts.items()))
    print("  " + ", ".join(f"{status} {n:,}" for status, n in statuses))


if __name__ == "__main__":
    main()
