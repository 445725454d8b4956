"""The four seed SOPs as the sweep tests walk them: who acts, in which Pemda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tests.reports.helpers import report_input
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Clock, Report, Status
from tuntas.standards.models import Step


@dataclass(frozen=True)
class Seed:
    name: str
    preset: str
    pemda: str
    lead: str
    coordinator: str
    liaison: str
    division: str | None = None
    liaison_admin: str | None = None
    head: str | None = None
    staff: str | None = None

    @property
    def handles_internally(self) -> bool:
        return self.head is not None


SEEDS = [
    Seed(
        "001",
        "seed-001-disporbudpar",
        "majalengka",
        "majalengka-disporbudpar",
        "majalengka.koordinator",
        "majalengka.disporbudpar.penghubung",
        "majalengka-disporbudpar-pariwisata",
        "majalengka.disporbudpar.admin",
        "majalengka.disporbudpar.kadis",
        "majalengka.disporbudpar.staf",
    ),
    Seed(
        "002",
        "seed-002-majalengka",
        "majalengka",
        "majalengka-pupr",
        "majalengka.koordinator",
        "majalengka.pupr.penghubung",
    ),
    Seed(
        "003",
        "seed-003-kapuas",
        "kapuas",
        "kapuas-pupr",
        "kapuas.koordinator",
        "kapuas.pupr.penghubung",
        "kapuas-pupr-binamarga",
        "kapuas.pupr.admin",
        "kapuas.pupr.kadis",
        "kapuas.pupr.staf",
    ),
    Seed(
        "004",
        "seed-004-bangkalan",
        "bangkalan",
        "bangkalan-dishub",
        "bangkalan.koordinator",
        "bangkalan.dishub.penghubung",
        "bangkalan-dishub-lalin",
        "bangkalan.dishub.admin",
        "bangkalan.dishub.kadis",
        "bangkalan.dishub.staf",
    ),
]
SEED_IDS = [seed.name for seed in SEEDS]


def submitted(demo: Demo, seed: Seed, now: datetime) -> Report:
    data = report_input(demo, pemda=seed.pemda, category=None)
    return actions.submit_report(data, actor=Actor.reporter(demo.users["warga"]), now=now).report


def on_hold(demo: Demo, seed: Seed, now: datetime) -> Report:
    report = submitted(demo, seed, now)
    return actions.hold_report(
        report, actor=Actor(user=demo.users[seed.coordinator]), missing="Foto lokasi", now=now
    )


def disposed(demo: Demo, seed: Seed, now: datetime) -> Report:
    report = submitted(demo, seed, now)
    coordinator = demo.users[seed.coordinator]
    actions.verify_report(report, actor=Actor(user=coordinator), now=now)
    lead = demo.orgs[seed.lead]
    return actions.dispose_report(
        report, actor=Actor(user=coordinator), agencies=[lead], lead=lead, now=now
    )


def accepted(demo: Demo, seed: Seed, now: datetime) -> Report:
    report = disposed(demo, seed, now)
    return actions.accept_disposition(report, actor=Actor(user=demo.users[seed.liaison]), now=now)


def followed_up(demo: Demo, seed: Seed, now: datetime) -> Report:
    """A follow-up published at ``now``: through the agency where the seed has the
    personas for it, else typed in already solved by the coordinator (seed 003 SOP 5)."""
    if not seed.handles_internally:
        data = report_input(demo, pemda=seed.pemda, category=None, reporter_email="w@x.id")
        return actions.intake_report(
            data,
            actor=Actor(user=demo.users[seed.coordinator]),
            solved_answer="Sudah diperbaiki.",
            now=now,
        ).report
    assert seed.head and seed.staff and seed.liaison_admin and seed.division
    report = accepted(demo, seed, now)
    u = demo.users
    actions.dispose_internally(
        report, actor=Actor(user=u[seed.head]), division=demo.orgs[seed.division], now=now
    )
    answer = "Jalan sudah diperbaiki oleh tim lapangan."
    actions.submit_draft(report, actor=Actor(user=u[seed.staff]), body=answer, now=now)
    actions.approve_draft(report, actor=Actor(user=u[seed.head]), now=now)
    actions.publish_followup(report, actor=Actor(user=u[seed.liaison_admin]), now=now)
    return report


def clock(report: Report, step: Step) -> Clock:
    return Clock.objects.get(report=report, step=step, stopped_at__isnull=True)


def reload(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def reporter_actor(demo: Demo) -> Actor:
    return Actor(user=demo.users["warga"])


__all__ = ["SEEDS", "SEED_IDS", "Seed", "Status"]
