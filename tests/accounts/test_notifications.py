from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.reports.helpers import make_report
from tuntas.outbox.models import Notification
from tuntas.reports.models import Status

PAGE = "/akun/notifikasi/"
MARK = "/akun/notifikasi/tandai-dibaca/"


def notify(user, subject, *, minutes_ago=0, read=False, link=""):
    now = timezone.now() - timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        user=user,
        subject=subject,
        body=f"Isi {subject}",
        link=link,
        created_at=now,
        read_at=now if read else None,
    )


def test_it_asks_to_sign_in(demo):
    response = client_for(None).get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_lists_the_users_notifications_newest_first_with_unread_marked(demo):
    warga = demo.users["warga"]
    notify(warga, "Lama sudah dibaca", minutes_ago=30, read=True)
    notify(warga, "Baru belum dibaca", minutes_ago=1, link="/laporan/LPR-1/")
    notify(demo.users["warga2"], "Milik orang lain")
    response = client_for(warga).get(PAGE)
    assert response.status_code == 200
    subjects = [n.subject for n in response.context["notifications"]]
    assert subjects == ["Baru belum dibaca", "Lama sudah dibaca"]
    html = response.content.decode()
    assert "Milik orang lain" not in html
    assert html.count('class="tag-new"') == 1
    assert 'href="/laporan/LPR-1/"' in html
    assert response.context["unread_count"] == 1


def test_real_notifications_reach_the_reporter(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(demo, Status.VERIFIED)  # the reporter hears about verification
    response = client_for(demo.users["warga"]).get(PAGE)
    assert len(response.context["notifications"]) >= 1
    assert report.tracking_id in response.content.decode()


def test_mark_all_read(demo):
    warga = demo.users["warga"]
    notify(warga, "Satu")
    notify(warga, "Dua")
    other = notify(demo.users["warga2"], "Milik orang lain")
    client = client_for(warga)
    response = client.post(MARK)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:notifications")
    assert not Notification.objects.filter(user=warga, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None
    assert client.get(PAGE).context["unread_count"] == 0


def test_mark_read_is_post_only(demo):
    warga = demo.users["warga"]
    notify(warga, "Satu")
    assert client_for(warga).get(MARK).status_code == 405
    assert Notification.objects.filter(user=warga, read_at__isnull=True).count() == 1


def test_an_unsafe_link_is_not_rendered_as_a_link(demo):
    warga = demo.users["warga"]
    notify(warga, "Aneh", link="//evil.example/x")
    html = client_for(warga).get(PAGE).content.decode()
    assert "evil.example" not in html
