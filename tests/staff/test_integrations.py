"""The staff header keeps the developer settings under one "Integrasi" entry; its page
lists, in plain words, the connections the signed-in person may set up."""

from __future__ import annotations

import pytest
from lxml import html

from tests.conftest import client_for
from tuntas.demo.builder import Demo

pytestmark = pytest.mark.django_db
PAGE = "/petugas/integrasi/"


def header_links(page: bytes) -> dict[str, str]:
    tree = html.fromstring(page)
    return {
        " ".join(a.text_content().split()): a.get("href")
        for a in tree.xpath("//nav[contains(@class,'site-nav')]//a")
    }


def test_the_coordinator_header_has_one_integration_entry(demo: Demo) -> None:
    links = header_links(client_for(demo.users["kapuas.koordinator"]).get("/petugas/").content)
    assert links["Integrasi"] == PAGE
    for developer_term in ("Webhook", "Kunci API", "Federasi"):
        assert developer_term not in links
    assert len(links) <= 8  # 11 before: the header stays short enough for a phone


def test_the_integration_page_lists_each_connection_in_plain_words(demo: Demo) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get(PAGE)
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    entries = {
        a.text_content(): a.get("href")
        for a in tree.xpath("//ul[contains(@class,'integrations')]//a")
    }
    assert entries == {
        "Webhook": "/petugas/webhook/",
        "Kunci API": "/petugas/kunci-api/",
        "Federasi": "/petugas/federasi/",
    }
    assert "Meneruskan dan menerima laporan dari instansi lain" in response.content.decode()
    current = tree.xpath("//nav[contains(@class,'site-nav')]//a[@aria-current='page']/text()")
    assert current == ["Integrasi"]


@pytest.mark.parametrize("path", ["/petugas/webhook/", "/petugas/kunci-api/", "/petugas/federasi/"])
def test_the_entry_stays_marked_on_each_connection_s_pages(demo: Demo, path: str) -> None:
    page = client_for(demo.users["kapuas.koordinator"]).get(path)
    assert page.status_code == 200
    tree = html.fromstring(page.content)
    current = tree.xpath("//nav[contains(@class,'site-nav')]//a[@aria-current='page']/text()")
    assert current == ["Integrasi"]


@pytest.mark.parametrize("persona", ["kapuas.pupr.penghubung", "kapuas.pupr.staf"])
def test_agency_staff_neither_see_nor_open_it(demo: Demo, persona: str) -> None:
    client = client_for(demo.users[persona])
    assert "Integrasi" not in header_links(client.get("/petugas/").content)
    refused = client.get(PAGE)
    assert refused.status_code == 403
    assert "hanya untuk admin koordinator dan admin nasional" in refused.content.decode()


def test_citizens_and_visitors_cannot_open_it(demo: Demo) -> None:
    assert client_for(demo.users["warga"]).get(PAGE).status_code == 403
    anonymous = client_for(None).get(PAGE)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]
    assert client_for(demo.users["kapuas.koordinator"]).post(PAGE).status_code == 405
