"""The work the fault test gives the workers, made with the real actions.

Reports typed in from the telephone line, already solved, long ago (seed 003 SOP 5 and 6),
by the Kapuas coordinator and by the PUPR liaison admin in turn. Each reporter left only
a phone number, so every message to them goes out by SMS: one now (the answer), one when
the sweep closes the report (its auto-close window ran out weeks ago). Closing a report
typed in by the agency also tells its liaison officer and admin (in-app and e-mail).
"""

from __future__ import annotations

import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import django
from django.core.management import call_command
from django.db import connection, connections

from tuntas.accounts.models import User
from tuntas.demo.builder import build_demo
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category, Channel, Classification
from tuntas.reports import actions
from tuntas.reports.actions import Actor, ReportInput

# Far enough back that every auto-close window (10 working days) has run out.
AGE = timedelta(days=60)
DESKS = ("kapuas.koordinator", "kapuas.pupr.admin")


@dataclass(frozen=True)
class Workload:
    report_ids: list[int]
    filed_from: datetime
    filed_to: datetime


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def prepare_database() -> None:
    """Migrate, install the reference data and build the demo world."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("setup_reference", stdout=io.StringIO())
    build_demo()


def phone_number(index: int) -> str:
    """A distinct Indonesian mobile number per reporter, written as people write it."""
    return f"0812 {index // 10000:04d} {index % 10000:04d}"


def create_reports(count: int, *, now: datetime, start_index: int = 0) -> list[int]:
    """``count`` reports, answered at once ``AGE`` before ``now`` and left without a reply
    since; the ids. ``start_index`` numbers them (titles, phone numbers, times)."""
    complaint = Classification.objects.get(code="complaint")
    phone = Channel.objects.get(code="phone")
    category = Category.objects.get(name="Jalan rusak")
    pemda = Organisation.objects.get(code="kapuas")
    desks = [User.objects.get(username=name) for name in DESKS]
    ids: list[int] = []
    for index in range(start_index, start_index + count):
        data = ReportInput(
            title=f"Jalan berlubang di ruas {index + 1}",
            description="Laporan lewat telepon: jalan berlubang besar, membahayakan pengendara.",
            classification=complaint,
            channel=phone,
            pemda=pemda,
            category=category,
            location_text="Jl. Tambun Bungai, Selat",
            reporter_name=f"Penelepon {index + 1}",
            reporter_phone=phone_number(index + 1),
        )
        report = actions.intake_report(
            data,
            actor=Actor(user=desks[index % len(desks)]),
            solved_answer="Jalan sudah ditambal oleh tim Bina Marga.",
            now=now - AGE + timedelta(seconds=index),
        ).report
        ids.append(report.pk)
    return ids


def _create_slice(args: tuple[int, int, datetime]) -> list[int]:
    start_index, count, now = args
    return create_reports(count, now=now, start_index=start_index)


def create_reports_in_parallel(count: int, *, now: datetime, processes: int = 4) -> Workload:
    """``create_reports`` split over ``processes`` processes (each its own connection)."""
    size = -(-count // processes)
    slices = [(start, min(size, count - start), now) for start in range(0, count, size)]
    connections.close_all()
    with ProcessPoolExecutor(
        max_workers=len(slices),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=django.setup,
    ) as pool:
        ids = [pk for chunk in pool.map(_create_slice, slices) for pk in chunk]
    return Workload(sorted(ids), now - AGE, now - AGE + timedelta(seconds=max(count - 1, 0)))
