"""Each time rule acts exactly when its deadline passes, for every seed preset.

Every report here starts on Thursday 12 March 2026, 10:00 WIB: its deadlines run
across weekends, Nyepi (19 March), Idul Fitri (20-21 March) with its cuti bersama
(18, 23 and 24 March) and Good Friday (3 April). One second before the deadline the
sweep does nothing; at the deadline it acts once; a second sweep does nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.reports.sweep.seeds import (
    SEED_IDS,
    SEEDS,
    Seed,
    clock,
    disposed,
    followed_up,
    on_hold,
    reload,
    submitted,
)
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.reports.models import Escalation, Report, Status
from tuntas.reports.sweep import sweep
from tuntas.standards.models import Step

WIB = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 12, 10, 0, tzinfo=WIB)
SECOND = timedelta(seconds=1)
Build = Callable[[Demo, Seed, datetime], Report]

# rule: (step, how to build the report, action recorded, status after, {seed: last day})
# The last day is the local date whose end (23:59:59) is the deadline.
RULES: dict[str, tuple[Step, Build, str, Status | None, dict[str, date]]] = {
    "auto_close": (
        Step.AUTO_CLOSE,
        followed_up,
        "close",
        Status.CLOSED,
        {s: date(2026, 4, 2) for s in SEED_IDS},  # 10 WD
    ),
    "ombudsman": (
        Step.OMBUDSMAN,
        disposed,
        "forward_ombudsman",
        Status.OMBUDSMAN,
        {s: date(2026, 6, 23) for s in SEED_IDS},  # 60 WD (1 Muharram 16 June)
    ),
    "archive_incomplete": (
        Step.COMPLETION,
        on_hold,
        "archive",
        Status.ARCHIVED,
        {s: date(2026, 4, 2) for s in SEED_IDS},  # 10 WD (national default)
    ),
    "intervention_pemda": (
        Step.INTERVENTION_PEMDA,
        disposed,
        "intervene_pemda",
        None,
        {"003": date(2026, 3, 26)},  # 5 WD: only Kapuas's SOP intervenes
    ),
    "intervention_national": (
        Step.INTERVENTION_NATIONAL,
        disposed,
        "intervene_national",
        None,
        {"003": date(2026, 4, 10)},  # 15 WD
    ),
    "verification_overdue": (
        Step.VERIFICATION,
        submitted,
        "mark_overdue",
        Status.SUBMITTED,
        {  # 2 WD in Majalengka (seed 002), 3 WD in Kapuas and Bangkalan
            "001": date(2026, 3, 16),
            "002": date(2026, 3, 16),
            "003": date(2026, 3, 17),
            "004": date(2026, 3, 17),
        },
    ),
}
CASES = [
    pytest.param(rule, seed, id=f"{rule}-seed{seed.name}")
    for rule in RULES
    for seed in SEEDS
    if seed.name in RULES[rule][4]
]


def _events(report: Report, action: str) -> int:
    return AuditEvent.objects.filter(report=report, action=action).count()


@pytest.mark.parametrize(("rule", "seed"), CASES)
def test_the_rule_acts_once_exactly_at_its_deadline(demo: Demo, rule: str, seed: Seed) -> None:
    step, build, action, status_after, last_days = RULES[rule]
    report = build(demo, seed, START)
    before = reload(report).status
    due = clock(report, step).due_at
    assert due is not None
    assert due.astimezone(WIB).date() == last_days[seed.name]
    assert (due.astimezone(WIB).hour, due.astimezone(WIB).minute) == (23, 59)

    sweep(due - SECOND)
    assert _events(report, action) == 0
    assert reload(report).status == before

    sweep(due)
    assert _events(report, action) == 1
    assert reload(report).status == (status_after or before)

    sweep(due + timedelta(days=90))
    assert _events(report, action) == 1


def test_interventions_escalate_in_order(demo: Demo) -> None:
    seed = next(s for s in SEEDS if s.name == "003")
    report = disposed(demo, seed, START)
    sweep(clock(report, Step.INTERVENTION_PEMDA).due_at)
    assert reload(report).escalation == Escalation.PEMDA
    sweep(clock(report, Step.INTERVENTION_NATIONAL).due_at)
    assert reload(report).escalation == Escalation.NATIONAL
