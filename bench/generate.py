"""Fill a PostgreSQL database with open reports and running clocks, fast.

    TUNTAS_DATABASE=postgres TUNTAS_DB_PORT=5544 python bench/generate.py --reports 1000000

Three prototype reports are made through the real actions (waiting for verification,
accepted by an agency, followed up and waiting for the reporter); each is then cloned
in SQL with its assignments and open clocks, deadlines spread over the next 60 days.
``--due N`` makes N of the clones due now (half auto-close, half Pemda intervention),
for the sweep's throughput. The database is migrated and the demo world built first.
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timedelta

from _django import setup

setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Model  # noqa: E402
from django.utils import timezone  # noqa: E402

from tuntas.demo.builder import Demo, build_demo  # noqa: E402
from tuntas.reference.models import Category, Channel, Classification  # noqa: E402
from tuntas.reports import actions  # noqa: E402
from tuntas.reports.actions import ReportInput  # noqa: E402
from tuntas.reports.models import Assignment, Clock, Report, Status  # noqa: E402
from tuntas.standards.models import Step  # noqa: E402

# status: share of the reports
MIX = {Status.SUBMITTED: 0.2, Status.ACCEPTED: 0.6, Status.FOLLOWED_UP: 0.2}


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


def prototype(demo: Demo, status: Status, now: datetime) -> Report:
    u = demo.users
    report = actions.submit_report(_input(demo), reporter=u["warga"], now=now).report
    if status == Status.SUBMITTED:
        return report
    actions.verify_report(report, actor=u["kapuas.koordinator"], now=now)
    pupr = demo.orgs["kapuas-pupr"]
    actions.dispose_report(report, actor=u["kapuas.koordinator"], agencies=[pupr], now=now)
    actions.accept_disposition(report, actor=u["kapuas.pupr.penghubung"], now=now)
    if status == Status.ACCEPTED:
        return report
    division = demo.orgs["kapuas-pupr-binamarga"]
    actions.dispose_internally(report, actor=u["kapuas.pupr.kadis"], division=division, now=now)
    actions.submit_draft(
        report, actor=u["kapuas.pupr.staf"], body="Jalan sudah ditambal oleh tim.", now=now
    )
    actions.approve_draft(report, actor=u["kapuas.pupr.kadis"], now=now)
    actions.publish_followup(report, actor=u["kapuas.pupr.admin"], now=now)
    return report


def _columns(model: type[Model], overrides: dict[str, str]) -> tuple[str, str]:
    """The insert column list and the select expressions (``p.`` = the prototype row)."""
    names, exprs = [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if column == "id":
            continue
        names.append(f'"{column}"')
        exprs.append(overrides.get(column, f'p."{column}"'))
    return ", ".join(names), ", ".join(exprs)


def clone(proto: Report, status: Status, count: int, label: str, due_now: int) -> None:
    """``count`` copies of ``proto`` with its assignments and open clocks; the first
    ``due_now`` copies get their ``Step`` deadline (auto-close/intervention) now."""
    report_cols, report_exprs = _columns(
        Report,
        {"tracking_id": f"'{label}' || lpad(g::text, 8, '0')", "access_code_hash": "''"},
    )
    assignment_cols, assignment_exprs = _columns(Assignment, {"report_id": "n.id"})
    due_step = Step.AUTO_CLOSE if status == Status.FOLLOWED_UP else Step.INTERVENTION_PEMDA
    clock_cols, clock_exprs = _columns(
        Clock,
        {
            "report_id": "n.id",
            # Not due for days (spread over 60), except the first ``due_now`` clones'
            # deadline of ``due_step``, passed within the last hour.
            "due_at": (
                "CASE WHEN n.g <= %(due)s AND p.step = %(step)s"
                " THEN now() - (random() * interval '1 hour')"
                " ELSE now() + interval '1 day' + (random() * interval '60 days') END"
            ),
            "remind_at": "NULL",
        },
    )
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_new")
        cur.execute("CREATE TEMP TABLE bench_new (id bigint, g int)")
        cur.execute(
            f"""
            WITH ins AS (
                INSERT INTO reports_report ({report_cols})
                SELECT {report_exprs} FROM reports_report p, generate_series(1, %(n)s) g
                WHERE p.id = %(proto)s
                RETURNING id, tracking_id
            )
            INSERT INTO bench_new SELECT id, right(tracking_id, 8)::int FROM ins
            """,
            {"n": count, "proto": proto.pk},
        )
        cur.execute(
            f"""
            INSERT INTO reports_assignment ({assignment_cols})
            SELECT {assignment_exprs} FROM reports_assignment p, bench_new n
            WHERE p.report_id = %(proto)s
            """,
            {"proto": proto.pk},
        )
        cur.execute(
            f"""
            INSERT INTO reports_clock ({clock_cols})
            SELECT {clock_exprs} FROM reports_clock p, bench_new n
            WHERE p.report_id = %(proto)s AND p.stopped_at IS NULL
            """,
            {"proto": proto.pk, "due": due_now, "step": str(due_step)},
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=0, help="clones due now (for throughput)")
    args = parser.parse_args()
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("setup_reference", verbosity=0)
    demo = build_demo()
    # Prototypes start ten days ago; their clones' deadlines are rewritten anyway.
    then = timezone.now() - timedelta(days=10)
    for status, share in MIX.items():
        count = int(args.reports * share)
        due = args.due // 2 if status != Status.SUBMITTED else 0
        with transaction.atomic():
            proto = prototype(demo, status, then)
            clone(proto, status, count, f"B{status.value[:2].upper()}", due)
        print(f"{count:>9,} reports {status.label}", flush=True)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
        cur.execute("SELECT count(*) FROM reports_report")
        reports = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM reports_clock WHERE stopped_at IS NULL")
        clocks = cur.fetchone()[0]
    print(
        f"{reports:,} reports, {clocks:,} open clocks in {time.monotonic() - started:.0f} s",
        flush=True,
    )


if __name__ == "__main__":
    main()
