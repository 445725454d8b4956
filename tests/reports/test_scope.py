"""What each persona sees as staff: reports_visible_to / get_visible_report (the staff
scope only; the reporter's own reports are ``own_reports``), and identity."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.reports.cells import module_data
from tests.reports.helpers import make_report, report_input
from tuntas.accounts.models import User
from tuntas.core.errors import NotFound
from tuntas.demo.builder import Demo, build_demo
from tuntas.reference.models import Category
from tuntas.reports import actions
from tuntas.reports.access import (
    available_actions,
    can_see_identity,
    capacities,
    get_visible_report,
    reports_visible_to,
)
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status


@dataclass
class Scene:
    """Reports spread over the three Pemdas, agencies, divisions and reporters."""

    demo: Demo
    kapuas_new: Report  # submitted, warga
    kapuas_pupr: Report  # disposed to PUPR, handled by Bina Marga (in_division), warga
    kapuas_pupr_accepted: Report  # accepted by PUPR, no division yet, warga
    kapuas_disdik: Report  # disposed to Disdik, reporter warga2
    kapuas_ombudsman: Report  # forwarded to Ombudsman (PUPR), warga
    majalengka_new: Report  # submitted, warga2
    majalengka_disporbudpar: Report  # accepted by Disporbudpar, warga2
    bangkalan_new: Report  # submitted by someone without an account

    def all(self) -> set[Report]:
        return {
            self.kapuas_new,
            self.kapuas_pupr,
            self.kapuas_pupr_accepted,
            self.kapuas_disdik,
            self.kapuas_ombudsman,
            self.majalengka_new,
            self.majalengka_disporbudpar,
            self.bangkalan_new,
        }


def build_scene() -> Scene:
    demo = build_demo()
    u, o = demo.users, demo.orgs
    disdik = actions.submit_report(
        report_input(demo, category=Category.objects.get(name="Sekolah dan guru")),
        actor=Actor.reporter(u["warga2"]),
    ).report
    actions.verify_report(disdik, actor=Actor(user=u["kapuas.koordinator"]))
    actions.dispose_report(
        disdik,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[o["kapuas-disdik"]],
        lead=o["kapuas-disdik"],
    )
    majalengka_new = actions.submit_report(
        report_input(demo, "majalengka", category=None), actor=Actor.reporter(u["warga2"])
    ).report
    dispor = actions.submit_report(
        report_input(demo, "majalengka", category=None), actor=Actor.reporter(u["warga2"])
    ).report
    actions.verify_report(dispor, actor=Actor(user=u["majalengka.koordinator"]))
    actions.dispose_report(
        dispor,
        actor=Actor(user=u["majalengka.koordinator"]),
        agencies=[o["majalengka-disporbudpar"]],
        lead=o["majalengka-disporbudpar"],
    )
    actions.accept_disposition(dispor, actor=Actor(user=u["majalengka.disporbudpar.admin"]))
    bangkalan = actions.submit_report(
        report_input(demo, "bangkalan", category=None, reporter_phone="081234567890"),
        actor=Actor.reporter(None),
    ).report
    return Scene(
        demo=demo,
        kapuas_new=make_report(demo, Status.SUBMITTED),
        kapuas_pupr=make_report(demo, Status.IN_DIVISION),
        kapuas_pupr_accepted=make_report(demo, Status.ACCEPTED),
        kapuas_disdik=disdik,
        kapuas_ombudsman=make_report(demo, Status.OMBUDSMAN),
        majalengka_new=majalengka_new,
        majalengka_disporbudpar=dispor,
        bangkalan_new=bangkalan,
    )


@pytest.fixture(scope="module")
def _module_scene(django_db_setup: None, django_db_blocker: Any) -> Iterator[Scene]:
    yield from module_data(django_db_blocker, build_scene)


@pytest.fixture
def scene(_module_scene: Scene, db: None) -> Scene:
    return _module_scene


def _expected(s: Scene) -> dict[str, set[Report]]:
    kapuas = {
        s.kapuas_new,
        s.kapuas_pupr,
        s.kapuas_pupr_accepted,
        s.kapuas_disdik,
        s.kapuas_ombudsman,
    }
    pupr = {s.kapuas_pupr, s.kapuas_pupr_accepted, s.kapuas_ombudsman}
    return {
        "nasional": s.all(),
        "kapuas.koordinator": kapuas,
        "kapuas.kasi": kapuas,
        "kapuas.kabid": kapuas,
        "kapuas.apip": kapuas,
        "kapuas.pupr.penghubung": pupr,
        "kapuas.pupr.admin": pupr,
        "kapuas.pupr.kadis": pupr,
        "kapuas.pupr.staf": {s.kapuas_pupr},
        "kapuas.disdik.penghubung": {s.kapuas_disdik},
        "kapuas.disdik.admin": {s.kapuas_disdik},
        "kapuas.kadiskominfo": set(),  # nothing disposed to Diskominfo in this scene
        "majalengka.koordinator": {s.majalengka_new, s.majalengka_disporbudpar},
        "majalengka.disporbudpar.penghubung": {s.majalengka_disporbudpar},
        "majalengka.disporbudpar.admin": {s.majalengka_disporbudpar},
        "majalengka.disporbudpar.kadis": {s.majalengka_disporbudpar},
        "majalengka.disporbudpar.staf": set(),  # no internal disposition yet
        "majalengka.pupr.penghubung": set(),
        "bangkalan.koordinator": {s.bangkalan_new},
        "bangkalan.dishub.penghubung": set(),
        "bangkalan.dishub.admin": set(),
        "bangkalan.dishub.kadis": set(),
        "bangkalan.dishub.staf": set(),
        "ombudsman": {s.kapuas_ombudsman},
        # Citizens have no staff scope: they read their own reports through own_reports.
        "warga": set(),
        "warga2": set(),
    }


PERSONAS = [
    "nasional",
    "kapuas.koordinator",
    "kapuas.kasi",
    "kapuas.kabid",
    "kapuas.apip",
    "kapuas.pupr.penghubung",
    "kapuas.pupr.admin",
    "kapuas.pupr.kadis",
    "kapuas.pupr.staf",
    "kapuas.disdik.penghubung",
    "kapuas.disdik.admin",
    "kapuas.kadiskominfo",
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
    "ombudsman",
    "warga",
    "warga2",
]


def test_every_demo_persona_is_covered(scene: Scene) -> None:
    assert set(PERSONAS) == set(scene.demo.users)


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_sees_exactly_its_scope(scene: Scene, persona: str) -> None:
    user = User.objects.get(username=persona)
    expected = _expected(scene)[persona]
    visible = set(reports_visible_to(user).filter(pk__in=[r.pk for r in scene.all()]))
    assert {r.title + r.tracking_id for r in visible} == {r.title + r.tracking_id for r in expected}
    for report in scene.all():
        if report in expected:
            assert get_visible_report(user, report.tracking_id).pk == report.pk
        else:
            with pytest.raises(NotFound) as hidden:
                get_visible_report(user, report.tracking_id)
            assert hidden.value.status == 404


def test_anonymous_sees_nothing(scene: Scene) -> None:
    assert not reports_visible_to(None).exists()
    with pytest.raises(NotFound):
        get_visible_report(None, scene.kapuas_new.tracking_id)


def test_unknown_tracking_id_is_not_found(scene: Scene) -> None:
    with pytest.raises(NotFound):
        get_visible_report(scene.demo.users["nasional"], "LPR-0000-XXXXXX")


def test_national_admin_sees_everything_including_reports_without_a_pemda(scene: Scene) -> None:
    assert reports_visible_to(scene.demo.users["nasional"]).count() == Report.objects.count()


def test_division_staff_loses_sight_when_the_head_redisposes_to_another_division(
    scene: Scene,
) -> None:
    demo = scene.demo
    actions.dispose_internally(
        scene.kapuas_pupr,
        actor=Actor(user=demo.users["kapuas.pupr.kadis"]),
        division=demo.orgs["kapuas-pupr-ciptakarya"],
    )
    staff = User.objects.get(username="kapuas.pupr.staf")
    assert not reports_visible_to(staff).filter(pk=scene.kapuas_pupr.pk).exists()


@pytest.mark.parametrize("persona", ["kapuas.apip", "kapuas.kasi", "kapuas.kabid", "ombudsman"])
def test_viewers_see_but_may_not_act(scene: Scene, persona: str) -> None:
    user = User.objects.get(username=persona)
    for report in reports_visible_to(user):
        assert available_actions(user, report) == [], report.status


def test_coordinators_dual_viewer_role_does_not_add_actions(scene: Scene) -> None:
    user = User.objects.get(username="kapuas.koordinator")
    assert set(map(str, available_actions(user, scene.kapuas_new))) == {
        "verify",
        "hold",
        "not_in_authority",
        "archive",
        "request_privacy_change",  # the report is anonim and rahasia: ask the reporter
    }


# --- identity (anonim) -------------------------------------------------------------------


def _identity(user: User | None, report: Report, *, is_reporter: bool = False) -> bool:
    return can_see_identity(user, report, capacities(user, report, is_reporter=is_reporter))


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("kapuas.pupr.penghubung", False),
        ("kapuas.pupr.admin", False),
        ("kapuas.pupr.kadis", False),
        ("kapuas.pupr.staf", False),
        ("kapuas.koordinator", True),
        ("nasional", True),
        ("warga", True),
        ("warga2", False),
        ("kapuas.apip", False),
        ("kapuas.disdik.penghubung", False),
    ],
)
def test_anonim_report_hides_the_reporter_from_agencies(
    scene: Scene, persona: str, sees: bool
) -> None:
    report = scene.kapuas_pupr
    assert report.is_anonymous
    assert _identity(User.objects.get(username=persona), report) is sees


def test_reporter_by_access_code_sees_their_own_identity(scene: Scene) -> None:
    assert _identity(None, scene.bangkalan_new, is_reporter=True) is True
    assert _identity(None, scene.bangkalan_new) is False


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("kapuas.pupr.penghubung", True),
        ("kapuas.pupr.kadis", True),
        ("kapuas.pupr.staf", True),
        ("kapuas.koordinator", True),
        ("warga", True),
        ("warga2", False),
        ("kapuas.disdik.penghubung", False),
        ("majalengka.koordinator", False),
    ],
)
def test_named_report_shows_the_reporter_to_the_handling_agency(
    scene: Scene, persona: str, sees: bool
) -> None:
    demo = scene.demo
    u, o = demo.users, demo.orgs
    report = actions.submit_report(
        report_input(demo, is_anonymous=False), actor=Actor.reporter(u["warga"])
    ).report
    actions.verify_report(report, actor=Actor(user=u["kapuas.koordinator"]))
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[o["kapuas-pupr"]],
        lead=o["kapuas-pupr"],
    )
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]))
    actions.dispose_internally(
        report, actor=Actor(user=u["kapuas.pupr.kadis"]), division=o["kapuas-pupr-binamarga"]
    )
    report.refresh_from_db()
    assert _identity(User.objects.get(username=persona), report) is sees


def test_anonim_lifted_with_the_reporters_consent_shows_the_agency_the_reporter(
    scene: Scene,
) -> None:
    demo = scene.demo
    u, o = demo.users, demo.orgs
    report = actions.submit_report(report_input(demo), actor=Actor.reporter(u["warga"])).report
    assert report.is_anonymous and report.is_confidential  # safe defaults
    actions.verify_report(report, actor=Actor(user=u["kapuas.koordinator"]))
    asked = actions.request_privacy_change(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        lower_anonymous=True,
        reason="OPD perlu menghubungi Anda untuk pemeriksaan lapangan.",
    )
    actions.accept_privacy_change(report, actor=Actor.reporter(u["warga"]), request_id=asked.pk)
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[o["kapuas-pupr"]],
        lead=o["kapuas-pupr"],
    )
    report.refresh_from_db()
    assert _identity(User.objects.get(username="kapuas.pupr.penghubung"), report) is True
