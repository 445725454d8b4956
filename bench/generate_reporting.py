"""Fill a PostgreSQL database with a year of reports with realistic outcomes, fast.

    TUNTAS_DATABASE=postgres TUNTAS_DB_PORT=5544 python bench/generate_reporting.py \
        --reports 1000000

Prototype reports are walked through the real actions (waiting for verification,
archived, in the agency, answered, closed satisfied, closed by the coordinator,
answered twice after a "not satisfied", reopened, sent to Ombudsman), each at three
speeds (fast, normal, slow: past the limits); each prototype is then cloned in SQL
with its clocks, assignments and feedback, received at times spread evenly over the
365 days before the run, across Kab. Kapuas (40 %: a quarter holds 100,000 of
1,000,000) and 20 generated Pemdas with 5 agencies each, channels and categories
rotated. Some open clones get an escalation (intervention). Used by
``bench/run_reporting_bench``; ``bench/generate.py`` (the sweep benchmark) is unchanged.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from _django import setup

setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Model  # noqa: E402
from django.utils import timezone  # noqa: E402

from tuntas.demo.builder import Demo, build_demo  # noqa: E402
from tuntas.organisations.models import Organisation, OrganisationKind  # noqa: E402
from tuntas.reference.models import Category, Channel, Classification  # noqa: E402
from tuntas.reports import actions  # noqa: E402
from tuntas.reports.actions import Actor, ReportInput  # noqa: E402
from tuntas.reports.models import Assignment, Clock, Feedback, Report  # noqa: E402

SYNTHETIC_PEMDAS = 20
AGENCIES_PER_PEMDA = 5
DAY = timedelta(days=1)

# outcome: share of the reports
MIX: dict[str, float] = {
    "submitted": 0.03,
    "archived": 0.05,
    "in_agency": 0.12,
    "answered": 0.10,
    "satisfied": 0.45,
    "closed": 0.10,
    "second_answer": 0.05,
    "reopened": 0.04,
    "ombudsman": 0.03,
    "escalated": 0.03,
}
# speed: share within an outcome; the factor stretches every step
SPEEDS: dict[str, tuple[float, float]] = {
    "fast": (0.3, 0.4),
    "normal": (0.5, 1.0),
    "slow": (0.2, 4.0),
}


def _input(demo: Demo) -> ReportInput:
    return ReportInput(
        title="Jalan berlubang di depan SD Negeri 1",
        description="Jalan di depan SDN 1 Selat berlubang besar sejak dua minggu.",
        classification=Classification.objects.get(code="complaint"),
        channel=Channel.objects.get(code="web"),
        pemda=demo.orgs["kapuas"],
        category=Category.objects.get(name="Jalan rusak"),
        location_text="Jl. Tambun Bungai, Selat",
        reporter_phone="081234567890",
    )


def prototype(demo: Demo, outcome: str, start: datetime, factor: float) -> Report:
    """One report walked through the real actions; step k happens ``k * factor`` days in."""
    u = demo.users
    at: Callable[[float], datetime] = lambda days: start + DAY * days * factor  # noqa: E731
    r = actions.submit_report(_input(demo), reporter=u["warga"], now=start).report
    if outcome == "submitted":
        return r
    if outcome == "archived":
        actions.archive_report(r, actor=u["kapuas.koordinator"], reason_code="duplicate", now=at(1))
        return r
    actions.verify_report(r, actor=u["kapuas.koordinator"], now=at(1))
    pupr = demo.orgs["kapuas-pupr"]
    actions.dispose_report(r, actor=u["kapuas.koordinator"], agencies=[pupr], now=at(1.2))
    if outcome == "ombudsman":
        actions.forward_to_ombudsman(r, actor=u["kapuas.koordinator"], now=at(60))
        return r
    actions.accept_disposition(r, actor=u["kapuas.pupr.penghubung"], now=at(2))
    if outcome in ("in_agency", "escalated"):
        return r

    def answer(day: float) -> None:
        actions.dispose_internally(
            r,
            actor=u["kapuas.pupr.kadis"],
            division=demo.orgs["kapuas-pupr-binamarga"],
            now=at(day),
        )
        actions.submit_draft(
            r,
            actor=u["kapuas.pupr.staf"],
            body="Jalan sudah ditambal oleh tim Bina Marga.",
            now=at(day + 3),
        )
        actions.approve_draft(r, actor=u["kapuas.pupr.kadis"], now=at(day + 4))
        actions.publish_followup(r, actor=u["kapuas.pupr.admin"], now=at(day + 5))

    answer(2.5)
    if outcome == "answered":
        return r
    reporter = Actor(user=u["warga"])
    if outcome == "satisfied":
        actions.reply_satisfied(r, actor=reporter, rating=4, now=at(9))
    elif outcome == "closed":
        actions.close_report(r, actor=u["kapuas.koordinator"], now=at(20))
    elif outcome == "second_answer":
        actions.reply_not_satisfied(r, actor=reporter, comment="Belum selesai.", now=at(9))
        actions.submit_draft(
            r,
            actor=u["kapuas.pupr.staf"],
            body="Jalan sudah diperbaiki kembali oleh tim.",
            now=at(12),
        )
        actions.approve_draft(r, actor=u["kapuas.pupr.kadis"], now=at(13))
        actions.publish_followup(r, actor=u["kapuas.pupr.admin"], now=at(14))
        actions.reply_satisfied(r, actor=reporter, rating=3, now=at(16))
    elif outcome == "reopened":
        actions.reply_satisfied(r, actor=reporter, rating=4, now=at(9))
        actions.reopen_report(r, actor=u["kapuas.koordinator"], reason="Rusak lagi", now=at(15))
    return r


def _columns(model: type[Model], overrides: dict[str, str]) -> tuple[str, str]:
    names, exprs = [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if column == "id":
            continue
        names.append(f'"{column}"')
        if column in overrides:
            exprs.append(overrides[column])
        elif field.get_internal_type() == "DateTimeField":
            exprs.append(f'p."{column}" + n.shift')
        else:
            exprs.append(f'p."{column}"')
    return ", ".join(names), ", ".join(exprs)


def synthetic_organisations(demo: Demo) -> tuple[list[int], list[list[int]]]:
    """Kapuas with its agencies, then generated Pemdas with generated agencies."""
    kapuas = demo.orgs["kapuas"]
    pemdas = [kapuas.pk]
    agencies = [
        [
            demo.orgs[c].pk
            for c in ("kapuas-pupr", "kapuas-disdik", "kapuas-diskominfo", "kapuas-inspektorat")
        ]
    ]
    for k in range(SYNTHETIC_PEMDAS):
        pemda = Organisation.objects.create(
            name=f"Pemerintah Kabupaten Bench {k + 1:02d}",
            code=f"bench-{k + 1:02d}",
            kind=OrganisationKind.PEMDA,
        )
        pemdas.append(pemda.pk)
        agencies.append(
            [
                Organisation.objects.create(
                    name=f"Dinas {j + 1} Kab. Bench {k + 1:02d}",
                    code=f"bench-{k + 1:02d}-dinas-{j + 1}",
                    kind=OrganisationKind.AGENCY,
                    parent=pemda,
                ).pk
                for j in range(AGENCIES_PER_PEMDA)
            ]
        )
    return pemdas, agencies


def clone(
    proto: Report,
    count: int,
    label: str,
    first: datetime,
    orgs: tuple[list[int], list[list[int]]],
    escalate: bool,
) -> None:
    pemdas, agencies = orgs
    channels = list(Channel.objects.order_by("pk").values_list("pk", flat=True))
    categories = list(
        Category.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True)
    )
    proto_start = proto.created_at
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_map")
        cur.execute(
            "CREATE TEMP TABLE bench_map (g int PRIMARY KEY, shift interval, pemda bigint,"
            " agency bigint, channel bigint, category bigint, id bigint)"
        )
        # 40 % Kapuas, 60 % over the generated Pemdas; received evenly over the year.
        pemda_expr = f"CASE WHEN g %% 10 < 4 THEN 1 ELSE 2 + (g / 10) %% {SYNTHETIC_PEMDAS} END"
        cur.execute(
            f"""
            INSERT INTO bench_map (g, shift, pemda, agency, channel, category)
            SELECT g, (%(first)s::timestamptz - %(proto)s::timestamptz)
                      + (g::float8 * 31536000 / %(n)s) * interval '1 second',
                   (%(pemdas)s::bigint[])[k], NULL,
                   (%(channels)s::bigint[])[1 + (g / 7) %% %(nchannels)s],
                   (%(categories)s::bigint[])[1 + (g / 3) %% %(ncategories)s]
            FROM (SELECT g, {pemda_expr} AS k FROM generate_series(0, %(n)s - 1) g) s
            """,
            {
                "first": first,
                "proto": proto_start,
                "n": count,
                "pemdas": pemdas,
                "channels": channels,
                "nchannels": len(channels),
                "categories": categories,
                "ncategories": len(categories),
            },
        )
        for index, pemda in enumerate(pemdas):
            cur.execute(
                "UPDATE bench_map SET agency = (%(ids)s::bigint[])[1 + (g / 11) %% %(n)s]"
                " WHERE pemda = %(pemda)s",
                {"ids": agencies[index], "n": len(agencies[index]), "pemda": pemda},
            )
        report_cols, report_exprs = _columns(
            Report,
            {
                "tracking_id": f"'{label}' || lpad(n.g::text, 8, '0')",
                "access_code_hash": "''",
                "pemda_id": "n.pemda",
                "lead_agency_id": "CASE WHEN p.lead_agency_id IS NULL THEN NULL ELSE n.agency END",
                "channel_id": "n.channel",
                "category_id": "n.category",
                "escalation": "CASE WHEN n.g % 2 = 0 THEN 'pemda' ELSE 'national' END"
                if escalate
                else "p.escalation",
            },
        )
        cur.execute(
            f"""
            WITH ins AS (
                INSERT INTO reports_report ({report_cols})
                SELECT {report_exprs} FROM reports_report p, bench_map n WHERE p.id = %(proto)s
                RETURNING id, tracking_id
            )
            UPDATE bench_map m SET id = ins.id FROM ins WHERE m.g = right(ins.tracking_id, 8)::int
            """.replace("%", "%%").replace("%%(proto)s", "%(proto)s"),
            {"proto": proto.pk},
        )
        org_map = (
            "CASE WHEN p.organisation_id = r.pemda_id THEN n.pemda"
            " WHEN p.organisation_id = r.lead_agency_id THEN n.agency ELSE p.organisation_id END"
        )
        for model, table, extra in (
            (Assignment, "reports_assignment", {"agency_id": "n.agency", "division_id": "NULL"}),
            (Clock, "reports_clock", {"organisation_id": org_map}),
            (Feedback, "reports_feedback", {}),
        ):
            cols, exprs = _columns(model, {"report_id": "n.id", **extra})
            cur.execute(
                f"""
                INSERT INTO {table} ({cols})
                SELECT {exprs}
                FROM {table} p JOIN reports_report r ON r.id = p.report_id, bench_map n
                WHERE p.report_id = %(proto)s
                """,
                {"proto": proto.pk},
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    args = parser.parse_args()
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("setup_reference", verbosity=0)
    demo = build_demo()
    orgs = synthetic_organisations(demo)
    now = timezone.now()
    base = now - timedelta(days=400)
    first = now - timedelta(days=365)
    number = 0
    for outcome, share in MIX.items():
        for speed, (speed_share, factor) in SPEEDS.items():
            count = int(args.reports * share * speed_share)
            number += 1
            with transaction.atomic():
                proto = prototype(demo, outcome, base, factor)
                clone(proto, count, f"R{number:02d}-", first, orgs, escalate=outcome == "escalated")
            print(f"{count:>9,} reports {outcome} ({speed})", flush=True)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
        cur.execute("SELECT count(*) FROM reports_report")
        reports = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM reports_clock")
        clocks = cur.fetchone()[0]
    print(
        f"{reports:,} reports, {clocks:,} clocks in {time.monotonic() - started:.0f} s", flush=True
    )


if __name__ == "__main__":
    main()
