"""/petugas/federasi/: peers and forwarding, for coordinators and national admins."""

from __future__ import annotations

from tests.conftest import client_for
from tests.federation.conftest import PeerWithKey, make_peer
from tests.federation.test_forward import not_in_authority
from tuntas.apikeys.models import ApiKey
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.federation.models import Peer
from tuntas.reports.models import Report, Status

HOME = "/petugas/federasi/"
NEW = "/petugas/federasi/instansi/baru/"


def new_peer(demo: Demo, **overrides: str) -> dict[str, str]:
    data = {
        "name": "Tuntas Provinsi Kalimantan Tengah",
        "base_url": "https://tuntas.kalteng.go.id",
        "organisation": str(demo.orgs["kapuas"].pk),
        "outbound_key": "tnt_fromprov_" + "q" * 30,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_it_checks_access(demo: Demo, peer: PeerWithKey) -> None:
    assert client_for(None).get(HOME).status_code == 302
    for persona in ("warga", "kapuas.pupr.admin", "kapuas.pupr.kadis", "ombudsman"):
        assert client_for(demo.users[persona]).get(HOME).status_code == 403, persona
        assert client_for(demo.users[persona]).post(NEW, new_peer(demo)).status_code == 403
    for persona in ("kapuas.koordinator", "nasional"):
        page = client_for(demo.users[persona]).get(HOME)
        assert page.status_code == 200
        assert peer.peer.name in page.content.decode()
    # A coordinator sees only peers that deliver to their own Pemda.
    assert (
        peer.peer.name
        not in client_for(demo.users["bangkalan.koordinator"]).get(HOME).content.decode()
    )
    assert (
        client_for(demo.users["bangkalan.koordinator"])
        .get(f"/petugas/federasi/instansi/{peer.peer.pk}/")
        .status_code
        == 404
    )
    assert Peer.objects.count() == 1


def test_a_new_peer_gets_a_key_shown_once_and_its_own_key_is_never_shown(demo: Demo) -> None:
    client = client_for(demo.users["kapuas.koordinator"])
    answer = client.post(NEW, new_peer(demo), follow=True)

    assert answer.status_code == 200
    peer = Peer.objects.get()
    assert peer.inbound_key is not None and peer.inbound_key.has_scope("federation")
    page = answer.content.decode()
    assert f"tnt_{peer.inbound_key.prefix}_" in page
    assert "qqqqqqqq" not in page
    again = client.get("/petugas/federasi/instansi/baru/selesai/", follow=True).content.decode()
    assert f"tnt_{peer.inbound_key.prefix}_" not in again
    edit = client.get(f"/petugas/federasi/instansi/{peer.pk}/").content.decode()
    assert "qqqqqqqq" not in edit
    event = AuditEvent.objects.get(action="federation_peer_created")
    assert event.actor == demo.users["kapuas.koordinator"]
    assert "qqqq" not in str(event.data)


def test_bad_input_is_refused_and_nothing_saved(demo: Demo) -> None:
    client = client_for(demo.users["kapuas.koordinator"])
    keys = ApiKey.objects.count()
    for bad in (
        new_peer(demo, base_url="ftp://tuntas.kalteng.go.id"),
        new_peer(demo, name="ab"),
        new_peer(demo, outbound_key="ada spasi di kunci ini sama sekali"),
        new_peer(demo, organisation=str(demo.orgs["bangkalan"].pk)),
    ):
        answer = client.post(NEW, bad)
        assert answer.status_code == 400, bad
    assert Peer.objects.count() == 0
    assert ApiKey.objects.count() == keys


def test_editing_keeps_the_stored_key_unless_a_new_one_is_given(
    demo: Demo, peer: PeerWithKey
) -> None:
    client = client_for(demo.users["nasional"])
    url = f"/petugas/federasi/instansi/{peer.peer.pk}/"
    data = new_peer(demo, name=peer.peer.name, outbound_key="")
    assert client.post(url, data).status_code == 302
    peer.peer.refresh_from_db()
    assert peer.peer.outbound_key == "tnt_peerkey_" + "y" * 24
    assert peer.peer.base_url == "https://tuntas.kalteng.go.id"
    assert client.post(url, new_peer(demo, name=peer.peer.name)).status_code == 302
    peer.peer.refresh_from_db()
    assert peer.peer.outbound_key.startswith("tnt_fromprov_")


def test_forwarding_from_the_page(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)
    client = client_for(demo.users["kapuas.koordinator"])
    home = client.get(HOME).content.decode()
    assert f"/petugas/federasi/teruskan/{report.tracking_id}/" in home
    assert client.get(f"/petugas/laporan/{report.tracking_id}/").status_code == 200
    assert client.get(f"/petugas/federasi/teruskan/{report.tracking_id}/").status_code == 200

    answer = client.post(
        f"/petugas/federasi/teruskan/{report.tracking_id}/",
        {"peer": str(peer.peer.pk), "note": "Wewenang pusat"},
    )

    assert answer.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Status.FORWARDED
    assert peer.peer.name in client.get(HOME).content.decode()


def test_forwarding_refuses_bad_input_and_wrong_status(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)
    client = client_for(demo.users["kapuas.koordinator"])
    url = f"/petugas/federasi/teruskan/{report.tracking_id}/"
    assert client.post(url, {"peer": "999"}).status_code == 400
    assert Report.objects.get(pk=report.pk).status == Status.NOT_IN_AUTHORITY
    client.post(url, {"peer": str(peer.peer.pk)})
    again = client.post(url, {"peer": str(peer.peer.pk)})
    assert again.status_code == 409
    # A report outside one's scope does not exist for them.
    other = client_for(demo.users["bangkalan.koordinator"])
    assert other.get(url).status_code == 404


def test_the_report_page_offers_forwarding_only_when_a_peer_can_take_it(demo: Demo) -> None:
    report = not_in_authority(demo)
    page = f"/petugas/laporan/{report.tracking_id}/"
    link = f"/petugas/federasi/teruskan/{report.tracking_id}/"
    coordinator = client_for(demo.users["kapuas.koordinator"])
    assert link not in coordinator.get(page).content.decode()  # no peer configured yet

    make_peer(demo)
    assert link in coordinator.get(page).content.decode()
    # Someone who may not forward does not see it, nor does anyone once the peer is off.
    assert link not in client_for(demo.users["kapuas.kasi"]).get(page).content.decode()
    Peer.objects.update(is_active=False)
    assert link not in coordinator.get(page).content.decode()
