from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.citizen import files
from tests.conftest import client_for
from tuntas.citizen.forms import issue_form_token
from tuntas.citizen.proof import SESSION_KEY
from tuntas.reference.models import Category, Classification, Region
from tuntas.reports.access_codes import verify_access_code
from tuntas.reports.models import Attachment, AttachmentKind, Report, Status

SUBMIT = "/lapor/"


def form_data(demo: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "pemda": demo.orgs["kapuas"].pk,
        "classification": Classification.objects.get(code="complaint").pk,
        "category": Category.objects.get(name="Jalan rusak").pk,
        "title": "Jalan berlubang di depan SDN 1 Selat",
        "description": "Jalan di depan SDN 1 Selat berlubang besar sejak dua minggu lalu.",
        "incident_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "location_text": "Jl. Tambun Bungai, Selat",
        "region": Region.objects.get(code="62.03.01").pk,
        "requested_agency": demo.orgs["kapuas-pupr"].pk,
        "is_anonymous": "on",
        "is_confidential": "on",
        "reporter_name": "Ahmad Warga",
        "reporter_nik": "6203010101900001",
        "reporter_phone": "0812 3456 7890",
        "reporter_email": "ahmad@example.com",
        "form_token": issue_form_token(),
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def test_the_form_defaults_to_anonymous_and_confidential(demo):
    response = client_for(None).get(SUBMIT)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("is_anonymous", "is_confidential"):
        tag = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', html)
        assert tag is not None and " checked" in tag.group(0)
    assert 'name="reporter_name"' in html
    tag = re.search(r'<input type="file" name="attachments"[^>]*>', html)
    assert tag is not None and " multiple" in tag.group(0)
    assert "<optgroup" in html  # categories grouped by topic


def test_a_signed_in_citizen_is_not_asked_for_contact_details(demo):
    html = client_for(demo.users["warga"]).get(SUBMIT).content.decode()
    assert 'name="reporter_name"' not in html
    assert "Siti Rahmawati" in html


def test_it_submits_without_an_account_and_shows_tracking_id_and_code_once(demo):
    client = client_for(None)
    response = client.post(SUBMIT, form_data(demo))
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:submitted")
    report = Report.objects.get()
    assert report.status == Status.SUBMITTED
    assert report.reporter is None
    assert report.reporter_name == "Ahmad Warga"
    assert report.reporter_email == "ahmad@example.com"
    assert report.channel.code == "web"
    assert report.is_anonymous and report.is_confidential
    assert report.requested_agency == demo.orgs["kapuas-pupr"]

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert report.tracking_id in html
    code = receipt.context["receipt"]["access_code"]
    assert code in html
    assert verify_access_code(code, report.access_code_hash)

    again = client.get(response["Location"])  # the code is shown only once
    assert again.status_code == 302
    assert code not in client.get(again["Location"]).content.decode()

    # The submitting session has proven the code: it may open the report at once.
    assert report.tracking_id in client.session[SESSION_KEY]
    page = client.get(reverse("citizen:report", args=[report.tracking_id]))
    assert page.status_code == 200
    assert "Jalan berlubang" in page.content.decode()


def test_a_signed_in_citizens_report_is_linked_to_the_account(demo):
    warga = demo.users["warga"]
    client = client_for(warga)
    data = form_data(demo)
    for key in ("reporter_name", "reporter_nik", "reporter_phone", "reporter_email"):
        data.pop(key)
    response = client.post(SUBMIT, data)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.reporter == warga
    assert report.reporter_name == ""
    assert client.get(response["Location"]).status_code == 200
    assert report in Report.objects.filter(reporter=warga)
    listing = client.get(reverse("citizen:my_reports")).content.decode()
    assert report.tracking_id in listing


def test_unchecked_privacy_boxes_are_respected(demo):
    data = form_data(demo, is_anonymous=None, is_confidential=None)
    assert client_for(None).post(SUBMIT, data).status_code == 302
    report = Report.objects.get()
    assert not report.is_anonymous
    assert not report.is_confidential


def test_attachments_are_checked_and_stored_as_evidence(demo):
    data = form_data(demo, attachments=[files.png(), files.jpeg(), files.pdf()])
    response = client_for(None).post(SUBMIT, data)
    assert response.status_code == 302
    report = Report.objects.get()
    stored = list(Attachment.objects.filter(report=report))
    assert [a.kind for a in stored] == [AttachmentKind.EVIDENCE] * 3
    assert {a.content_type for a in stored} == {"image/png", "image/jpeg", "application/pdf"}
    tid = report.tracking_id
    assert [a.original_name for a in stored] == [f"{tid}-1.png", f"{tid}-2.jpg", f"{tid}-3.pdf"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", ""),
        ({"description": ""}, "description", ""),
        ({"description": "Terlalu pendek"}, "description", "minimal 20 karakter"),
        ({"title": "Jln"}, "title", "minimal 5 karakter"),
        ({"incident_date": "2999-01-01"}, "incident_date", "masa depan"),
        ({"incident_date": "kemarin"}, "incident_date", ""),
        ({"reporter_nik": "12345"}, "reporter_nik", "16 angka"),
        ({"reporter_nik": "62030101019000AB"}, "reporter_nik", "16 angka"),
        ({"reporter_phone": "", "reporter_email": ""}, "reporter_email", "e-mail atau nomor"),
        ({"reporter_email": "bukan-email"}, "reporter_email", ""),
        ({"reporter_phone": "telepon saya"}, "reporter_phone", "tidak valid"),
        ({"pemda": ""}, "pemda", ""),
        ({"pemda": "999999"}, "pemda", ""),
        ({"category": "999999"}, "category", ""),
        ({"region": "999999"}, "region", ""),
    ],
)
def test_bad_input_is_refused_with_400_and_nothing_is_created(demo, overrides, field, message):
    response = client_for(None).post(SUBMIT, form_data(demo, **overrides))
    assert response.status_code == 400
    assert Report.objects.count() == 0
    errors = response.context["form"].errors
    assert field in errors, errors
    if message:
        assert message in " ".join(errors[field])
    assert message in response.content.decode()


