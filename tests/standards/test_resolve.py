"""Which limit applies: the nearest organisation's standard first, then its parents',
then the national default; within one standard a classification-specific row first."""

from __future__ import annotations

import pytest

from tuntas.demo.builder import Demo
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Classification
from tuntas.standards.models import ServiceStandard, Step, StepLimit, Unit
from tuntas.standards.presets import NATIONAL, PRESETS, install_preset
from tuntas.standards.resolve import limit_for, pause_on_clarification, standards_chain

WD = Unit.WORKING_DAYS
MIN = Unit.WORKING_MINUTES


def cls(code: str) -> Classification:
    return Classification.objects.get(code=code)


def std(key: str) -> ServiceStandard:
    return ServiceStandard.objects.get(preset_key=key)


def test_presets_are_installed_once_with_one_national_default(demo: Demo) -> None:
    assert ServiceStandard.objects.count() == len(PRESETS)
    assert list(ServiceStandard.objects.filter(is_national_default=True)) == [std("national")]


def test_chain_runs_from_the_agency_through_the_pemda_to_national(demo: Demo) -> None:
    o = demo.orgs
    assert standards_chain(o["majalengka-disporbudpar-pariwisata"]) == [
        std("seed-001-disporbudpar"),
        std("seed-002-majalengka"),
        std("national"),
    ]
    assert standards_chain(o["kapuas-pupr"]) == [std("seed-003-kapuas"), std("national")]
    assert standards_chain(None) == [std("national")]


@pytest.mark.parametrize(
    ("org", "amount", "unit", "source"),
    [
        ("majalengka-disporbudpar", 60, MIN, "seed-001-disporbudpar"),  # agency preset
        ("majalengka-disporbudpar-budaya", 60, MIN, "seed-001-disporbudpar"),  # its division
        ("majalengka-pupr", 2, WD, "seed-002-majalengka"),  # agency without one: Pemda's
        ("majalengka", 2, WD, "seed-002-majalengka"),
        ("kapuas-pupr", 1, WD, "national"),  # Kapuas leaves publication out
        ("national", 1, WD, "national"),
    ],
)
def test_agency_preset_beats_pemda_preset_beats_national(
    demo: Demo, org: str, amount: int, unit: Unit, source: str
) -> None:
    limit = limit_for(Step.PUBLICATION, demo.orgs[org])
    assert limit is not None
    assert (limit.amount, limit.unit, limit.standard.preset_key) == (amount, unit, source)


@pytest.mark.parametrize(
    ("org", "step"),
    [
        ("bangkalan", Step.INTERVENTION_NATIONAL),
        ("majalengka", Step.INTERVENTION_PEMDA),
        ("majalengka-disporbudpar", Step.INTERVENTION_PEMDA),
    ],
)
def test_escalations_come_from_the_nearest_standard_alone(demo: Demo, org: str, step: Step) -> None:
    # Their SOPs set no intervention: the national 5 and 15 days never apply to them.
    assert limit_for(step, demo.orgs[org], cls("complaint")) is None


def test_an_organisation_without_a_standard_gets_the_national_escalations(demo: Demo) -> None:
    limit = limit_for(Step.INTERVENTION_PEMDA, None, cls("complaint"))
    assert limit is not None and (limit.amount, limit.standard.preset_key) == (5, "national")
    kapuas = limit_for(Step.INTERVENTION_NATIONAL, demo.orgs["kapuas-pupr"], cls("complaint"))
    assert kapuas is not None and kapuas.standard.preset_key == "seed-003-kapuas"


@pytest.mark.parametrize(
    ("org", "step", "amount", "source"),
    [
        ("kapuas", Step.COMPLETION, 10, "national"),
        ("kapuas-pupr", Step.APPROVAL, 1, "national"),
        ("bangkalan-dishub", Step.DRAFTING, 5, "national"),
        ("majalengka-disporbudpar", Step.FOLLOWUP, 30, "seed-002-majalengka"),
    ],
)
def test_a_step_missing_from_a_preset_falls_back(
    demo: Demo, org: str, step: Step, amount: int, source: str
) -> None:
    limit = limit_for(step, demo.orgs[org], cls("complaint"))
    assert limit is not None
    assert (limit.amount, limit.standard.preset_key) == (amount, source)


