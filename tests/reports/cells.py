"""The transition table's cells as tests see them: how to perform each action, who may.

``perform(action, world, report, persona)`` calls the real action function with valid
arguments in the name of ``persona`` (a demo username, or one of the pseudo personas
``CODE`` = reporter proven by access code, ``SYSTEM_ACTOR`` = the scheduler,
``PEER_ACTOR`` = another Tuntas deployment calling with its API key, ``ANONYMOUS`` =
nobody signed in).

``authorised(action, status)`` is the hand-written expectation of who may take the
action on the standard test report (Kapuas, filed by ``warga``, disposed to Dinas PUPR as
lead with Disdik as supporting agency, handled by Bidang Bina Marga). It is written out
from the SOP roles on purpose, not derived from ``access.capacities``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from tests.reports.helpers import make_report
from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo, build_demo
from tuntas.federation.actions import forward_to_peer
from tuntas.federation.models import Peer
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import (
    Assignment,
    Attachment,
    Clock,
    Feedback,
    FieldCheck,
    FollowUp,
    Message,
    PrivacyRequest,
    Report,
    Status,
)
from tuntas.reports.transitions import TABLE, Action
from tuntas.standards.models import Step
from tuntas.workdays.calendars import clear_calendar_cache

T = TypeVar("T")

CODE = "@access-code"
SYSTEM_ACTOR = "@system"
PEER_ACTOR = "@peer"
ANONYMOUS = "@anonymous"
PEER_USERNAME = "tuntas-nasional-app"

INTAKE_ACTIONS = frozenset(
    {
        Action.SUBMIT,
        Action.INTAKE,
        Action.INTAKE_FOR_AGENCY,
        Action.INTAKE_SOLVED,
        Action.RECEIVE_FORWARDED,
    }
)
REPORT_ACTIONS = [a for a in Action if a not in INTAKE_ACTIONS]
SUPPORT = ("kapuas-disdik",)

# Every demo persona that signs in.
PERSONAS = [
    "warga",
    "warga2",
    "nasional",
    "ombudsman",
    "kapuas.koordinator",
    "kapuas.pupr.penghubung",
    "kapuas.pupr.admin",
    "kapuas.pupr.kadis",
    "kapuas.pupr.staf",
    "kapuas.disdik.penghubung",
    "kapuas.disdik.admin",
    "kapuas.kasi",
    "kapuas.kabid",
    "kapuas.apip",
    "majalengka.koordinator",
    "majalengka.disporbudpar.penghubung",
    "majalengka.disporbudpar.admin",
    "majalengka.disporbudpar.kadis",
    "majalengka.disporbudpar.staf",
    "majalengka.pupr.penghubung",
    "bangkalan.koordinator",
    "bangkalan.dishub.penghubung",
    "bangkalan.dishub.admin",
    "bangkalan.dishub.kadis",
    "bangkalan.dishub.staf",
]

# Actions whose function takes an ``Actor`` (so the pseudo personas can be tried).
ACTOR_ACTIONS = frozenset(
    {
        Action.COMPLETE,
        Action.CLARIFY,
        Action.REPLY_SATISFIED,
        Action.REPLY_NOT_SATISFIED,
        Action.ARCHIVE,
        Action.CLOSE,
        Action.FORWARD_OMBUDSMAN,
        Action.RECORD_PEER_ANSWER,
        Action.REQUEST_PRIVACY_CHANGE,
        Action.ACCEPT_PRIVACY_CHANGE,
        Action.DECLINE_PRIVACY_CHANGE,
    }
)
REPORTER_ACTIONS = frozenset(
    {
        Action.COMPLETE,
        Action.CLARIFY,
        Action.REPLY_SATISFIED,
        Action.REPLY_NOT_SATISFIED,
        Action.REPORTER_MESSAGE,
        Action.ACCEPT_PRIVACY_CHANGE,
        Action.DECLINE_PRIVACY_CHANGE,
    }
)
NOTICES = frozenset(
    {Action.REMIND, Action.MARK_OVERDUE, Action.INTERVENE_PEMDA, Action.INTERVENE_NATIONAL}
)
SYSTEM_ACTIONS = frozenset({Action.ARCHIVE, Action.CLOSE, Action.FORWARD_OMBUDSMAN} | NOTICES)

COORDINATOR = "kapuas.koordinator"
PUPR_LIAISON = {"kapuas.pupr.penghubung", "kapuas.pupr.admin"}
DISDIK_LIAISON = {"kapuas.disdik.penghubung", "kapuas.disdik.admin"}


def authorised(action: Action, status: Status) -> set[str]:
    """Who may take ``action`` on the standard report in ``status`` (an allowed cell)."""
    handled_by_division = status == Status.IN_DIVISION
    expected: dict[Action, set[str]] = {
        Action.VERIFY: {COORDINATOR},
        Action.HOLD: {COORDINATOR},
        Action.COMPLETE: {"warga", CODE},
        Action.NOT_IN_AUTHORITY: {COORDINATOR},
        Action.ROUTE_TO_PEMDA: {"nasional"},
        Action.FORWARD_EXTERNAL: {"nasional"},
        Action.FORWARD_TO_PEER: {COORDINATOR, "nasional"},
        Action.RECORD_PEER_ANSWER: {PEER_ACTOR},
        Action.ARCHIVE: {COORDINATOR, SYSTEM_ACTOR},
        Action.DISPOSE: {COORDINATOR},
        # The supporting agency's liaisons acknowledge their part with the same function.
        Action.ACCEPT: PUPR_LIAISON | DISDIK_LIAISON,
        Action.ACCEPT_SUPPORT: DISDIK_LIAISON
        | (PUPR_LIAISON if status == Status.DISPOSED else set()),
        Action.RETURN_DISPOSITION: PUPR_LIAISON,
        Action.TRANSFER: {COORDINATOR, "kapuas.pupr.penghubung"},
        Action.DISPOSE_INTERNALLY: {"kapuas.pupr.kadis"},
        Action.REQUEST_CLARIFICATION: {"kapuas.pupr.kadis", *PUPR_LIAISON}
        | ({"kapuas.pupr.staf"} if handled_by_division else set()),
        Action.CLARIFY: {"warga", CODE},
        Action.RECORD_FIELD_CHECK: {"kapuas.pupr.staf", "kapuas.pupr.kadis"},
        Action.SUBMIT_DRAFT: {"kapuas.pupr.admin", "kapuas.pupr.kadis"}
        | ({"kapuas.pupr.staf"} if handled_by_division else set()),
        # The draft under review was written by kapuas.pupr.staf.
        Action.APPROVE_DRAFT: {"kapuas.pupr.kadis", "kapuas.pupr.penghubung"},
        Action.RETURN_DRAFT: {"kapuas.pupr.kadis", "kapuas.pupr.penghubung"},
        Action.PUBLISH_FOLLOWUP: PUPR_LIAISON,
        Action.REPLY_SATISFIED: {"warga", CODE},
        Action.REPLY_NOT_SATISFIED: {"warga", CODE},
        Action.CLOSE: {COORDINATOR, SYSTEM_ACTOR},
        Action.REOPEN: {COORDINATOR},
        Action.FORWARD_OMBUDSMAN: {COORDINATOR, "nasional", SYSTEM_ACTOR},
        Action.REPORTER_MESSAGE: {"warga", CODE},
        # The standard report is anonim and rahasia: the Pemda's coordinator and the
        # national admin may ask to lower that; only the reporter decides.
        Action.REQUEST_PRIVACY_CHANGE: {COORDINATOR, "nasional"},
        Action.ACCEPT_PRIVACY_CHANGE: {"warga", CODE},
        Action.DECLINE_PRIVACY_CHANGE: {"warga", CODE},
        **{notice: {SYSTEM_ACTOR} for notice in NOTICES},
    }
    return expected[action]


# The persona the table walk uses for an allowed cell.
PREFERRED: dict[Action, str] = {
    Action.VERIFY: COORDINATOR,
    Action.HOLD: COORDINATOR,
    Action.COMPLETE: "warga",
    Action.NOT_IN_AUTHORITY: COORDINATOR,
    Action.ROUTE_TO_PEMDA: "nasional",
    Action.FORWARD_EXTERNAL: "nasional",
    Action.FORWARD_TO_PEER: COORDINATOR,
    Action.RECORD_PEER_ANSWER: PEER_ACTOR,
    Action.ARCHIVE: COORDINATOR,
    Action.DISPOSE: COORDINATOR,
    Action.ACCEPT: "kapuas.pupr.penghubung",
    Action.ACCEPT_SUPPORT: "kapuas.disdik.penghubung",
    Action.RETURN_DISPOSITION: "kapuas.pupr.penghubung",
    Action.TRANSFER: COORDINATOR,
    Action.DISPOSE_INTERNALLY: "kapuas.pupr.kadis",
    Action.REQUEST_CLARIFICATION: "kapuas.pupr.penghubung",
    Action.CLARIFY: "warga",
    Action.RECORD_FIELD_CHECK: "kapuas.pupr.staf",
    Action.SUBMIT_DRAFT: "kapuas.pupr.admin",
    Action.APPROVE_DRAFT: "kapuas.pupr.kadis",
    Action.RETURN_DRAFT: "kapuas.pupr.kadis",
    Action.PUBLISH_FOLLOWUP: "kapuas.pupr.admin",
    Action.REPLY_SATISFIED: "warga",
    Action.REPLY_NOT_SATISFIED: "warga",
    Action.CLOSE: COORDINATOR,
    Action.REOPEN: COORDINATOR,
    Action.FORWARD_OMBUDSMAN: COORDINATOR,
    Action.REPORTER_MESSAGE: "warga",
    Action.REQUEST_PRIVACY_CHANGE: COORDINATOR,
    Action.ACCEPT_PRIVACY_CHANGE: "warga",
    Action.DECLINE_PRIVACY_CHANGE: "warga",
    **dict.fromkeys(NOTICES, SYSTEM_ACTOR),
}


def allowed_cells() -> list[tuple[Action, Status]]:
    return [
        (action, status)
        for action in REPORT_ACTIONS
        for status in Status
        if status in TABLE[action].sources
    ]


def forbidden_cells() -> list[tuple[Action, Status]]:
    return [
        (action, status)
        for action in REPORT_ACTIONS
        for status in Status
        if status not in TABLE[action].sources
    ]


def cell_id(cell: tuple[Action, Status]) -> str:
    return f"{cell[0].value}@{cell[1].value}"


@dataclass
class World:
    """The demo and one standard report in every status, built once per test module."""

    demo: Demo
    report_ids: dict[Status, int]

    def user(self, persona: str) -> User:
        return self.demo.users[persona]

    def report(self, status: Status) -> Report:
        """A fresh copy of the standard report in ``status`` (never a shared instance)."""
        return Report.objects.get(pk=self.report_ids[status])


def build_world() -> World:
    clear_calendar_cache()
    demo = build_demo()
    reports = {status: make_report(demo, status, support=SUPPORT).pk for status in Status}
    return World(demo=demo, report_ids=reports)


def module_data(django_db_blocker: Any, build: Callable[[], T]) -> Iterator[T]:
    """Build test data once per module, inside one transaction rolled back afterwards.

    Each test then runs in its own savepoint (pytest-django's ``db``), so a test's
    changes vanish and the next test starts from the same data. Tests must fetch
    model instances afresh (instances held by the data are shared between tests).
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        # Like TestCase's class-wide transaction: actions (durable transactions of
        # their own) may run inside it, as they may inside each test's.
        atomic._from_testcase = True  # type: ignore[attr-defined]  # Django's TestCase flag
        atomic.__enter__()
        try:
            clear_calendar_cache()
            yield build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            clear_calendar_cache()


def module_world(django_db_blocker: Any) -> Iterator[World]:
    yield from module_data(django_db_blocker, build_world)


def actor_for(world: World, persona: str) -> Actor:
    if persona == CODE:
        return Actor(user=None, is_reporter_by_code=True)
    if persona == SYSTEM_ACTOR:
        return Actor(is_system=True)
    if persona == PEER_ACTOR:
        return peer_actor()
    if persona == ANONYMOUS:
        return Actor(user=None)
    return Actor(user=world.user(persona))


def peer_actor() -> Actor:
    """A peer deployment: the application user of the API key we issued it."""
    user, _created = User.objects.get_or_create(
        username=PEER_USERNAME, defaults={"full_name": "Tuntas Nasional (aplikasi)"}
    )
    return Actor(user=user, is_peer=True)


def _user(world: World, persona: str) -> User:
    if persona.startswith("@"):
        raise ValueError(f"{persona} cannot take an action that needs a signed-in user")
    return world.user(persona)


Perform = Callable[[World, Report, str, datetime], object]


def _staff(fn: Callable[[World, Report, User, datetime], object]) -> Perform:
    return lambda w, r, p, now: fn(w, r, _user(w, p), now)


def _any(fn: Callable[[World, Report, Actor, datetime], object]) -> Perform:
    return lambda w, r, p, now: fn(w, r, actor_for(w, p), now)


def _orgs(w: World, code: str) -> Any:
    return w.demo.orgs[code]


def _peer(w: World) -> Peer:
    """Another Tuntas deployment to forward to (``tuntas.federation``)."""
    peer, _created = Peer.objects.get_or_create(
        name="Tuntas Nasional",
        defaults={
            "base_url": "https://nasional.tuntas.invalid",
            "outbound_key": "tnt_peerkey_" + "x" * 20,
            "organisation": _orgs(w, "majalengka"),
            "created_at": timezone.now(),
            "updated_at": timezone.now(),
        },
    )
    return peer


def _pending_privacy_request(w: World, r: Report, now: datetime) -> int:
    """A request waiting for the reporter (made directly: it is the cell's setting, not
    the action under test, and it writes nothing the snapshot compares)."""
    asked = PrivacyRequest.objects.create(
        report=r,
        lower_anonymous=True,
        reason="OPD perlu menghubungi Anda.",
        requested_by=w.user("kapuas.koordinator"),
        requested_at=now,
        expires_at=now + timedelta(days=14),
    )
    return asked.pk


def _notice(action: Action) -> Perform:
    return _any(
        lambda w, r, a, now: actions.record_system_notice(
            r, actor=a, action=action, reason="Batas waktu terlewati.", step=Step.FOLLOWUP, now=now
        )
    )


PERFORM: dict[Action, Perform] = {
    Action.VERIFY: _staff(
        lambda w, r, u, now: actions.verify_report(r, actor=Actor(user=u), now=now)
    ),
    Action.HOLD: _staff(
        lambda w, r, u, now: actions.hold_report(
            r, actor=Actor(user=u), missing="Foto lokasi kejadian", now=now
        )
    ),
    Action.COMPLETE: _any(
        lambda w, r, a, now: actions.complete_report(
            r, actor=a, details="Foto terlampir; lokasi tepat di depan gerbang SDN 1.", now=now
        )
    ),
    Action.NOT_IN_AUTHORITY: _staff(
        lambda w, r, u, now: actions.mark_not_in_authority(
            r, actor=Actor(user=u), reason="Jalan nasional, wewenang Kementerian PUPR", now=now
        )
    ),
    Action.ROUTE_TO_PEMDA: _staff(
        lambda w, r, u, now: actions.route_to_pemda(
            r, actor=Actor(user=u), pemda=_orgs(w, "majalengka"), now=now
        )
    ),
    Action.FORWARD_EXTERNAL: _staff(
        lambda w, r, u, now: actions.forward_external(
            r, actor=Actor(user=u), body_name="Kementerian PUPR", now=now
        )
    ),
    Action.FORWARD_TO_PEER: _staff(
        lambda w, r, u, now: forward_to_peer(r, actor=Actor(user=u), peer=_peer(w), now=now)
    ),
    Action.RECORD_PEER_ANSWER: _any(
        lambda w, r, a, now: actions.record_peer_answer(
            r,
            actor=a,
            body="Jembatan sudah diperkuat oleh Balai Jalan Nasional.",
            agency="Balai Jalan Nasional",
            published_at=now,
            now=now,
        )
    ),
    Action.ARCHIVE: _any(
        lambda w, r, a, now: actions.archive_report(r, actor=a, reason_code="duplicate", now=now)
    ),
    Action.DISPOSE: _staff(
        lambda w, r, u, now: actions.dispose_report(
            r,
            actor=Actor(user=u),
            agencies=[_orgs(w, "kapuas-pupr")],
            lead=_orgs(w, "kapuas-pupr"),
            instructions="Mohon segera ditindaklanjuti.",
            now=now,
        )
    ),
    Action.ACCEPT: _staff(
        lambda w, r, u, now: actions.accept_disposition(r, actor=Actor(user=u), now=now)
    ),
    Action.ACCEPT_SUPPORT: _staff(
        lambda w, r, u, now: actions.accept_disposition(r, actor=Actor(user=u), now=now)
    ),
    Action.RETURN_DISPOSITION: _staff(
        lambda w, r, u, now: actions.return_disposition(
            r, actor=Actor(user=u), reason="Bukan tugas PUPR: jalan desa", now=now
        )
    ),
    Action.TRANSFER: _staff(
        lambda w, r, u, now: actions.transfer_report(
            r,
            actor=Actor(user=u),
            to_agency=_orgs(w, "kapuas-diskominfo"),
            reason="Menyangkut layanan informasi publik",
            now=now,
        )
    ),
    Action.DISPOSE_INTERNALLY: _staff(
        lambda w, r, u, now: actions.dispose_internally(
            r, actor=Actor(user=u), division=_orgs(w, "kapuas-pupr-ciptakarya"), now=now
        )
    ),
    Action.REQUEST_CLARIFICATION: _staff(
        lambda w, r, u, now: actions.request_clarification(
            r, actor=Actor(user=u), question="Di depan nomor rumah berapa tepatnya?", now=now
        )
    ),
    Action.CLARIFY: _any(
        lambda w, r, a, now: actions.clarify(
            r, actor=a, answer="Di depan rumah nomor 12, dekat warung.", now=now
        )
    ),
    Action.RECORD_FIELD_CHECK: _staff(
        lambda w, r, u, now: actions.record_field_check(
            r,
            actor=Actor(user=u),
            visited_on=(now - timedelta(days=1)).date(),
            location="Jl. Tambun Bungai, Selat",
            findings="Lubang 1 x 2 meter, kedalaman 20 cm.",
            conclusion="Perlu penambalan segera.",
            ba_number="BA/PUPR/001/2026",
            now=now,
        )
    ),
    Action.SUBMIT_DRAFT: _staff(
        lambda w, r, u, now: actions.submit_draft(
            r,
            actor=Actor(user=u),
            body="Jalan akan ditambal oleh tim Bina Marga minggu ini.",
            now=now,
        )
    ),
    Action.APPROVE_DRAFT: _staff(
        lambda w, r, u, now: actions.approve_draft(r, actor=Actor(user=u), now=now)
    ),
    Action.RETURN_DRAFT: _staff(
        lambda w, r, u, now: actions.return_draft(
            r, actor=Actor(user=u), note="Sebutkan tanggal penambalan.", now=now
        )
    ),
    Action.PUBLISH_FOLLOWUP: _staff(
        lambda w, r, u, now: actions.publish_followup(r, actor=Actor(user=u), now=now)
    ),
    Action.REPLY_SATISFIED: _any(
        lambda w, r, a, now: actions.reply_satisfied(r, actor=a, rating=5, now=now)
    ),
    Action.REPLY_NOT_SATISFIED: _any(
        lambda w, r, a, now: actions.reply_not_satisfied(
            r, actor=a, comment="Lubang belum ditambal.", rating=2, now=now
        )
    ),
    Action.CLOSE: _any(lambda w, r, a, now: actions.close_report(r, actor=a, now=now)),
    Action.REOPEN: _staff(
        lambda w, r, u, now: actions.reopen_report(
            r, actor=Actor(user=u), reason="Pelapor melapor lubang muncul lagi.", now=now
        )
    ),
    Action.FORWARD_OMBUDSMAN: _any(
        lambda w, r, a, now: actions.forward_to_ombudsman(r, actor=a, now=now)
    ),
    Action.REPORTER_MESSAGE: _any(
        lambda w, r, a, now: actions.post_reporter_message(
            r, actor=a, text="Lubangnya makin besar setelah hujan semalam.", now=now
        )
    ),
    Action.REQUEST_PRIVACY_CHANGE: _any(
        lambda w, r, a, now: actions.request_privacy_change(
            r, actor=a, lower_anonymous=True, reason="OPD perlu menghubungi Anda.", now=now
        )
    ),
    Action.ACCEPT_PRIVACY_CHANGE: _any(
        lambda w, r, a, now: actions.accept_privacy_change(
            r, actor=a, request_id=_pending_privacy_request(w, r, now), now=now
        )
    ),
    Action.DECLINE_PRIVACY_CHANGE: _any(
        lambda w, r, a, now: actions.decline_privacy_change(
            r, actor=a, request_id=_pending_privacy_request(w, r, now), now=now
        )
    ),
    **{notice: _notice(notice) for notice in NOTICES},
}


def perform(action: Action, world: World, report: Report, persona: str) -> object:
    return PERFORM[action](world, report, persona, timezone.now())


def snapshot(report: Report) -> dict[str, object]:
    """Everything an action could change on a report, to prove that nothing did."""
    fresh = Report.objects.get(pk=report.pk)
    return {
        "report": {
            f.attname: getattr(fresh, f.attname)
            for f in Report._meta.concrete_fields
            if f.attname != "id"
        },
        "events": list(AuditEvent.objects.filter(report=report).values_list("id", flat=True)),
        "clocks": list(Clock.objects.filter(report=report).order_by("id").values()),
        "assignments": list(Assignment.objects.filter(report=report).order_by("id").values()),
        "followups": list(FollowUp.objects.filter(report=report).order_by("id").values()),
        "messages": Message.objects.filter(report=report).count(),
        "field_checks": FieldCheck.objects.filter(report=report).count(),
        "feedback": Feedback.objects.filter(report=report).count(),
        "attachments": Attachment.objects.filter(report=report).count(),
        "reports": Report.objects.count(),
    }
