"""Staff notes never reach the reporter or the public; the status change still does."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import client_for
from tests.reports.helpers import make_report
from tuntas.outbox.models import OutboxMessage
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status

NOTE = "Catatan internal: pelapor ini sering mengadu, cek ulang"


def test_disposition_instructions_stay_on_the_staff_side(demo):
    report = make_report(demo, Status.VERIFIED)
    report.is_confidential = False
    report.save(update_fields=["is_confidential"])
    pupr = demo.orgs["kapuas-pupr"]
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[pupr],
        lead=pupr,
        instructions=NOTE,
    )

    reporter_page = client_for(demo.users["warga"]).get(
        reverse("citizen:report", args=[report.tracking_id])
    )
    assert reporter_page.status_code == 200
    assert "Disposisi ke OPD" in reporter_page.content.decode()
    assert NOTE not in reporter_page.content.decode()

    public_page = client_for(None).get(reverse("citizen:public_detail", args=[report.tracking_id]))
    assert public_page.status_code == 200
    assert NOTE not in public_page.content.decode()

    staff_page = client_for(demo.users["kapuas.pupr.penghubung"]).get(
        reverse("staff:report", args=[report.tracking_id])
    )
    assert NOTE in staff_page.content.decode()

    to_reporter = OutboxMessage.objects.filter(report=report, recipient=demo.users["warga"])
    assert to_reporter.exists()
    assert all(NOTE not in m.body for m in to_reporter)
    to_liaison = OutboxMessage.objects.filter(
        report=report, recipient=demo.users["kapuas.pupr.penghubung"]
    )
    assert any(NOTE in m.body for m in to_liaison)


def test_the_reporter_still_reads_what_is_asked_of_them(demo):
    report = make_report(demo, Status.SUBMITTED)
    actions.hold_report(
        report, actor=Actor(user=demo.users["kapuas.koordinator"]), missing="Foto jalan rusak"
    )
    page = client_for(demo.users["warga"]).get(reverse("citizen:report", args=[report.tracking_id]))
    assert "Foto jalan rusak" in page.content.decode()
    message = OutboxMessage.objects.get(
        report=report, recipient=demo.users["warga"], channel="in_app"
    )
    assert "Foto jalan rusak" in message.body
