"""Bad input to every action that takes input: a ValidationFailed naming the field,
and nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from tests.reports.cells import World, snapshot
from tests.reports.helpers import report_input
from tuntas.core.errors import ValidationFailed
from tuntas.reference.models import Region
from tuntas.reports import actions
from tuntas.reports.actions import Actor, ReportInput
from tuntas.reports.models import Report, Status

Call = Callable[[World, Report, datetime], object]


@dataclass(frozen=True)
class Case:
    id: str
    status: Status
    call: Call
    field: str


def _u(w: World, name: str):
    return w.user(name)


def _o(w: World, code: str):
    return w.demo.orgs[code]


def _field_check(**overrides: object) -> Call:
    def call(w: World, r: Report, now: datetime) -> object:
        kwargs: dict[str, object] = {
            "visited_on": (now - timedelta(days=1)).date(),
            "location": "Jl. Tambun Bungai, Selat",
            "findings": "Lubang 1 x 2 meter.",
            "conclusion": "Perlu penambalan.",
            "ba_number": "BA/PUPR/001/2026",
            **overrides,
        }
        return actions.record_field_check(
            r,
            actor=Actor(user=_u(w, "kapuas.pupr.staf")),
            now=now,
            **kwargs,
        )

    return call


COORD = "kapuas.koordinator"
WARGA = "warga"
S = Status

CASES: list[Case] = [
    # verification
    Case(
        "hold-missing-blank",
        S.SUBMITTED,
        lambda w, r, now: actions.hold_report(
            r, actor=Actor(user=_u(w, COORD)), missing="", now=now
        ),
        "missing",
    ),
    Case(
        "hold-missing-whitespace",
        S.SUBMITTED,
        lambda w, r, now: actions.hold_report(
            r, actor=Actor(user=_u(w, COORD)), missing="   \n ", now=now
        ),
        "missing",
    ),
    Case(
        "complete-details-blank",
        S.ON_HOLD,
        lambda w, r, now: actions.complete_report(
            r, actor=Actor(user=_u(w, WARGA)), details=" ", now=now
        ),
        "details",
    ),
    Case(
        "not-in-authority-reason-blank",
        S.SUBMITTED,
        lambda w, r, now: actions.mark_not_in_authority(
            r, actor=Actor(user=_u(w, COORD)), reason="", now=now
        ),
        "reason",
    ),
    Case(
        "route-to-an-agency",
        S.NOT_IN_AUTHORITY,
        lambda w, r, now: actions.route_to_pemda(
            r, actor=Actor(user=_u(w, "nasional")), pemda=_o(w, "majalengka-pupr"), now=now
        ),
        "pemda",
    ),
    Case(
        "route-to-a-division",
        S.NOT_IN_AUTHORITY,
        lambda w, r, now: actions.route_to_pemda(
            r, actor=Actor(user=_u(w, "nasional")), pemda=_o(w, "kapuas-pupr-binamarga"), now=now
        ),
        "pemda",
    ),
    Case(
        "route-back-to-the-returning-pemda",
        S.NOT_IN_AUTHORITY,
        lambda w, r, now: actions.route_to_pemda(
            r, actor=Actor(user=_u(w, "nasional")), pemda=_o(w, "kapuas"), now=now
        ),
        "pemda",
    ),
    Case(
        "forward-external-body-blank",
        S.NOT_IN_AUTHORITY,
        lambda w, r, now: actions.forward_external(
            r, actor=Actor(user=_u(w, "nasional")), body_name="", now=now
        ),
        "body_name",
    ),
    Case(
        "archive-unknown-reason",
        S.SUBMITTED,
        lambda w, r, now: actions.archive_report(
            r, actor=Actor(user=_u(w, COORD)), reason_code="boring", now=now
        ),
        "reason_code",
    ),
    Case(
        "archive-blank-reason",
        S.VERIFIED,
        lambda w, r, now: actions.archive_report(
            r, actor=Actor(user=_u(w, COORD)), reason_code="", now=now
        ),
        "reason_code",
    ),
    # disposition
    Case(
        "dispose-to-nobody",
        S.VERIFIED,
        lambda w, r, now: actions.dispose_report(
            r, actor=Actor(user=_u(w, COORD)), agencies=[], lead=_o(w, "kapuas-pupr"), now=now
        ),
        "agencies",
    ),
    Case(
        "dispose-to-a-division",
        S.VERIFIED,
        lambda w, r, now: actions.dispose_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            agencies=[_o(w, "kapuas-pupr-binamarga")],
            lead=_o(w, "kapuas-pupr-binamarga"),
            now=now,
        ),
        "agencies",
    ),
    Case(
        "dispose-to-the-pemda-itself",
        S.VERIFIED,
        lambda w, r, now: actions.dispose_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            agencies=[_o(w, "kapuas")],
            lead=_o(w, "kapuas"),
            now=now,
        ),
        "agencies",
    ),
    Case(
        "dispose-to-another-pemdas-agency",
        S.VERIFIED,
        lambda w, r, now: actions.dispose_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            agencies=[_o(w, "majalengka-pupr")],
            lead=_o(w, "majalengka-pupr"),
            now=now,
        ),
        "agencies",
    ),
    Case(
        "dispose-support-from-another-pemda",
        S.VERIFIED,
        lambda w, r, now: actions.dispose_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            agencies=[_o(w, "kapuas-pupr"), _o(w, "bangkalan-dlh")],
            lead=_o(w, "kapuas-pupr"),
            now=now,
        ),
        "agencies",
    ),
    Case(
        "dispose-lead-not-among-agencies",
        S.VERIFIED,
        lambda w, r, now: actions.dispose_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            agencies=[_o(w, "kapuas-pupr")],
            lead=_o(w, "kapuas-disdik"),
            now=now,
        ),
        "agencies",
    ),
    Case(
        "return-disposition-reason-blank",
        S.DISPOSED,
        lambda w, r, now: actions.return_disposition(
            r, actor=Actor(user=_u(w, "kapuas.pupr.penghubung")), reason="", now=now
        ),
        "reason",
    ),
    Case(
        "transfer-reason-blank",
        S.ACCEPTED,
        lambda w, r, now: actions.transfer_report(
            r, actor=Actor(user=_u(w, COORD)), to_agency=_o(w, "kapuas-disdik"), reason=" ", now=now
        ),
        "reason",
    ),
    Case(
        "transfer-to-a-division",
        S.ACCEPTED,
        lambda w, r, now: actions.transfer_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            to_agency=_o(w, "kapuas-disdik-dasar"),
            reason="Salah OPD",
            now=now,
        ),
        "to_agency",
    ),
    Case(
        "transfer-to-another-pemdas-agency",
        S.ACCEPTED,
        lambda w, r, now: actions.transfer_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            to_agency=_o(w, "majalengka-pupr"),
            reason="Salah OPD",
            now=now,
        ),
        "to_agency",
    ),
    Case(
        "transfer-to-the-same-agency",
        S.ACCEPTED,
        lambda w, r, now: actions.transfer_report(
            r,
            actor=Actor(user=_u(w, COORD)),
            to_agency=_o(w, "kapuas-pupr"),
            reason="Salah OPD",
            now=now,
        ),
        "to_agency",
    ),
    # inside the agency
    Case(
        "dispose-internally-to-another-agencys-division",
        S.ACCEPTED,
        lambda w, r, now: actions.dispose_internally(
            r,
            actor=Actor(user=_u(w, "kapuas.pupr.kadis")),
            division=_o(w, "kapuas-disdik-dasar"),
            now=now,
        ),
        "division",
    ),
    Case(
        "dispose-internally-to-an-agency",
        S.ACCEPTED,
        lambda w, r, now: actions.dispose_internally(
            r, actor=Actor(user=_u(w, "kapuas.pupr.kadis")), division=_o(w, "kapuas-pupr"), now=now
        ),
        "division",
    ),
    Case(
        "dispose-internally-to-a-section",
        S.ACCEPTED,
        lambda w, r, now: actions.dispose_internally(
            r,
            actor=Actor(user=_u(w, "kapuas.pupr.kadis")),
            division=_o(w, "kapuas-diskominfo-aduan"),
            now=now,
        ),
        "division",
    ),
    Case(
        "clarification-question-blank",
        S.IN_DIVISION,
        lambda w, r, now: actions.request_clarification(
            r, actor=Actor(user=_u(w, "kapuas.pupr.staf")), question="", now=now
        ),
        "question",
    ),
    Case(
        "clarify-answer-blank",
        S.AWAITING_CLARIFICATION,
        lambda w, r, now: actions.clarify(r, actor=Actor(user=_u(w, WARGA)), answer="  ", now=now),
        "answer",
    ),
    Case(
        "field-check-in-the-future",
        S.IN_DIVISION,
        _field_check(visited_on=date.today() + timedelta(days=3)),
        "visited_on",
    ),
    Case("field-check-location-blank", S.IN_DIVISION, _field_check(location=""), "location"),
    Case("field-check-findings-blank", S.IN_DIVISION, _field_check(findings=" "), "findings"),
    Case("field-check-conclusion-blank", S.IN_DIVISION, _field_check(conclusion=""), "conclusion"),
    Case("field-check-ba-number-blank", S.IN_DIVISION, _field_check(ba_number=""), "ba_number"),
    Case(
        "draft-body-blank",
        S.IN_DIVISION,
        lambda w, r, now: actions.submit_draft(
            r, actor=Actor(user=_u(w, "kapuas.pupr.staf")), body="", now=now
        ),
        "body",
    ),
    Case(
        "draft-body-too-short",
        S.IN_DIVISION,
        lambda w, r, now: actions.submit_draft(
            r, actor=Actor(user=_u(w, "kapuas.pupr.staf")), body="Sudah beres.", now=now
        ),
        "body",
    ),
    Case(
        "draft-body-short-once-trimmed",
        S.IN_DIVISION,
        lambda w, r, now: actions.submit_draft(
            r,
            actor=Actor(user=_u(w, "kapuas.pupr.staf")),
            body="   Sudah beres.             ",
            now=now,
        ),
        "body",
    ),
    Case(
        "return-draft-note-blank",
        S.DRAFT_REVIEW,
        lambda w, r, now: actions.return_draft(
            r, actor=Actor(user=_u(w, "kapuas.pupr.kadis")), note="", now=now
        ),
        "note",
    ),
    # the reporter's reply and after
    Case(
        "satisfied-rating-0",
        S.FOLLOWED_UP,
        lambda w, r, now: actions.reply_satisfied(
            r, actor=Actor(user=_u(w, WARGA)), rating=0, now=now
        ),
        "rating",
    ),
    Case(
        "satisfied-rating-6",
        S.FOLLOWED_UP,
        lambda w, r, now: actions.reply_satisfied(
            r, actor=Actor(user=_u(w, WARGA)), rating=6, now=now
        ),
        "rating",
    ),
    Case(
        "not-satisfied-comment-blank",
        S.FOLLOWED_UP,
        lambda w, r, now: actions.reply_not_satisfied(
            r, actor=Actor(user=_u(w, WARGA)), comment="", now=now
        ),
        "comment",
    ),
    Case(
        "not-satisfied-rating-6",
        S.FOLLOWED_UP,
        lambda w, r, now: actions.reply_not_satisfied(
            r, actor=Actor(user=_u(w, WARGA)), comment="Belum diperbaiki.", rating=6, now=now
        ),
        "rating",
    ),
    Case(
        "not-satisfied-rating-0",
        S.FOLLOWED_UP,
        lambda w, r, now: actions.reply_not_satisfied(
            r, actor=Actor(user=_u(w, WARGA)), comment="Belum diperbaiki.", rating=0, now=now
        ),
        "rating",
    ),
    Case(
        "reopen-reason-blank",
        S.CLOSED,
        lambda w, r, now: actions.reopen_report(
            r, actor=Actor(user=_u(w, COORD)), reason="", now=now
        ),
        "reason",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_names_the_field_and_changes_nothing(world: World, case: Case) -> None:
    report = world.report(case.status)
    before = snapshot(report)

    with pytest.raises(ValidationFailed) as refused:
        case.call(world, report, timezone.now())

    assert refused.value.status == 400
    assert case.field in refused.value.errors, refused.value.errors
    assert all(isinstance(m, str) and m for m in refused.value.errors[case.field])
    assert snapshot(report) == before


# --- new reports --------------------------------------------------------------------------

SUBMIT_CASES: list[tuple[str, dict[str, object], str]] = [
    ("title-too-short", {"title": "Jln"}, "title"),
    ("title-blank", {"title": "     "}, "title"),
    ("title-too-long", {"title": "J" * 201}, "title"),
    ("description-too-short", {"description": "Jalan rusak."}, "description"),
    (
        "incident-in-the-future",
        {"incident_date": date.today() + timedelta(days=2)},
        "incident_date",
    ),
    ("nik-not-16-digits", {"reporter_nik": "12345"}, "reporter_nik"),
    ("nik-with-letters", {"reporter_nik": "12345678901234AB"}, "reporter_nik"),
    ("phone-invalid", {"reporter_phone": "telepon saya"}, "reporter_phone"),
    ("no-pemda", {"pemda": None}, "pemda"),
    ("pemda-is-an-agency", {"pemda": "kapuas-pupr"}, "pemda"),
    ("region-of-another-pemda", {"region": "32.10.01"}, "region"),
    (
        "requested-agency-is-a-division",
        {"requested_agency": "kapuas-pupr-binamarga"},
        "requested_agency",
    ),
    (
        "requested-agency-of-another-pemda",
        {"requested_agency": "bangkalan-dishub"},
        "requested_agency",
    ),
]


def _input(world: World, overrides: dict[str, object]) -> ReportInput:
    data = report_input(world.demo)
    for key, value in overrides.items():
        if key in ("pemda", "requested_agency") and isinstance(value, str):
            value = world.demo.orgs[value]
        elif key == "region" and isinstance(value, str):
            value = Region.objects.get(code=value)
        setattr(data, key, value)
    return data


@pytest.mark.parametrize(
    ("overrides", "field"),
    [(o, f) for _id, o, f in SUBMIT_CASES],
    ids=[i for i, _o, _f in SUBMIT_CASES],
)
def test_bad_submission_is_refused_and_creates_nothing(
    world: World, overrides: dict[str, object], field: str
) -> None:
    count = Report.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        actions.submit_report(_input(world, overrides), actor=Actor.reporter(world.user("warga")))
    assert field in refused.value.errors, refused.value.errors
    assert Report.objects.count() == count


def test_submission_without_an_account_needs_a_way_to_reach_the_reporter(world: World) -> None:
    count = Report.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        actions.submit_report(report_input(world.demo), actor=Actor.reporter(None))
    assert "reporter_email" in refused.value.errors
    assert Report.objects.count() == count


@pytest.mark.parametrize(
    ("overrides", "field"),
    [(o, f) for i, o, f in SUBMIT_CASES if f not in ("pemda",)],
    ids=[i for i, _o, f in SUBMIT_CASES if f not in ("pemda",)],
)
def test_bad_outside_channel_intake_is_refused_and_creates_nothing(
    world: World, overrides: dict[str, object], field: str
) -> None:
    count = Report.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        actions.intake_report(
            _input(world, overrides), actor=Actor(user=world.user("kapuas.koordinator"))
        )
    assert field in refused.value.errors, refused.value.errors
    assert Report.objects.count() == count


# --- dates are Indonesian dates -------------------------------------------------------


def test_field_check_dated_today_in_indonesia_is_accepted_before_utc_midnight(
    world: World,
) -> None:
    # 06:30 WIB on 13 March is still 12 March in UTC.
    now = datetime(2026, 3, 12, 23, 30, tzinfo=UTC)
    check = actions.record_field_check(
        world.report(Status.IN_DIVISION),
        actor=Actor(user=world.user("kapuas.pupr.staf")),
        visited_on=date(2026, 3, 13),
        location="Selat",
        findings="Lubang besar",
        conclusion="Ditambal",
        ba_number="BA/1",
        now=now,
    )
    assert check.visited_on == date(2026, 3, 13)


def test_incident_dated_today_in_indonesia_is_accepted_before_utc_midnight(
    world: World,
) -> None:
    now = datetime(2026, 3, 12, 23, 30, tzinfo=UTC)
    submitted = actions.submit_report(
        report_input(world.demo, incident_date=date(2026, 3, 13)),
        actor=Actor.reporter(world.user("warga")),
        now=now,
    )
    assert submitted.report.incident_date == date(2026, 3, 13)
