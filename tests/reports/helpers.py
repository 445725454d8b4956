"""Build reports in a given status through the real actions (never by writing status)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from django.utils import timezone

from tuntas.demo.builder import Demo
from tuntas.reference.models import Category, Channel, Classification
from tuntas.reports import actions
from tuntas.reports.actions import Actor, ReportInput
from tuntas.reports.models import Report, Status


def report_input(demo: Demo, pemda: str = "kapuas", **overrides: object) -> ReportInput:
    data = ReportInput(
        title="Jalan berlubang di depan SD Negeri 1",
        description=(
            "Jalan di depan SDN 1 Selat berlubang besar sejak dua minggu, "
            "membahayakan anak sekolah."
        ),
        classification=Classification.objects.get(code="complaint"),
        channel=Channel.objects.get(code="web"),
        pemda=demo.orgs[pemda],
        category=Category.objects.get(name="Jalan rusak"),
        location_text="Jl. Tambun Bungai, Selat",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


# The path a report takes, in order; each step moves it one status further.
PATH: list[Status] = [
    Status.SUBMITTED,
    Status.VERIFIED,
    Status.DISPOSED,
    Status.ACCEPTED,
    Status.IN_DIVISION,
    Status.DRAFT_REVIEW,
    Status.DRAFT_APPROVED,
    Status.FOLLOWED_UP,
    Status.CLOSED,
]


def make_report(
    demo: Demo,
    status: Status = Status.SUBMITTED,
    *,
    now: datetime | None = None,
    support: Sequence[str] = (),
) -> Report:
    """A Kapuas report filed by ``warga`` and walked to ``status`` with the demo personas.

    The coordinator disposes it to Dinas PUPR (lead); ``support`` names further agencies
    (organisation codes, e.g. ``"kapuas-disdik"``) disposed to as supporting agencies.
    """
    now = now or timezone.now()
    u = demo.users
    report = actions.submit_report(
        report_input(demo), actor=Actor.reporter(u["warga"]), now=now
    ).report
    steps: dict[Status, Callable[[Report], object]] = {
        Status.ON_HOLD: lambda r: actions.hold_report(
            r, actor=Actor(user=u["kapuas.koordinator"]), missing="Foto lokasi", now=now
        ),
        Status.NOT_IN_AUTHORITY: lambda r: actions.mark_not_in_authority(
            r,
            actor=Actor(user=u["kapuas.koordinator"]),
            reason="Jalan nasional, wewenang pusat",
            now=now,
        ),
        Status.VERIFIED: lambda r: actions.verify_report(
            r, actor=Actor(user=u["kapuas.koordinator"]), now=now
        ),
        Status.DISPOSED: lambda r: actions.dispose_report(
            r,
            actor=Actor(user=u["kapuas.koordinator"]),
            agencies=[demo.orgs["kapuas-pupr"], *(demo.orgs[code] for code in support)],
            lead=demo.orgs["kapuas-pupr"],
            now=now,
        ),
        Status.ACCEPTED: lambda r: actions.accept_disposition(
            r, actor=Actor(user=u["kapuas.pupr.penghubung"]), now=now
        ),
        Status.IN_DIVISION: lambda r: actions.dispose_internally(
            r,
            actor=Actor(user=u["kapuas.pupr.kadis"]),
            division=demo.orgs["kapuas-pupr-binamarga"],
            now=now,
        ),
        Status.DRAFT_REVIEW: lambda r: actions.submit_draft(
            r,
            actor=Actor(user=u["kapuas.pupr.staf"]),
            body="Jalan telah ditambal oleh tim Bina Marga pada hari ini.",
            now=now,
        ),
        Status.DRAFT_APPROVED: lambda r: actions.approve_draft(
            r, actor=Actor(user=u["kapuas.pupr.kadis"]), now=now
        ),
        Status.FOLLOWED_UP: lambda r: actions.publish_followup(
            r, actor=Actor(user=u["kapuas.pupr.admin"]), now=now
        ),
        Status.CLOSED: lambda r: actions.reply_satisfied(
            r, actor=Actor(user=u["warga"]), rating=5, now=now
        ),
        Status.AWAITING_CLARIFICATION: lambda r: actions.request_clarification(
            r,
            actor=Actor(user=u["kapuas.pupr.staf"]),
            question="Di nomor rumah berapa tepatnya?",
            now=now,
        ),
        Status.ARCHIVED: lambda r: actions.archive_report(
            r, actor=Actor(user=u["kapuas.koordinator"]), reason_code="duplicate", now=now
        ),
        Status.FORWARDED: lambda r: actions.forward_external(
            r, actor=Actor(user=u["nasional"]), body_name="Kementerian PUPR", now=now
        ),
        Status.OMBUDSMAN: lambda r: actions.forward_to_ombudsman(
            r, actor=Actor(user=u["kapuas.koordinator"]), now=now
        ),
    }
    detours: dict[Status, list[Status]] = {
        Status.ON_HOLD: [Status.ON_HOLD],
        Status.NOT_IN_AUTHORITY: [Status.NOT_IN_AUTHORITY],
        Status.FORWARDED: [Status.NOT_IN_AUTHORITY, Status.FORWARDED],
        Status.ARCHIVED: [Status.ARCHIVED],
        Status.AWAITING_CLARIFICATION: [*PATH[1:5], Status.AWAITING_CLARIFICATION],
        Status.OMBUDSMAN: [*PATH[1:3], Status.OMBUDSMAN],
    }
    route = detours.get(status) or PATH[1 : PATH.index(status) + 1]
    for target in route:
        steps[target](report)
    report.refresh_from_db()
    assert report.status == status, (report.status, status)
    return report
