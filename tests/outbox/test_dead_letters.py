"""Failed messages: who sees them, filters, sending again (page, service, admin)."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tests.outbox.helpers import message
from tests.reports.helpers import make_report
from tests.staff.helpers import majalengka_report
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import NotFound, PermissionDenied
from tuntas.outbox.dead_letters import retry_dead_messages
from tuntas.outbox.models import DIGEST_EVENT, DeliveryChannel, OutboxMessage, OutboxState

PAGE = "/petugas/pesan-gagal/"
RETRY = "/petugas/pesan-gagal/kirim-ulang/"
C = DeliveryChannel
S = OutboxState


@pytest.fixture
def failed(demo):
    """Failed messages in Kapuas and Majalengka, one about no report, and some fine ones."""
    kapuas = make_report(demo)
    majalengka = majalengka_report(demo)
    OutboxMessage.objects.all().delete()  # the reports' own notifications are not the point
    return {
        "kapuas_email": message(
            C.EMAIL,
            "x@rusak",
            report_id=kapuas.pk,
            state=S.DEAD,
            attempts=1,
            last_error="Alamat e-mail tidak sah: x@rusak",
        ),
        "kapuas_sms": message(
            C.SMS,
            "6281234567890",
            report_id=kapuas.pk,
            event="dispose",
            state=S.PENDING,
            attempts=3,
            last_error="HTTP 503",
        ),
        "kapuas_waiting": message(C.SMS, "6281234567891", report_id=kapuas.pk),
        "kapuas_sent": message(C.EMAIL, "ok@example.com", report_id=kapuas.pk, state=S.SENT),
        "majalengka_wa": message(
            C.WHATSAPP,
            "6281200000000",
            report_id=majalengka.pk,
            state=S.DEAD,
            attempts=8,
            last_error="HTTP 500",
        ),
        "digest": message(
            C.EMAIL,
            "k@example.com",
            event=DIGEST_EVENT,
            state=S.DEAD,
            attempts=1,
            last_error="SMTP: 550",
        ),
    }


def listed(response):
    return {m.pk for m, _label in response.context["rows"]}


def snapshot():
    return sorted(OutboxMessage.objects.values_list("pk", "state", "attempts", "last_error"))


def test_it_asks_to_sign_in(db):
    response = client_for(None).get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


@pytest.mark.parametrize("username", ["warga", "kapuas.pupr.penghubung", "kapuas.kasi"])
def test_citizens_and_other_staff_may_not_see_it(failed, demo, username):
    client = client_for(demo.users[username])
    assert client.get(PAGE).status_code == 403
    before = snapshot()
    assert client.post(RETRY, {"id": failed["kapuas_email"].pk}).status_code == 403
    assert snapshot() == before
    assert 'href="/petugas/pesan-gagal/"' not in client.get("/petugas/").content.decode()


def test_a_coordinator_sees_the_failed_messages_of_their_pemda_only(failed, demo):
    client = client_for(demo.users["kapuas.koordinator"])
    response = client.get(PAGE)
    assert response.status_code == 200
    assert listed(response) == {failed["kapuas_email"].pk, failed["kapuas_sms"].pk}
    html = response.content.decode()
    assert "Alamat e-mail tidak sah: x@rusak" in html
    assert "HTTP 500" not in html
    assert 'href="/petugas/pesan-gagal/"' in client.get("/petugas/").content.decode()


def test_a_national_admin_sees_everything(failed, demo):
    response = client_for(demo.users["nasional"]).get(PAGE)
    assert listed(response) == {
        failed[k].pk for k in ("kapuas_email", "kapuas_sms", "majalengka_wa", "digest")
    }
    assert "Ringkasan harian" in response.content.decode()


def test_the_list_filters_by_state_channel_and_event(failed, demo):
    client = client_for(demo.users["nasional"])
    assert listed(client.get(PAGE, {"state": "dead"})) == {
        failed[k].pk for k in ("kapuas_email", "majalengka_wa", "digest")
    }
    assert listed(client.get(PAGE, {"state": "failing"})) == {failed["kapuas_sms"].pk}
    assert listed(client.get(PAGE, {"channel": "email"})) == {
        failed["kapuas_email"].pk,
        failed["digest"].pk,
    }
    assert listed(client.get(PAGE, {"event": DIGEST_EVENT})) == {failed["digest"].pk}
    assert client.get(PAGE, {"channel": "pigeon"}).status_code == 400


def test_sending_one_again(failed, demo, django_capture_on_commit_callbacks):
    user = demo.users["kapuas.koordinator"]
    target = failed["kapuas_email"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(RETRY, {"id": target.pk, "channel": "email"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?channel=email"
    target.refresh_from_db()
    # the worker is woken after commit: the bad address fails again, now attempt 1 of a
    # fresh count
    assert target.attempts == 1
    assert target.state == S.DEAD
    event = AuditEvent.objects.get(action="outbox_retry")
    assert event.actor == user
    assert event.data == {"count": 1, "ids": [target.pk]}


def test_the_service_resets_state_attempts_and_error(failed, demo):
    target = failed["majalengka_wa"]
    assert retry_dead_messages([target.pk], actor=demo.users["majalengka.koordinator"]) == 1
    target.refresh_from_db()
    assert (target.state, target.attempts, target.last_error) == (S.PENDING, 0, "")


def test_another_pemdas_coordinator_cannot_send_it_again(failed, demo):
    client = client_for(demo.users["majalengka.koordinator"])
    before = snapshot()
    assert client.post(RETRY, {"id": failed["kapuas_email"].pk}).status_code == 404
    with pytest.raises(NotFound):
        retry_dead_messages(
            [failed["majalengka_wa"].pk, failed["kapuas_email"].pk],
            actor=demo.users["majalengka.koordinator"],
        )
    assert snapshot() == before
    assert not AuditEvent.objects.filter(action="outbox_retry").exists()


def test_sent_or_untried_messages_are_not_sent_again(failed, demo):
    before = snapshot()
    for key in ("kapuas_sent", "kapuas_waiting"):
        with pytest.raises(NotFound):
            retry_dead_messages([failed[key].pk], actor=demo.users["nasional"])
    assert snapshot() == before


def test_someone_without_the_role_is_refused_by_the_service(failed, demo):
    with pytest.raises(PermissionDenied):
        retry_dead_messages([failed["kapuas_email"].pk], actor=demo.users["kapuas.pupr.admin"])


def test_bulk_retry_takes_the_filtered_list(failed, demo, monkeypatch):
    monkeypatch.setattr("tuntas.outbox.dead_letters.kick_worker", lambda: None)
    client = client_for(demo.users["nasional"])
    response = client.post(RETRY, {"channel": "email"})
    assert response.status_code == 302
    states = dict(OutboxMessage.objects.values_list("pk", "state"))
    assert states[failed["kapuas_email"].pk] == S.PENDING
    assert states[failed["digest"].pk] == S.PENDING
    assert states[failed["majalengka_wa"].pk] == S.DEAD
    event = AuditEvent.objects.get(action="outbox_retry")
    assert event.data["count"] == 2


def test_retry_is_post_only(failed, demo):
    assert client_for(demo.users["nasional"]).get(RETRY).status_code == 405


def test_the_admin_is_read_only_but_can_send_again(failed, demo, monkeypatch):
    monkeypatch.setattr("tuntas.outbox.dead_letters.kick_worker", lambda: None)
    client = client_for(demo.users["nasional"])
    target = failed["majalengka_wa"]
    change = client.post(f"/admin/outbox/outboxmessage/{target.pk}/change/", {"state": "sent"})
    assert change.status_code == 403
    response = client.post(
        "/admin/outbox/outboxmessage/",
        {
            "action": "retry_messages",
            "_selected_action": [target.pk, failed["kapuas_sent"].pk],
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.state, target.attempts) == (S.PENDING, 0)
    assert OutboxMessage.objects.get(pk=failed["kapuas_sent"].pk).state == S.SENT
    assert AuditEvent.objects.get(action="outbox_retry").actor == demo.users["nasional"]
