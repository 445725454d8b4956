"""manage.py load_demo: the demo world plus sample reports, built only through actions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent
from tuntas.demo.oversight import PAST_REPORTS
from tuntas.demo.samples import SAMPLES
from tuntas.organisations.models import Membership, Organisation
from tuntas.outbox.models import OutboxMessage
from tuntas.reports.models import Assignment, Clock, FieldCheck, FollowUp, Report, Status

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        Report,
        User,
        Organisation,
        Membership,
        AuditEvent,
        Assignment,
        FollowUp,
        FieldCheck,
        Clock,
        OutboxMessage,
    ]
    return {m.__name__: m._default_manager.count() for m in models}


def by_title(title: str) -> Report:
    return Report.objects.get(title=title)


def test_it_creates_every_sample_and_prints_a_summary():
    output = load()
    assert Report.objects.count() == len(SAMPLES) + len(PAST_REPORTS)
    assert f"{len(SAMPLES)} created, 0 already present" in output
    assert f"oversight pages: {len(PAST_REPORTS)} created" in output
    for report in Report.objects.filter(title__in=[s.title for s in SAMPLES]):
        assert report.tracking_id in output
    assert "tuntas-demo" in output


def test_running_it_twice_duplicates_nothing():
    load()
    first = counts()
    output = load()
    assert counts() == first
    assert f"0 created, {len(SAMPLES)} already present" in output


def test_samples_reach_their_intended_statuses():
    load()
    for sample in SAMPLES:
        assert by_title(sample.title).status == sample.expected, sample.key
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {
        Status.SUBMITTED,
        Status.ON_HOLD,
        Status.VERIFIED,
        Status.DISPOSED,
        Status.ACCEPTED,
        Status.IN_DIVISION,
        Status.DRAFT_REVIEW,
        Status.FOLLOWED_UP,
        Status.CLOSED,
    } <= statuses


def test_every_sample_went_through_the_actions_with_an_audit_trail():
    load()
    for report in Report.objects.all():
        events = list(AuditEvent.objects.filter(report=report).order_by("created_at", "id"))
        assert events, report.title
        # Reports from outside channels are typed in by the admin (seed 003 SOP 5).
        assert events[0].action in {"submit", "intake"}
        assert events[-1].to_status == report.status
        assert report.created_at == events[0].created_at


def test_samples_are_spread_over_the_past_weeks():
    from django.utils import timezone

    load()
    now = timezone.now()
    ages = [(now - r.created_at).days for r in Report.objects.all()]
    assert min(ages) == 0
    assert max(ages) >= 21
    assert all(r.created_at <= now for r in Report.objects.all())


def test_the_citizen_persona_reports_most_of_them():
    load()
    warga = Report.objects.filter(reporter__username="warga").count()
    assert warga > Report.objects.count() / 2


def test_kapuas_samples_cover_the_agency_steps():
    load()
    disposed = by_title("Jembatan kayu di Desa Saka Lagun rapuh")
    assert disposed.lead_agency is not None and disposed.lead_agency.code == "kapuas-pupr"
    division = by_title("Jalan berlubang di depan SD Negeri 1 Selat")
    check = FieldCheck.objects.get(report=division)
    assert check.ba_number
    assert check.attachments.exists()
    lead = division.assignments.get(is_lead=True)
    assert lead.division is not None and lead.division.code == "kapuas-pupr-binamarga"
    draft = by_title("Gorong-gorong ambles di Jalan Mawar")
    assert draft.followups.filter(state="review").count() == 1
    closed = by_title("Jalan lingkungan di RT 05 tergenang lumpur")
    assert closed.close_reason == "satisfied"


def test_majalengka_sample_waits_for_the_seed_001_agency():
    load()
    report = by_title("Toilet objek wisata Curug Muara Jaya tidak terawat")
    assert report.pemda is not None and report.pemda.code == "majalengka"
    assert report.lead_agency is not None
    assert report.lead_agency.code == "majalengka-disporbudpar"
    assert report.status == Status.DISPOSED


def test_bangkalan_sample_waits_for_disposition():
    load()
    report = by_title("Lampu lalu lintas simpang Socah mati")
    assert report.pemda is not None and report.pemda.code == "bangkalan"
    assert report.status == Status.VERIFIED
    assert report.reporter is None and report.access_code_hash


def test_only_the_public_sample_is_not_confidential_and_it_stays_anonymous():
    load()
    public = Report.objects.filter(is_confidential=False)
    assert [r.title for r in public] == ["Trotoar rusak di depan Puskesmas Selat"]
    assert public[0].is_anonymous
    samples = Report.objects.filter(title__in=[s.title for s in SAMPLES])
    assert not samples.filter(is_anonymous=False).exists()


def test_overdue_sample_has_a_past_due_verification_clock():
    from django.utils import timezone

    load()
    report = by_title("Guru kelas SDN 2 Kapuas Murung sering tidak hadir")
    assert report.status == Status.SUBMITTED
    clock = Clock.objects.get(report=report, step="verification", stopped_at__isnull=True)
    assert clock.due_at is not None and clock.due_at < timezone.now()
    fresh = by_title("Lampu penerangan jalan padam di Jalan Pemuda")
    fresh_clock = Clock.objects.get(report=fresh, step="verification", stopped_at__isnull=True)
    assert fresh_clock.due_at is not None and fresh_clock.due_at > timezone.now()
