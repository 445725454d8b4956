"""Typing in outside-channel reports (seed 003 SOP 5 and 6)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import client_for
from tests.staff.helpers import body, fake_jpg, png
from tuntas.organisations.models import Membership, Role
from tuntas.reference.models import Category, Channel, Classification, Region
from tuntas.reports.access_codes import verify_access_code
from tuntas.reports.models import Assignment, AssignmentState, DraftState, FollowUp, Report, Status


def _match(pattern: str, html: str, group: int = 0) -> str:
    found = re.search(pattern, html)
    assert found is not None, pattern
    return found.group(group)


def form_data(**overrides):
    data = {
        "channel": Channel.objects.get(code="whatsapp").pk,
        "classification": Classification.objects.get(code="complaint").pk,
        "category": Category.objects.get(name="Jalan rusak").pk,
        "title": "Jalan amblas di Kapuas Hilir",
        "description": "Lewat WhatsApp: jalan amblas sepanjang 5 meter sejak hujan deras.",
        "location_text": "Jl. Pemuda, Kapuas Hilir",
        "reporter_name": "Pak Darto",
        "reporter_phone": "0812 3456 7890",
        "is_anonymous": "on",
        "is_confidential": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(demo, username, data):
    client = client_for(demo.users[username])
    return client, client.post("/petugas/input/", data)


def test_form_defaults_to_anonymous_and_confidential_and_offers_outside_channels_only(demo):
    html = body(client_for(demo.users["kapuas.koordinator"]).get("/petugas/input/"))
    for name in ("is_anonymous", "is_confidential"):
        assert "checked" in _match(rf'<input[^>]*name="{name}"[^>]*>', html, 0)
    channel = html[html.index('name="channel"') :]
    channel = channel[: channel.index("</select>")]
    assert "WhatsApp" in channel and "Surat kabar" in channel
    assert "Situs web" not in channel and "Aplikasi seluler" not in channel
    assert "Sudah selesai ditindaklanjuti?" in html


def test_coordinator_intake_enters_verified_and_shows_the_codes_once(demo):
    client, response = submit(demo, "kapuas.koordinator", form_data(attachments=[png()]))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Status.VERIFIED
    assert report.pemda == demo.orgs["kapuas"]
    assert report.created_by == demo.users["kapuas.koordinator"]
    assert report.reporter_name == "Pak Darto" and report.is_anonymous and report.is_confidential
    assert report.attachments.count() == 1
    done = client.get(response["Location"])
    html = body(done)
    assert report.tracking_id in html
    code = _match(r'Kode akses</dt><dd><span class="code-box">([A-Z0-9]+)<', html, 1)
    assert verify_access_code(code, report.access_code_hash)
    # Shown once: a reload goes back to the form.
    again = client.get(response["Location"])
    assert again.status_code == 302 and again["Location"] == "/petugas/input/"


def test_liaison_admin_intake_enters_accepted_by_their_agency(demo):
    _, response = submit(demo, "kapuas.pupr.admin", form_data())
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Status.ACCEPTED
    assert report.lead_agency == demo.orgs["kapuas-pupr"]
    lead = Assignment.objects.get(report=report)
    assert lead.is_lead and lead.state == AssignmentState.ACCEPTED


def test_intake_with_a_solved_answer_enters_followed_up(demo):
    answer = "Sudah ditimbun dan diratakan oleh UPT Jalan pada hari yang sama."
    _, response = submit(
        demo, "kapuas.koordinator", form_data(already_solved="on", solved_answer=answer)
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Status.FOLLOWED_UP
    assert FollowUp.objects.get(report=report, state=DraftState.PUBLISHED).body == answer


def test_coordinator_who_is_also_liaison_admin_elsewhere_picks_the_organisation(demo):
    Membership.objects.create(
        user=demo.users["kapuas.koordinator"],
        organisation=demo.orgs["majalengka-disporbudpar"],
        role=Role.LIAISON_ADMIN,
    )
    client = client_for(demo.users["kapuas.koordinator"])
    html = body(client.get("/petugas/input/"))
    picker = html[html.index('name="organisation"') :]
    picker = picker[: picker.index("</select>")]
    assert "Pemerintah Kabupaten Kapuas" in picker
    assert "Dinas Pemuda, Olahraga, Kebudayaan dan Pariwisata" in picker
    response = client.post(
        "/petugas/input/",
        form_data(organisation=demo.orgs["majalengka-disporbudpar"].pk, category=""),
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Status.ACCEPTED
    assert report.pemda == demo.orgs["majalengka"]
    assert report.lead_agency == demo.orgs["majalengka-disporbudpar"]


def test_a_choice_is_required_when_the_user_may_intake_for_several_organisations(demo):
    Membership.objects.create(
        user=demo.users["kapuas.koordinator"],
        organisation=demo.orgs["majalengka-disporbudpar"],
        role=Role.LIAISON_ADMIN,
    )
    _, response = submit(demo, "kapuas.koordinator", form_data())
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_an_organisation_the_user_does_not_serve_is_refused(demo):
    _, response = submit(
        demo, "kapuas.koordinator", form_data(organisation=demo.orgs["majalengka"].pk)
    )
    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Aduh"}, "title"),
        ({"description": "Jalan rusak."}, "description"),
        ({"channel": "web"}, "channel"),
        ({"reporter_nik": "12345"}, "reporter_nik"),
        ({"reporter_phone": "telepon saya"}, "reporter_phone"),
        ({"reporter_email": "bukan-email"}, "reporter_email"),
        ({"incident_date": "2999-01-01"}, "incident_date"),
        ({"already_solved": "on", "solved_answer": ""}, "solved_answer"),
        ({"solved_answer": "Sudah beres"}, "already_solved"),
        ({"attachments": "fake"}, "attachments"),
        ({"region": "other-pemda"}, "region"),
    ],
)
def test_bad_input_is_400_with_the_field_marked_and_nothing_saved(demo, overrides, field):
    if overrides.get("channel") == "web":
        overrides["channel"] = Channel.objects.get(code="web").pk
    if overrides.get("attachments") == "fake":
        overrides["attachments"] = [fake_jpg()]
    if overrides.get("region") == "other-pemda":
        overrides["region"] = Region.objects.get(code="32.10.01").pk  # Majalengka
    _, response = submit(demo, "kapuas.koordinator", form_data(**overrides))
    assert response.status_code == 400
    html = body(response)
    assert f'id="id_intake_{field}_error"' in html, field
    assert 'class="msg msg-error"' in html
    assert not Report.objects.exists()


def test_a_region_of_the_own_pemda_is_accepted(demo):
    region = Region.objects.get(code="62.03.02")
    _, response = submit(demo, "kapuas.koordinator", form_data(region=region.pk))
    assert response.status_code == 302
    assert Report.objects.get().region == region


def test_intake_done_without_a_fresh_intake_goes_back_to_the_form(demo):
    response = client_for(demo.users["kapuas.koordinator"]).get("/petugas/input/selesai/")
    assert response.status_code == 302 and response["Location"] == "/petugas/input/"


def test_agency_head_may_not_intake(demo):
    _, response = submit(demo, "kapuas.pupr.kadis", form_data())
    assert response.status_code == 403
    assert not Report.objects.exists()