@pytest.mark.parametrize(
    ("classification", "amount"),
    [
        ("information_request", 5),
        ("complaint", 14),
        ("complaint_examination", 60),
        ("aspiration", 14),
    ],
)
def test_national_follow_up_limit_depends_on_the_classification(
    demo: Demo, classification: str, amount: int
) -> None:
    limit = limit_for(Step.FOLLOWUP, None, cls(classification))
    assert limit is not None and limit.amount == amount


def test_classification_specific_limit_beats_the_general_one_of_the_same_standard(
    demo: Demo,
) -> None:
    kapuas = demo.orgs["kapuas-pupr"]
    StepLimit.objects.create(
        standard=std("seed-003-kapuas"),
        step=Step.FOLLOWUP,
        classification=cls("complaint_examination"),
        amount=45,
        unit=WD,
    )
    examination = limit_for(Step.FOLLOWUP, kapuas, cls("complaint_examination"))
    plain = limit_for(Step.FOLLOWUP, kapuas, cls("complaint"))
    unclassified = limit_for(Step.FOLLOWUP, kapuas)
    assert examination is not None and examination.amount == 45
    assert plain is not None and plain.amount == 10  # Kapuas's general row
    assert unclassified is not None and unclassified.amount == 10


def test_the_nearest_standards_general_row_beats_a_farther_specific_one(demo: Demo) -> None:
    # Kapuas sets 10 WD for every follow-up; the national 60 WD for examinations
    # does not override the Pemda's own choice.
    limit = limit_for(Step.FOLLOWUP, demo.orgs["kapuas"], cls("complaint_examination"))
    assert limit is not None
    assert (limit.amount, limit.standard.preset_key) == (10, "seed-003-kapuas")


def test_an_edited_limit_is_used_at_once(demo: Demo) -> None:
    row = StepLimit.objects.get(standard=std("seed-003-kapuas"), step=Step.VERIFICATION)
    row.amount = 2
    row.save()
    limit = limit_for(Step.VERIFICATION, demo.orgs["kapuas"])
    assert limit is not None and limit.amount == 2


def test_reinstalling_a_preset_keeps_edits_unless_reset(demo: Demo) -> None:
    StepLimit.objects.filter(standard=std("national"), step=Step.VERIFICATION).update(amount=7)
    install_preset(NATIONAL)
    assert limit_for(Step.VERIFICATION, None).amount == 7  # type: ignore[union-attr]
    install_preset(NATIONAL, reset=True)
    assert limit_for(Step.VERIFICATION, None).amount == 3  # type: ignore[union-attr]


def test_follow_up_falls_back_to_the_classification_default_without_any_row(demo: Demo) -> None:
    StepLimit.objects.filter(step=Step.FOLLOWUP).delete()
    limit = limit_for(Step.FOLLOWUP, demo.orgs["kapuas-pupr"], cls("information_request"))
    assert limit is not None
    assert (limit.amount, limit.unit, limit.standard.preset_key) == (5, WD, "national")


def test_a_step_no_standard_names_has_no_limit(demo: Demo) -> None:
    StepLimit.objects.filter(step=Step.APPROVAL).delete()
    assert limit_for(Step.APPROVAL, demo.orgs["kapuas-pupr"]) is None


def test_an_organisation_outside_any_pemda_uses_the_national_standard(demo: Demo) -> None:
    limit = limit_for(Step.VERIFICATION, demo.orgs["ombudsman"])
    assert limit is not None and limit.standard.preset_key == "national"


def test_an_agency_may_not_pause_on_clarification_when_its_standard_says_so(
    demo: Demo,
) -> None:
    o = demo.orgs
    assert pause_on_clarification(o["kapuas-pupr"]) is True
    seed_003 = std("seed-003-kapuas")
    seed_003.pause_on_clarification = False
    seed_003.save()
    assert pause_on_clarification(Organisation.objects.get(pk=o["kapuas-pupr"].pk)) is False
    assert pause_on_clarification(o["majalengka-pupr"]) is True
