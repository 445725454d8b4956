"""A real third-party Open311 client (PyPI ``georeport`` 0.3.1) reads our server.

The client has no POST method, so creating requests is covered by ``test_post.py``.
"""

from __future__ import annotations

import pytest
from georeport import GeoReport

from tests.open311.conftest import public_report
from tuntas.reference.models import Category
from tuntas.reports.models import Status


@pytest.fixture
def world(demo, live_server):
    open_one = public_report(demo, Status.DISPOSED)
    closed_one = public_report(demo, Status.CLOSED)
    public_report(demo, Status.DISPOSED)  # a third, so lists have several items
    return {"open": open_one, "closed": closed_one, "root": f"{live_server.url}/open311/v2"}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_client_reads_services_and_a_definition(world, fmt):
    client = GeoReport(world["root"], jurisdiction="kapuas", output_format=fmt)
    services = client.get_service_list()
    names = [s["service_name"] for s in services]
    assert "Jalan rusak" in names
    assert "Sampah" not in names  # a Bangkalan category
    code = str(Category.objects.get(name="Jalan rusak").pk)
    definition = client.get_service_definition(code)
    assert definition["service_code"] == code
    attributes = definition["attributes"]
    if fmt == "xml":
        attributes = attributes["attribute"]
    codes = [a["code"] for a in attributes]
    assert codes == ["classification", "incident_date", "anonymous", "confidential"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_client_reads_requests(world, fmt):
    client = GeoReport(world["root"], jurisdiction="kapuas", output_format=fmt)
    rows = client.get_service_requests()
    assert len(rows) == 3
    closed = client.get_service_requests(status="closed")
    if isinstance(closed, dict):  # xmltodict gives one item as a dict
        closed = [closed]
    assert [r["service_request_id"] for r in closed] == [world["closed"].tracking_id]
    both = client.get_service_requests(
        service_request_id=f"{world['open'].tracking_id},{world['closed'].tracking_id}"
    )
    assert {r["service_request_id"] for r in both} == {
        world["open"].tracking_id,
        world["closed"].tracking_id,
    }
    one = client.get_service_request(world["open"].tracking_id)
    assert one["service_request_id"] == world["open"].tracking_id
    assert one["status"] == "open"
    assert one["agency_responsible"] == "Dinas Pekerjaan Umum dan Penataan Ruang Kab. Kapuas"


def test_the_client_sees_errors_as_http_errors(world):
    import requests

    client = GeoReport(world["root"], jurisdiction="kapuas")
    with pytest.raises(requests.HTTPError) as exc:
        client.get_service_request("LPR-0000-NOPE")
    assert exc.value.response is not None
    assert exc.value.response.status_code == 404
    assert exc.value.response.json()[0]["code"] == 404
    no_jurisdiction = GeoReport(world["root"])
    with pytest.raises(requests.HTTPError) as exc:
        no_jurisdiction.get_service_list()
    assert exc.value.response is not None
    assert exc.value.response.status_code == 400
