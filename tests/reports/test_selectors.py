"""The shared read rules of ``tuntas.reports.selectors``, tested directly.

The citizen pages and the API both call these; their own tests check the pages.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Exists
from django.utils import timezone
from PIL import Image

from tests.pdfs import minimal_pdf
from tests.reports.helpers import make_report, report_input
from tuntas.demo.builder import Demo
from tuntas.reference.models import Category
from tuntas.reports import access_codes, actions, selectors
from tuntas.reports.access_codes import hash_access_code
from tuntas.reports.actions import Actor
from tuntas.reports.models import (
    PUBLIC_STATUSES,
    AttachmentKind,
    DraftState,
    Message,
    MessageKind,
    Report,
    Status,
)
from tuntas.reports.uploads import check_uploads, store
from tuntas.standards.models import Step

CODE = "KODE2345"
PDF = minimal_pdf()


def png(name: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def shown(report: Report) -> Report:
    """Not rahasia (the default is rahasia)."""
    Report.objects.filter(pk=report.pk).update(is_confidential=False)
    report.refresh_from_db()
    return report


def tracking_ids(reports: object) -> set[str]:
    return {r.tracking_id for r in reports}  # type: ignore[attr-defined]


# ---------------------------------------------------------------- public


@pytest.mark.parametrize("status", [Status.VERIFIED, Status.DISPOSED, Status.CLOSED])
def test_a_public_status_that_is_not_rahasia_is_public(demo: Demo, status: Status) -> None:
    report = shown(make_report(demo, status))
    assert report.tracking_id in tracking_ids(selectors.public_reports())
    assert selectors.find_public_report(report.tracking_id) == report


@pytest.mark.parametrize("status", [Status.VERIFIED, Status.FOLLOWED_UP])
def test_rahasia_is_never_public(demo: Demo, status: Status) -> None:
    report = make_report(demo, status)
    assert report.is_confidential
    assert report.tracking_id not in tracking_ids(selectors.public_reports())
    assert selectors.find_public_report(report.tracking_id) is None


@pytest.mark.parametrize(
    "status",
    [Status.SUBMITTED, Status.ON_HOLD, Status.NOT_IN_AUTHORITY, Status.ARCHIVED],
)
def test_a_status_before_verification_or_set_aside_is_not_public(
    demo: Demo, status: Status
) -> None:
    assert status not in PUBLIC_STATUSES
    report = shown(make_report(demo, status))
    assert report.tracking_id not in tracking_ids(selectors.public_reports())
    assert selectors.find_public_report(report.tracking_id) is None


def test_public_reports_are_newest_first(demo: Demo) -> None:
    now = timezone.now()
    older = shown(make_report(demo, Status.VERIFIED, now=now - timedelta(days=2)))
    newer = shown(make_report(demo, Status.VERIFIED, now=now - timedelta(days=1)))
    ids = [r.tracking_id for r in selectors.public_reports()]
    assert ids.index(newer.tracking_id) < ids.index(older.tracking_id)


def test_filter_public_by_pemda_status_and_parent_category(demo: Demo) -> None:
    report = shown(make_report(demo, Status.VERIFIED))
    assert report.category is not None
    everything = selectors.public_reports()
    kapuas, other = demo.orgs["kapuas"], demo.orgs["bangkalan"]

    def ids(**filters: object) -> set[str]:
        return tracking_ids(selectors.filter_public(everything, **filters))  # type: ignore[arg-type]

    assert report.tracking_id in ids(pemda=kapuas)
    assert report.tracking_id not in ids(pemda=other)
    assert report.tracking_id in ids(status=Status.VERIFIED)
    assert report.tracking_id not in ids(status=Status.CLOSED)
    topic = report.category.parent
    assert topic is not None  # "Infrastruktur › Jalan rusak"
    assert report.tracking_id in ids(category=report.category)
    assert report.tracking_id in ids(category=topic)  # a topic matches its subtopics
    other_topic = Category.objects.filter(parent__isnull=True).exclude(pk=topic.pk).first()
    assert other_topic is not None
    assert report.tracking_id not in ids(category=other_topic)


# ---------------------------------------------------------------- own reports


def test_own_reports_are_the_accounts_own_only(demo: Demo) -> None:
    mine = make_report(demo, Status.SUBMITTED)
    theirs = actions.submit_report(
        report_input(demo), actor=Actor.reporter(demo.users["warga2"])
    ).report
    assert tracking_ids(selectors.own_reports(demo.users["warga"])) == {mine.tracking_id}
    assert tracking_ids(selectors.own_reports(demo.users["warga2"])) == {theirs.tracking_id}
    # Staff who see the report in their scope did not file it.
    assert not selectors.own_reports(demo.users["kapuas.koordinator"]).exists()


# ---------------------------------------------------------------- the access code


def with_code(report: Report, code: str = CODE) -> Report:
    Report.objects.filter(pk=report.pk).update(access_code_hash=make_password(code))
    return report


def test_the_right_code_gives_the_report(demo: Demo) -> None:
    report = with_code(make_report(demo, Status.SUBMITTED))
    assert selectors.report_by_access_code(report.tracking_id, CODE) == report


def test_the_code_an_anonymous_submission_was_given_works(demo: Demo) -> None:
    submitted = actions.submit_report(
        report_input(demo, reporter_email="a@b.id"), actor=Actor.reporter(None)
    )
    found = selectors.report_by_access_code(submitted.report.tracking_id, submitted.access_code)
    assert found == submitted.report


def test_a_wrong_code_gives_nothing(demo: Demo) -> None:
    report = with_code(make_report(demo, Status.SUBMITTED))
    assert selectors.report_by_access_code(report.tracking_id, "XXXX9999") is None
    assert selectors.report_by_access_code(report.tracking_id, "") is None
    # Another report's code does not open this one.
    other = with_code(make_report(demo, Status.SUBMITTED), "LAIN2345")
    assert selectors.report_by_access_code(report.tracking_id, "LAIN2345") is None
    assert selectors.report_by_access_code(other.tracking_id, "LAIN2345") == other


def test_a_report_without_a_code_cannot_be_opened_by_code(demo: Demo) -> None:
    report = make_report(demo, Status.SUBMITTED)
    Report.objects.filter(pk=report.pk).update(access_code_hash="")
    assert selectors.report_by_access_code(report.tracking_id, CODE) is None


def test_an_unknown_id_gives_nothing_but_still_spends_one_hmac(demo: Demo) -> None:
    """The same work for an unknown ID as for a wrong code, and no password hash at all."""
    report = make_report(demo, Status.SUBMITTED)
    Report.objects.filter(pk=report.pk).update(access_code_hash=hash_access_code(CODE))
    with (
        mock.patch.object(access_codes, "_digest", wraps=access_codes._digest) as digested,
        mock.patch.object(access_codes, "check_password", wraps=check_password) as slow,
    ):
        assert selectors.report_by_access_code("LPR-0000-NOSUCH", CODE) is None
        assert digested.call_count == 1
        assert selectors.report_by_access_code(report.tracking_id, "XXXX9999") is None
        assert digested.call_count == 2
    assert slow.call_count == 0


# ---------------------------------------------------------------- what the reporter reads


def report_with_every_kind_of_file(demo: Demo) -> Report:
    """Evidence and completion (the reporter's), a field check with photo and Berita
    Acara, and a follow-up draft with a file, not yet published."""
    report = make_report(demo, Status.IN_DIVISION)
    now = timezone.now()
    store(
        report, check_uploads([png("bukti.png")]), kind=AttachmentKind.EVIDENCE, user=None, now=now
    )
    store(
        report,
        check_uploads([pdf("lengkap.pdf")]),
        kind=AttachmentKind.COMPLETION,
        user=None,
        now=now,
    )
    staff = demo.users["kapuas.pupr.staf"]
    actions.record_field_check(
        report,
        actor=Actor(user=staff),
        visited_on=timezone.localdate() - timedelta(days=1),
        location="Depan SDN 1 Selat",
        findings="Lubang 1 m, kedalaman 20 cm.",
        conclusion="Ditambal minggu ini.",
        ba_number="BA/001/2026",
        photos=check_uploads([png("rumah-pelapor.png")], "photos"),
        official_record=check_uploads([pdf("ba.pdf")], "official_record"),
    )
    actions.submit_draft(
        report,
        actor=Actor(user=staff),
        body="Jalan sudah ditambal oleh Bidang Bina Marga.",
        attachments=check_uploads([png("hasil.png")]),
    )
    report.refresh_from_db()
    return report


# Files are stored under neutral names (``<tracking ID>-<n>.<ext>``, n in upload order);
# the uploaded names of report_with_every_kind_of_file, by n, tell them apart here.
UPLOADED = {1: "bukti.png", 2: "lengkap.pdf", 3: "rumah-pelapor.png", 4: "ba.pdf", 5: "hasil.png"}


def names(attachments: object) -> set[str]:
    found = set()
    for a in attachments:  # type: ignore[attr-defined]
        number = int(a.original_name.rsplit("-", 1)[1].split(".")[0])
        assert a.original_name == f"{a.report.tracking_id}-{number}.{UPLOADED[number][-3:]}"
        found.add(UPLOADED[number])
    return found


def test_reporter_attachments_never_include_field_photos_berita_acara_or_drafts(
    demo: Demo,
) -> None:
    report = report_with_every_kind_of_file(demo)
    assert names(report.attachments.all()) == {
        "bukti.png",
        "lengkap.pdf",
        "rumah-pelapor.png",
        "ba.pdf",
        "hasil.png",
    }
    assert names(selectors.reporter_attachments(report)) == {"bukti.png", "lengkap.pdf"}
    assert names(selectors.own_attachments(report)) == {"bukti.png", "lengkap.pdf"}
    assert not selectors.published_followups(report).exists()


def test_a_published_follow_ups_files_become_the_reporters_to_open(demo: Demo) -> None:
    report = report_with_every_kind_of_file(demo)
    actions.approve_draft(report, actor=Actor(user=demo.users["kapuas.pupr.kadis"]))
    actions.publish_followup(report, actor=Actor(user=demo.users["kapuas.pupr.admin"]))
    assert names(selectors.reporter_attachments(report)) == {
        "bukti.png",
        "lengkap.pdf",
        "hasil.png",
    }
    # Still only the reporter's own files count as theirs.
    assert names(selectors.own_attachments(report)) == {"bukti.png", "lengkap.pdf"}
    published = list(selectors.published_followups(report))
    assert [f.state for f in published] == [DraftState.PUBLISHED]
    assert names(published[0].attachments.all()) == {"hasil.png"}


def test_reporter_messages_leave_out_internal_notes(demo: Demo) -> None:
    report = make_report(demo, Status.SUBMITTED)
    actions.hold_report(
        report, actor=Actor(user=demo.users["kapuas.koordinator"]), missing="Foto lokasi"
    )
    Message.objects.create(
        report=report,
        kind=MessageKind.NOTE,
        author=demo.users["kapuas.koordinator"],
        body="Catatan internal",
        created_at=timezone.now(),
    )
    kinds = [m.kind for m in selectors.reporter_messages(report)]
    assert kinds == [MessageKind.COMPLETION_REQUEST]


# ---------------------------------------------------------------- deadlines


def annotated(report: Report) -> Report:
    return selectors.with_next_due(Report.objects.filter(pk=report.pk)).get()


def test_the_next_due_is_the_nearest_running_deadline(demo: Demo) -> None:
    report = make_report(demo, Status.DISPOSED)
    running = report.clocks.filter(stopped_at__isnull=True, due_at__isnull=False)
    nearest = running.order_by("due_at", "id").first()
    assert nearest is not None
    found = annotated(report)
    assert found.next_due == nearest.due_at  # type: ignore[attr-defined]
    assert found.next_step == nearest.step  # type: ignore[attr-defined]


def test_paused_and_stopped_clocks_have_no_next_due(demo: Demo) -> None:
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    assert report.clocks.filter(paused_at__isnull=False).exists()
    found = annotated(report)
    # Only the clarification clock runs while the reporter is asked.
    assert found.next_step == Step.CLARIFICATION  # type: ignore[attr-defined]
    closed = make_report(demo, Status.CLOSED)
    assert annotated(closed).next_due is None  # type: ignore[attr-defined]


def test_late_clocks(demo: Demo) -> None:
    report = make_report(demo, Status.DISPOSED)
    nearest = annotated(report).next_due  # type: ignore[attr-defined]

    def late_at(when: datetime) -> bool:
        return Report.objects.filter(Exists(selectors.late_clocks(when)), pk=report.pk).exists()

    assert not late_at(timezone.now())
    assert late_at(nearest + timedelta(seconds=1))


# ---------------------------------------------------------------- labels


def test_labels() -> None:
    assert selectors.status_label(Status.CLOSED) == str(Status.CLOSED.label)
    assert selectors.status_label("") == ""
    assert selectors.status_label("no_such_status") == "no_such_status"
    assert selectors.action_label("submit") != "submit"
    assert selectors.action_label("no_such_action") == "no_such_action"
