from __future__ import annotations

from django.test import Client


def test_pages_are_indonesian_even_for_an_english_browser(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "id"


def test_the_language_switch_chooses_english(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert client.get("/").headers["Content-Language"] == "en"


def test_api_clients_may_ask_for_english(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/classifications/")
    assert response.headers["Content-Language"] == "en"


def test_an_unknown_page_gets_the_indonesian_404_page(db, settings):
    settings.DEBUG = False
    response = Client().get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
