"""A small world of reports with known outcomes and times (October-November 2026,
Kab. Kapuas, seed-003 standard: follow-up within 10 working days; no holidays in
those two months), walked through the real actions, then the KPI facts built.

| report | received | verified | disposed (lead) | answered | then |
|---|---|---|---|---|---|
| r1 | Mon 5 Oct | Wed 7 Oct | Thu 8 Oct (PUPR) | Tue 13 Oct | satisfied Wed 14 Oct |
| r2 | Tue 6 Oct | Tue 6 Oct | Tue 6 Oct (PUPR) | Thu 5 Nov (late) | not satisfied Fri 6 Nov |
| r3 | Wed 7 Oct | - | - | - | archived Thu 8 Oct |
| r4 | Mon 2 Nov | Tue 3 Nov | Wed 4 Nov (PUPR) | - | Ombudsman Thu 5 Nov |
| r5 | Mon 5 Oct (WhatsApp) | Tue 6 Oct | Tue 6 Oct (Disdik) | Fri 9 Oct | satisfied 12 Oct, |
|    |  |  |  |  | reopened 13 Oct |
| m1 | Mon 5 Oct, Kab. Majalengka | - | - | - | waiting |
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from tests.reports.helpers import report_input
from tuntas.demo.builder import Demo
from tuntas.kpi.facts import refresh_all
from tuntas.reference.models import Channel
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report

At = Callable[..., datetime]


def walk_to_answer(
    demo: Demo, r: Report, at: At, agency: str, day: tuple[int, int], *, disdik: bool = False
) -> None:
    """Accept, draft, approve and publish on ``day`` (month, day) at 10:00-10:40."""
    u = demo.users
    month, d = day
    if disdik:
        actions.accept_disposition(
            r, actor=Actor(user=u["kapuas.disdik.penghubung"]), now=at(2026, month, d, 10)
        )
        actions.submit_draft(
            r,
            actor=Actor(user=u["kapuas.disdik.admin"]),
            body="Atap sekolah sudah diperbaiki oleh dinas.",
            now=at(2026, month, d, 10, 10),
        )
        actions.approve_draft(
            r, actor=Actor(user=u["kapuas.disdik.penghubung"]), now=at(2026, month, d, 10, 20)
        )
        actions.publish_followup(
            r, actor=Actor(user=u["kapuas.disdik.admin"]), now=at(2026, month, d, 10, 30)
        )
        return
    actions.accept_disposition(
        r, actor=Actor(user=u["kapuas.pupr.penghubung"]), now=at(2026, month, d, 10)
    )
    actions.dispose_internally(
        r,
        actor=Actor(user=u["kapuas.pupr.kadis"]),
        division=demo.orgs["kapuas-pupr-binamarga"],
        now=at(2026, month, d, 10, 5),
    )
    actions.submit_draft(
        r,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        body="Jalan sudah ditambal oleh tim Bina Marga.",
        now=at(2026, month, d, 10, 10),
    )
    actions.approve_draft(
        r, actor=Actor(user=u["kapuas.pupr.kadis"]), now=at(2026, month, d, 10, 20)
    )
    actions.publish_followup(
        r, actor=Actor(user=u["kapuas.pupr.admin"]), now=at(2026, month, d, 10, 30)
    )


def build_world(demo: Demo, at: At) -> dict[str, Report]:
    u = demo.users
    coord = u["kapuas.koordinator"]
    warga = Actor(user=u["warga"])
    pupr, disdik = demo.orgs["kapuas-pupr"], demo.orgs["kapuas-disdik"]

    def submit(when: datetime, pemda: str = "kapuas", **extra: object) -> Report:
        data = report_input(demo, pemda=pemda, **extra)
        if pemda != "kapuas":
            data.category = None
        return actions.submit_report(data, actor=Actor.reporter(u["warga"]), now=when).report

    r1 = submit(at(2026, 10, 5, 9))
    actions.verify_report(r1, actor=Actor(user=coord), now=at(2026, 10, 7, 9))
    actions.dispose_report(
        r1, actor=Actor(user=coord), agencies=[pupr], lead=pupr, now=at(2026, 10, 8, 9)
    )
    walk_to_answer(demo, r1, at, "kapuas-pupr", (10, 13))
    actions.reply_satisfied(r1, actor=warga, rating=5, now=at(2026, 10, 14, 9))

    r2 = submit(at(2026, 10, 6, 8))
    actions.verify_report(r2, actor=Actor(user=coord), now=at(2026, 10, 6, 9))
    actions.dispose_report(
        r2, actor=Actor(user=coord), agencies=[pupr], lead=pupr, now=at(2026, 10, 6, 10)
    )
    walk_to_answer(demo, r2, at, "kapuas-pupr", (11, 5))
    actions.reply_not_satisfied(r2, actor=warga, comment="Belum beres.", now=at(2026, 11, 6, 9))

    r3 = submit(at(2026, 10, 7, 9))
    actions.archive_report(
        r3, actor=Actor(user=coord), reason_code="duplicate", now=at(2026, 10, 8, 9)
    )

    r4 = submit(at(2026, 11, 2, 9))
    actions.verify_report(r4, actor=Actor(user=coord), now=at(2026, 11, 3, 9))
    actions.dispose_report(
        r4, actor=Actor(user=coord), agencies=[pupr], lead=pupr, now=at(2026, 11, 4, 9)
    )
    actions.forward_to_ombudsman(r4, actor=Actor(user=coord), now=at(2026, 11, 5, 9))

    r5 = submit(at(2026, 10, 5, 10), channel=Channel.objects.get(code="whatsapp"))
    actions.verify_report(r5, actor=Actor(user=coord), now=at(2026, 10, 6, 9))
    actions.dispose_report(
        r5, actor=Actor(user=coord), agencies=[disdik], lead=disdik, now=at(2026, 10, 6, 9, 30)
    )
    walk_to_answer(demo, r5, at, "kapuas-disdik", (10, 9), disdik=True)
    actions.reply_satisfied(r5, actor=warga, rating=4, now=at(2026, 10, 12, 9))
    actions.reopen_report(
        r5, actor=Actor(user=coord), reason="Atap bocor lagi", now=at(2026, 10, 13, 9)
    )

    m1 = submit(at(2026, 10, 5, 9), pemda="majalengka", title="Puskesmas tutup siang hari")
    for report in (r1, r2, r3, r4, r5, m1):
        report.refresh_from_db()
    return {"r1": r1, "r2": r2, "r3": r3, "r4": r4, "r5": r5, "m1": m1}


@pytest.fixture
def world(demo: Demo, at: At) -> dict[str, Report]:
    reports = build_world(demo, at)
    refresh_all(now=at(2026, 11, 20, 12))
    return reports


PERIOD = {"date_from": "2026-10-01", "date_to": "2026-11-30"}