def test_a_region_of_another_pemda_is_refused(demo):
    other = Region.objects.get(code="32.10.01")  # Majalengka
    response = client_for(None).post(SUBMIT, form_data(demo, region=other.pk))
    assert response.status_code == 400
    assert "region" in response.context["form"].errors
    assert Report.objects.count() == 0


def test_a_target_agency_of_another_pemda_is_refused(demo):
    data = form_data(demo, requested_agency=demo.orgs["majalengka-pupr"].pk)
    response = client_for(None).post(SUBMIT, data)
    assert response.status_code == 400
    assert "requested_agency" in response.context["form"].errors
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "upload",
    [files.disguised_pdf, files.text_as_png],
    ids=["pdf-named-foto.jpg", "text-named-x.png"],
)
def test_a_disguised_file_is_refused(demo, upload):
    response = client_for(None).post(SUBMIT, form_data(demo, attachments=[upload()]))
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert Report.objects.count() == 0
    assert Attachment.objects.count() == 0


@override_settings(TUNTAS_MAX_UPLOAD_BYTES=1000)
def test_an_oversized_file_is_refused(demo):
    big = SimpleUploadedFile("surat.pdf", files.PDF + b"0" * 2000, "application/pdf")
    response = client_for(None).post(SUBMIT, form_data(demo, attachments=[big]))
    assert response.status_code == 400
    assert "terlalu besar" in " ".join(response.context["form"].errors["attachments"])
    assert Report.objects.count() == 0


@override_settings(TUNTAS_MAX_ATTACHMENTS=2)
def test_too_many_files_are_refused(demo):
    uploads = [files.png("a.png"), files.png("b.png"), files.png("c.png")]
    response = client_for(None).post(SUBMIT, form_data(demo, attachments=uploads))
    assert response.status_code == 400
    assert "Maksimal 2 lampiran" in " ".join(response.context["form"].errors["attachments"])
    assert Report.objects.count() == 0


def test_the_home_page_explains_the_flow_and_links_to_the_forms(demo):
    response = client_for(None).get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for word in ("Mudah", "Terpadu", "Tuntas"):
        assert word in html
    for name in ("citizen:submit", "citizen:track", "citizen:public_list"):
        assert f'href="{reverse(name)}"' in html


def test_a_signed_out_reporter_needs_only_an_email_or_a_phone(demo):
    """README step 1: signed out, giving an e-mail address and nothing else of themselves."""
    page = client_for(None).get(SUBMIT).content.decode()
    name_label = re.search(r'<label for="id_reporter_name">.*?</label>', page, re.S)
    phone_label = re.search(r'<label for="id_reporter_phone">.*?</label>', page, re.S)
    email_label = re.search(r'<label for="id_reporter_email">.*?</label>', page, re.S)
    assert name_label and "(opsional)" in name_label.group(0)
    for label in (phone_label, email_label):
        assert label and "(salah satu wajib)" in label.group(0)
        assert "opsional" not in label.group(0)
    assert "Nama dan NIK boleh dikosongkan" in page

    only_email = form_data(demo, reporter_name="", reporter_nik="", reporter_phone="")
    assert client_for(None).post(SUBMIT, only_email).status_code == 302
    only_phone = form_data(demo, reporter_name="", reporter_nik="", reporter_email="")
    assert client_for(None).post(SUBMIT, only_phone).status_code == 302
    names = sorted(Report.objects.values_list("reporter_name", "reporter_email", "reporter_phone"))
    assert names == [("", "", "0812 3456 7890"), ("", "ahmad@example.com", "")]
    neither = form_data(demo, reporter_name="Ahmad", reporter_email="", reporter_phone="")
    refused = client_for(None).post(SUBMIT, neither)
    assert refused.status_code == 400 and Report.objects.count() == 2
    assert "Isi e-mail atau nomor telepon" in refused.content.decode()
