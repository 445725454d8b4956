"""An agency stops seeing a report once it handed it on (return or transfer)."""

from __future__ import annotations

import pytest

from tests.reports.helpers import make_report
from tuntas.core.errors import NotFound
from tuntas.reports import actions
from tuntas.reports.access import get_visible_report
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status


def test_a_transferred_report_leaves_the_old_agency(demo):
    report = make_report(demo, Status.ACCEPTED)
    actions.transfer_report(
        report,
        actor=Actor(user=demo.users["kapuas.pupr.penghubung"]),
        to_agency=demo.orgs["kapuas-disdik"],
        reason="Menyangkut gedung sekolah, wewenang Dinas Pendidikan",
    )
    with pytest.raises(NotFound):
        get_visible_report(demo.users["kapuas.pupr.penghubung"], report.tracking_id)
    assert get_visible_report(demo.users["kapuas.disdik.penghubung"], report.tracking_id) == report


def test_a_returned_disposition_leaves_the_agency(demo):
    report = make_report(demo, Status.DISPOSED)
    actions.return_disposition(
        report,
        actor=Actor(user=demo.users["kapuas.pupr.penghubung"]),
        reason="Bukan jalan kabupaten",
    )
    with pytest.raises(NotFound):
        get_visible_report(demo.users["kapuas.pupr.admin"], report.tracking_id)
    assert get_visible_report(demo.users["kapuas.koordinator"], report.tracking_id) == report


def test_a_closed_report_stays_with_the_agency_that_handled_it(demo):
    report = make_report(demo, Status.CLOSED)
    assert get_visible_report(demo.users["kapuas.pupr.penghubung"], report.tracking_id) == report
    assert get_visible_report(demo.users["kapuas.pupr.staf"], report.tracking_id) == report
