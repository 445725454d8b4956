"""Monitoring and evaluation records (SOP 4): written by the complaint team, approved
or returned by the Kepala Dinas, archived; linked to reports of the same Pemda only."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.reports.helpers import make_report
from tests.staff.helpers import majalengka_report
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tuntas.demo.builder import Demo
from tuntas.outbox.models import OutboxMessage
from tuntas.oversight import actions, selectors
from tuntas.oversight.actions import EvaluationInput, parse_tracking_ids
from tuntas.oversight.models import EvaluationKind, EvaluationRecord, EvaluationState
from tuntas.reports.models import Status
from tuntas.reports.uploads import check_uploads

pytestmark = pytest.mark.django_db


def data(demo: Demo, **overrides: object) -> EvaluationInput:
    values = EvaluationInput(
        kind=EvaluationKind.AGENCY_MEETING,
        title="Rapat koordinasi dengan Dinas PUPR",
        held_on=timezone.localdate() - timedelta(days=3),
        place="Ruang rapat Diskominfo",
        participants="Tim Pengelola Pengaduan; Dinas PUPR",
        minutes="Disepakati perbaikan jalan dalam dua minggu.",
        agencies=[demo.orgs["kapuas-pupr"]],
    )
    for key, value in overrides.items():
        setattr(values, key, value)
    return values


def png(name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def create(demo: Demo, **overrides: object) -> EvaluationRecord:
    return actions.create_evaluation_record(
        pemda=demo.orgs["kapuas"],
        data=data(demo, **overrides),
        actor=demo.users["kapuas.koordinator"],
    )


def test_the_record_goes_to_the_kadis_and_is_archived(demo: Demo) -> None:
    u = demo.users
    report = make_report(demo, Status.DISPOSED)
    record = actions.create_evaluation_record(
        pemda=demo.orgs["kapuas"],
        data=data(demo, tracking_ids=[report.tracking_id]),
        files=check_uploads([png()]),
        actor=u["kapuas.kasi"],
    )
    assert list(record.reports.all()) == [report]
    assert record.attachments.count() == 1
    actions.submit_evaluation_record(record, actor=u["kapuas.kasi"])
    assert OutboxMessage.objects.filter(
        recipient=u["kapuas.kadiskominfo"], event="evaluation_submit"
    ).exists()
    assert selectors.evaluation_queue(u["kapuas.kadiskominfo"]) == [record]

    with pytest.raises(ValidationFailed):
        actions.return_evaluation_record(record, actor=u["kapuas.kadiskominfo"], note="")
    actions.return_evaluation_record(
        record, actor=u["kapuas.kadiskominfo"], note="Lengkapi daftar hadir."
    )
    record.refresh_from_db()
    assert record.state == EvaluationState.RETURNED
    assert OutboxMessage.objects.filter(
        recipient=u["kapuas.kasi"], event="evaluation_return"
    ).exists()
    actions.update_evaluation_record(
        record,
        data=data(demo, participants="Tim; PUPR; daftar hadir terlampir"),
        actor=u["kapuas.kasi"],
    )
    actions.submit_evaluation_record(record, actor=u["kapuas.kasi"])
    actions.approve_evaluation_record(record, actor=u["kapuas.kadiskominfo"])
    actions.archive_evaluation_record(record, actor=u["kapuas.koordinator"])
    record.refresh_from_db()
    assert record.state == EvaluationState.ARCHIVED
    assert record.decided_by == u["kapuas.kadiskominfo"]
    assert list(record.reports.all()) == []  # the edit removed the link
    with pytest.raises(Conflict):
        actions.update_evaluation_record(record, data=data(demo), actor=u["kapuas.kasi"])
    moves = list(
        AuditEvent.objects.filter(action__startswith="evaluation_").values_list("action", flat=True)
    )
    assert moves == [
        "evaluation_create",
        "evaluation_submit",
        "evaluation_return",
        "evaluation_edit",
        "evaluation_submit",
        "evaluation_approve",
        "evaluation_archive",
    ]


def test_only_the_kadis_decides_and_only_the_team_writes(demo: Demo) -> None:
    u = demo.users
    record = create(demo)
    actions.submit_evaluation_record(record, actor=u["kapuas.koordinator"])
    for persona in ("kapuas.kasi", "kapuas.kabid", "kapuas.koordinator"):
        with pytest.raises(PermissionDenied):
            actions.approve_evaluation_record(record, actor=u[persona])
    with pytest.raises(NotFound):
        actions.approve_evaluation_record(record, actor=u["kapuas.pupr.kadis"])
    with pytest.raises(PermissionDenied):
        actions.create_evaluation_record(
            pemda=demo.orgs["kapuas"], data=data(demo), actor=u["kapuas.kadiskominfo"]
        )
    with pytest.raises(Conflict):
        actions.archive_evaluation_record(record, actor=u["kapuas.koordinator"])
    record.refresh_from_db()
    assert record.state == EvaluationState.SUBMITTED


def test_bad_input_is_refused_with_reasons(demo: Demo) -> None:
    other = majalengka_report(demo)
    with pytest.raises(ValidationFailed) as refused:
        create(
            demo,
            title=" ",
            held_on=timezone.localdate() + timedelta(days=5),
            tracking_ids=[other.tracking_id, "LPR-0000-XXXXXX"],
            agencies=[demo.orgs["majalengka-pupr"]],
        )
    assert set(refused.value.errors) == {"title", "held_on", "tracking_ids", "agencies"}
    assert other.tracking_id in refused.value.errors["tracking_ids"][0]
    with pytest.raises(ValidationFailed):
        bad = SimpleUploadedFile("notulen.pdf", b"not a pdf", content_type="application/pdf")
        check_uploads([bad])
    assert not EvaluationRecord.objects.exists()


def test_it_is_searchable_by_period_and_scoped(demo: Demo) -> None:
    u = demo.users
    old = create(demo, title="Kunjungan lama", held_on=date(2026, 1, 10))
    new = create(demo, title="Rapat baru")
    found = selectors.evaluations_for(
        u["kapuas.kabid"], start=date(2026, 1, 1), end=date(2026, 1, 31)
    )
    assert list(found) == [old]
    assert list(selectors.evaluations_for(u["kapuas.kabid"], text="baru")) == [new]
    assert list(selectors.evaluations_for(u["majalengka.koordinator"])) == []
    assert list(selectors.evaluations_for(u["kapuas.pupr.admin"])) == []


def test_tracking_ids_are_read_from_free_text() -> None:
    assert parse_tracking_ids("lpr-2026-abc123, LPR-2026-ABC123\nLPR-2026-XYZ789 ") == [
        "LPR-2026-ABC123",
        "LPR-2026-XYZ789",
    ]
