"""The federation pages in a real browser: no sideways scrolling on a 360 px phone and
no serious axe-core violations (skipped where chromium is not installed)."""

from __future__ import annotations

from tests.e2e.browser import PHONE, Site, axe_violations, sideways_overflow
from tests.federation.conftest import make_peer
from tests.federation.test_forward import not_in_authority
from tuntas.demo.builder import build_demo
from tuntas.federation.actions import forward_to_peer
from tuntas.reports.actions import Actor


def test_federation_pages_fit_a_phone_and_pass_axe(site: Site) -> None:
    demo = build_demo()
    peer = make_peer(demo, name="Tuntas Provinsi Kalimantan Tengah dengan nama panjang")
    waiting = not_in_authority(demo)
    forward_to_peer(
        not_in_authority(demo), actor=Actor(user=demo.users["kapuas.koordinator"]), peer=peer.peer
    )
    page = site.page(user="kapuas.koordinator", viewport=PHONE)
    problems: list[str] = []
    for path in (
        "/petugas/federasi/",
        "/petugas/federasi/instansi/baru/",
        f"/petugas/federasi/instansi/{peer.peer.pk}/",
        f"/petugas/federasi/teruskan/{waiting.tracking_id}/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        if overflow := sideways_overflow(page):
            problems.append(f"{path}: {overflow}px too wide")
        problems += [f"{path}: {v}" for v in axe_violations(page)]
    assert not problems, "\n".join(problems)
