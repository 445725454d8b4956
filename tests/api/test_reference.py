"""Reference data is public and filterable."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error


@pytest.mark.parametrize(
    "path",
    [
        "/api/pemda/",
        "/api/agencies/",
        "/api/classifications/",
        "/api/categories/",
        "/api/channels/",
        "/api/regions/",
    ],
)
def test_reference_lists_need_no_account(demo, anon, path):
    assert anon.get(path).status_code == 200


def test_it_lists_pemda_by_code(demo, anon):
    codes = [p["code"] for p in anon.get("/api/pemda/").json()]
    assert {"kapuas", "majalengka", "bangkalan"} <= set(codes)


def test_agencies_of_one_pemda_come_with_their_divisions(demo, anon):
    rows = anon.get("/api/agencies/?pemda=kapuas").json()
    assert {r["pemda"] for r in rows} == {"kapuas"}
    pupr = next(r for r in rows if r["code"] == "kapuas-pupr")
    assert {d["code"] for d in pupr["divisions"]} == {
        "kapuas-pupr-binamarga",
        "kapuas-pupr-ciptakarya",
    }


def test_an_unknown_pemda_filter_is_400(demo, anon):
    error = assert_error(anon.get("/api/agencies/?pemda=atlantis"), 400, "validation_error")
    assert error["fields"] == {"pemda": ['Kode "atlantis" tidak dikenal.']}


def test_regions_are_paginated_and_filtered(demo, anon):
    body = anon.get("/api/regions/?pemda=kapuas&level=district&limit=2").json()
    assert body["count"] == 3
    assert [r["code"] for r in body["results"]] == ["62.03.01", "62.03.02"]
    assert body["results"][0]["parent"] == "62.03"


def test_categories_name_their_topic(demo, anon):
    rows = anon.get("/api/categories/").json()
    road = next(r for r in rows if r["name"] == "Jalan rusak")
    assert road["full_name"] == "Infrastruktur › Jalan rusak"
    assert road["parent"] is not None


def test_channels_say_which_are_typed_in_by_staff(demo, anon):
    rows = {r["code"]: r for r in anon.get("/api/channels/").json()}
    assert rows["whatsapp"]["is_outside_system"] is True
    assert rows["api"]["is_outside_system"] is False
