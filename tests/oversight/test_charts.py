"""The bar charts of the daily recap and the quarterly report draw their bars: every
length is an SVG number (a decimal point), never the locale's ``230,0``, which a browser
reads as no width at all."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from lxml import etree, html

from tests.conftest import client_for
from tests.oversight.helpers import past_quarter, quarter_reports
from tuntas.demo.builder import Demo
from tuntas.oversight import actions
from tuntas.oversight.charts import bar_chart, coordinate

pytestmark = pytest.mark.django_db
SVG_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
NUMERIC = ("x", "y", "width", "height")


def bar_widths(page: bytes) -> list[float]:
    """The widths of every bar drawn; fails on any coordinate an SVG cannot read."""
    tree = html.fromstring(page)
    svgs = tree.xpath("//figure[@class='chart']/svg")
    assert svgs, "no chart on the page"
    widths = []
    for svg in svgs:
        view_box = svg.get("viewbox") or svg.get("viewBox")
        assert all(SVG_NUMBER.match(n) for n in view_box.split()), view_box
        for node in svg.iter():
            if not isinstance(node.tag, str):
                continue
            for name in NUMERIC:
                value = node.get(name)
                if value is not None and value != "100%":
                    assert SVG_NUMBER.match(value), etree.tostring(node)
            if node.tag == "rect":
                widths.append(float(node.get("width")))
    return widths


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_recap_charts_draw_bars(demo: Demo, language: str) -> None:
    quarter_reports(demo)
    _year, _quarter, moment = past_quarter(demo)
    client = client_for(demo.users["kapuas.kasi"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(
        f"/petugas/pengawasan/rekap-harian/?organisasi={demo.orgs['kapuas'].pk}"
        f"&tanggal={moment.date().isoformat()}"
    )
    assert page.status_code == 200
    widths = bar_widths(page.content)
    assert widths and all(w > 0 for w in widths)
    assert max(widths) == 230  # the largest figure fills the bar space


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_quarterly_charts_draw_bars(demo: Demo, language: str) -> None:
    year, quarter, _reports = quarter_reports(demo)
    report = actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"],
        year=year,
        quarter=quarter,
        actor=demo.users["kapuas.koordinator"],
    )
    client = client_for(demo.users["kapuas.koordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/petugas/pengawasan/triwulan/{report.pk}/")
    assert page.status_code == 200
    widths = bar_widths(page.content)
    assert widths and all(w > 0 for w in widths)


def test_coordinates_are_written_with_a_point() -> None:
    assert coordinate(230.0) == "230" and coordinate(76.66) == "76.7" and coordinate(1) == "1"
    chart = bar_chart("Kanal", [("Web", 3), ("WhatsApp", 1)])
    assert chart is not None
    assert [b.width for b in chart.bars] == ["230", "76.7"]
    assert [b.value_x for b in chart.bars] == ["234", "80.7"]
