"""The one rule of what the reporter and the public read of a report's handling."""

from __future__ import annotations

from django.utils import timezone

from tests.reports.helpers import make_report
from tuntas.audit.models import AuditEvent, Visibility
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.disclosure import (
    Audience,
    outside_entry,
    outside_events,
    outside_message_author,
    outside_timeline,
    widest_audience,
)
from tuntas.reports.models import Message, MessageKind, Status
from tuntas.reports.transitions import Action, is_internal_reason


def test_events_by_visibility(demo: Demo) -> None:
    report = make_report(demo, Status.DISPOSED)
    events = list(report.events.all())
    # One event of each visibility, so that each one's filtering shows.
    for visibility in Visibility:
        events[0].pk = None
        events[0].visibility = visibility
        events[0].save()
    by_visibility = {v: {e.pk for e in report.events.filter(visibility=v)} for v in Visibility}
    public = [e.pk for e in outside_events(report, Audience.PUBLIC)]
    reporter = [e.pk for e in outside_events(report, Audience.REPORTER)]
    assert set(public) == by_visibility[Visibility.PUBLIC]
    assert set(reporter) == by_visibility[Visibility.PUBLIC] | by_visibility[Visibility.REPORTER]
    assert by_visibility[Visibility.STAFF]
    assert not by_visibility[Visibility.STAFF] & set(reporter)
    times = [(e.created_at, e.pk) for e in outside_events(report, Audience.REPORTER)]
    assert times == sorted(times)
    for event in report.events.all():
        audience = widest_audience(event)
        for who in Audience:
            shown = outside_entry(event, report, who) is not None
            assert shown == (event.pk in (public if who == Audience.PUBLIC else reporter))
        assert (audience is None) == (event.visibility == Visibility.STAFF)


def test_actors_are_organisations_never_people(demo: Demo) -> None:
    report = make_report(demo, Status.CLOSED)
    who = {e.action: e.actor for e in outside_timeline(report, Audience.REPORTER)}
    assert who == {
        "submit": "Pelapor",
        "verify": "Petugas Kab. Kapuas",
        "dispose": "Petugas Kab. Kapuas",
        "accept": "Petugas Dinas PUPR Kapuas",
        "publish_followup": "Petugas Dinas PUPR Kapuas",
        "reply_satisfied": "Pelapor",
    }


def test_notes_between_staff_never_leave_and_the_public_reads_no_free_text(demo: Demo) -> None:
    u, o = demo.users, demo.orgs
    report = make_report(demo, Status.VERIFIED)
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[o["kapuas-pupr"]],
        lead=o["kapuas-pupr"],
        instructions="Cek dulu, pelapor sering melapor.",
    )
    actions.return_disposition(
        report, actor=Actor(user=u["kapuas.pupr.penghubung"]), reason="Bukan PUPR"
    )
    for audience in Audience:
        text = str(outside_timeline(report, audience))
        assert "Cek dulu" not in text and "Bukan PUPR" not in text
    # An internal note is recognised by its action even without the flag of the writer.
    event = AuditEvent.objects.filter(report=report, action=Action.DISPOSE).get()
    event.data = {"capacity": "coordinator"}
    event.save()
    entry = outside_entry(event, report, Audience.REPORTER)
    assert entry is not None and entry.reason == ""
    assert is_internal_reason(Action.DISPOSE) and not is_internal_reason("role_granted")
    # The reporter reads the other reasons; the public none.
    held = make_report(demo, Status.ON_HOLD)
    reporter = {e.action: e.reason for e in outside_timeline(held, Audience.REPORTER)}
    assert reporter["hold"] == "Foto lokasi"
    assert {e.reason for e in outside_timeline(held, Audience.PUBLIC)} == {""}


def test_message_authors_are_organisations(demo: Demo) -> None:
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    now = timezone.now()
    cases = {
        MessageKind.CLARIFICATION_REQUEST: "Petugas Dinas PUPR Kapuas",
        MessageKind.COMPLETION_REQUEST: "Petugas Kab. Kapuas",
        MessageKind.CLARIFICATION: "Pelapor",
        MessageKind.REPLY: "Pelapor",
    }
    for kind, expected in cases.items():
        message = Message(
            report=report,
            kind=kind,
            author=demo.users["kapuas.pupr.staf"],
            body="x",
            created_at=now,
        )
        assert outside_message_author(message, report) == expected, kind
