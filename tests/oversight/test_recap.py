"""The daily recap (SOP 6): a day's figures for the Pemda or one agency, reported upward."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from tests.oversight.helpers import past_quarter
from tests.reports.helpers import make_report, report_input
from tuntas.core.errors import Conflict, PermissionDenied, ValidationFailed
from tuntas.demo.builder import Demo
from tuntas.outbox.models import OutboxMessage
from tuntas.oversight import access
from tuntas.oversight.actions import report_daily_recap
from tuntas.oversight.models import DailyRecap
from tuntas.oversight.periods import default_recap_day
from tuntas.oversight.recap import compile_daily_recap, recap_document
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status

pytestmark = pytest.mark.django_db


def busy_day(demo: Demo) -> tuple[date, datetime]:
    """A past day on which one Kapuas report went all the way to closed, another was
    received, one older report ran past its verification deadline, and a Majalengka
    report came in."""
    _y, _q, moment = past_quarter(demo)
    make_report(demo, Status.SUBMITTED, now=moment - timedelta(days=10))  # overdue by then
    make_report(demo, Status.CLOSED, now=moment)
    make_report(demo, Status.SUBMITTED, now=moment + timedelta(hours=1))
    actions.submit_report(
        report_input(demo, pemda="majalengka"),
        actor=Actor.reporter(demo.users["warga2"]),
        now=moment,
    )
    return timezone.localtime(moment).date(), moment


def test_the_pemda_recap_counts_the_day(demo: Demo) -> None:
    day, _moment = busy_day(demo)
    figures = compile_daily_recap(organisation=demo.orgs["kapuas"], day=day)
    assert figures["counts"] == {
        "received": 2,
        "verified": 1,
        "disposed": 1,
        "followed_up": 1,
        "closed": 1,
        "overdue": 1,
    }
    assert figures["by_channel"] == [["Situs web", 2]]
    assert len(figures["reports"]) == 2
    assert figures["day"] == day.isoformat()
    nothing = compile_daily_recap(organisation=demo.orgs["kapuas"], day=day - timedelta(days=1))
    assert nothing["counts"]["received"] == 0


def test_an_agency_recap_holds_only_what_was_disposed_to_it(demo: Demo) -> None:
    day, _moment = busy_day(demo)
    pupr = compile_daily_recap(organisation=demo.orgs["kapuas-pupr"], day=day)
    assert pupr["counts"]["received"] == 1 and pupr["counts"]["followed_up"] == 1
    assert pupr["counts"]["overdue"] == 0  # the late verification is the Pemda's
    disdik = compile_daily_recap(organisation=demo.orgs["kapuas-disdik"], day=day)
    assert disdik["counts"] == dict.fromkeys(disdik["counts"], 0)


def test_the_default_day_is_the_previous_working_day(demo: Demo, at: object) -> None:
    monday = at(2026, 11, 23, 10)  # type: ignore[operator]  # fixture factory
    assert default_recap_day(demo.orgs["kapuas"], monday) == date(2026, 11, 20)
    # Christmas 2026 is a Friday; the 24th is cuti bersama.
    after_christmas = at(2026, 12, 28, 10)  # type: ignore[operator]
    assert default_recap_day(demo.orgs["kapuas"], after_christmas) < date(2026, 12, 25)


def test_who_sees_which_recap(demo: Demo) -> None:
    u = demo.users
    assert [o.code for o in access.recap_organisations(u["kapuas.koordinator"])] == ["kapuas"]
    assert [o.code for o in access.recap_organisations(u["kapuas.pupr.admin"])] == ["kapuas-pupr"]
    assert access.recap_organisations(u["warga"]) == []
    assert access.recap_organisations(u["kapuas.pupr.staf"]) == []


def test_the_kasi_reports_it_to_the_kabid(demo: Demo) -> None:
    day, _moment = busy_day(demo)
    u = demo.users
    recap = report_daily_recap(
        organisation=demo.orgs["kapuas"], day=day, actor=u["kapuas.kasi"], note="Aman."
    )
    assert recap.figures["counts"]["closed"] == 1 and recap.reported_by == u["kapuas.kasi"]
    notice = OutboxMessage.objects.get(recipient=u["kapuas.kabid"], channel="in_app")
    assert notice.event == "daily_recap_report" and "Diterima 2" in notice.body
    with pytest.raises(Conflict):
        report_daily_recap(organisation=demo.orgs["kapuas"], day=day, actor=u["kapuas.kasi"])
    document = recap_document(demo.orgs["kapuas"], recap.figures, reported=recap)
    assert document.signatures[0].name == "Lina Kasi Pengelolaan Aduan"
    assert document.organisation == demo.orgs["kapuas"]


def test_an_agency_recap_goes_to_its_kepala_dinas(demo: Demo) -> None:
    day, _moment = busy_day(demo)
    u = demo.users
    report_daily_recap(
        organisation=demo.orgs["kapuas-pupr"], day=day, actor=u["kapuas.pupr.penghubung"]
    )
    assert OutboxMessage.objects.filter(
        recipient=u["kapuas.pupr.kadis"], event="daily_recap_report"
    ).exists()


def test_refusals_change_nothing(demo: Demo) -> None:
    day, _moment = busy_day(demo)
    u = demo.users
    with pytest.raises(PermissionDenied):
        report_daily_recap(organisation=demo.orgs["kapuas"], day=day, actor=u["kapuas.pupr.admin"])
    with pytest.raises(PermissionDenied):
        report_daily_recap(organisation=demo.orgs["majalengka"], day=day, actor=u["kapuas.kasi"])
    with pytest.raises(ValidationFailed):
        report_daily_recap(
            organisation=demo.orgs["kapuas"], day=timezone.localdate(), actor=u["kapuas.kasi"]
        )
    assert not DailyRecap.objects.exists()
