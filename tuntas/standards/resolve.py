"""Which limit applies to a step: the organisation's standard, its parents', then national."""

from __future__ import annotations

from dataclasses import dataclass

from tuntas.organisations.models import Organisation
from tuntas.reference.models import Classification
from tuntas.standards.models import (
    OWN_STANDARD_ONLY,
    CountedFrom,
    ServiceStandard,
    Step,
    StepLimit,
    Unit,
)


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: Unit
    min_amount: int | None
    standard: ServiceStandard
    counted_from: CountedFrom = CountedFrom.STEP_START


def standards_chain(org: Organisation | None) -> list[ServiceStandard]:
    """Standards to consult for ``org``, nearest first, ending with the national default."""
    chain: list[ServiceStandard] = []
    if org is not None:
        for node in org.ancestors():
            if node.service_standard is not None and node.service_standard not in chain:
                chain.append(node.service_standard)
    national = ServiceStandard.objects.filter(is_national_default=True).first()
    if national is not None and national not in chain:
        chain.append(national)
    return chain


def limit_for(
    step: Step, org: Organisation | None, classification: Classification | None = None
) -> Limit | None:
    """The limit for ``step``; a classification-specific row beats a general one.

    A step a standard leaves out falls back to its parents' standards and the national
    default, except the escalations (``OWN_STANDARD_ONLY``): those come from the nearest
    standard alone, so a preset runs only the interventions its own SOP sets."""
    chain = standards_chain(org)
    if step in OWN_STANDARD_ONLY:
        chain = chain[:1]
    for standard in chain:
        rows = list(StepLimit.objects.filter(standard=standard, step=step))
        specific = [r for r in rows if classification and r.classification_id == classification.pk]
        general = [r for r in rows if r.classification_id is None]
        candidates = specific or general
        if candidates:
            row = candidates[0]
            return Limit(
                row.amount, Unit(row.unit), row.min_amount, standard, CountedFrom(row.counted_from)
            )
    if step == Step.FOLLOWUP and classification is not None:
        national = ServiceStandard.objects.filter(is_national_default=True).first()
        if national is not None:
            return Limit(classification.default_followup_days, Unit.WORKING_DAYS, None, national)
    return None


def pause_on_clarification(org: Organisation | None) -> bool:
    chain = standards_chain(org)
    return chain[0].pause_on_clarification if chain else True


def answers_reach_national(org: Organisation | None) -> bool:
    """Whether the national admin hears of an agency's answer (the nearest standard's
    ``answers_reach_national``; seed 002 step 6)."""
    chain = standards_chain(org)
    return chain[0].answers_reach_national if chain else False
