"""One report per submission key: replays, conflicts, the race, and what a replay shows."""

from __future__ import annotations

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from tests.api.helpers import snapshot
from tests.reports.helpers import report_input
from tuntas.core.errors import Conflict
from tuntas.reports import actions, submissions
from tuntas.reports.models import Report, SubmissionKey
from tuntas.reports.submissions import REVEAL_SECONDS, Key, submit_once

KEY = Key(scope="web", value="f0rm-t0ken-aaaaaaaaaaaaaaaa")


def test_the_first_post_makes_the_report_and_keeps_only_hashes(demo) -> None:
    first = submit_once(
        report_input(demo, reporter_email="a@b.id"), actor=actions.Actor.reporter(None), key=KEY
    )
    assert not first.replayed and len(first.access_code) == 8
    row = SubmissionKey.objects.get()
    assert row.report == first.report
    assert KEY.value not in row.key and first.access_code not in row.sealed_code
    assert len(row.key) == 64 and len(row.fingerprint) == 64


def test_a_replay_answers_the_same_report_and_changes_nothing(demo) -> None:
    data = report_input(demo, reporter_email="a@b.id")
    first = submit_once(data, actor=actions.Actor.reporter(None), key=KEY)
    before = snapshot()
    again = submit_once(
        report_input(demo, reporter_email="a@b.id"), actor=actions.Actor.reporter(None), key=KEY
    )
    assert again.replayed
    assert again.report == first.report
    assert again.access_code == first.access_code  # the same sender, within the window
    assert snapshot() == before  # no report, event, notification or e-mail more


def test_after_the_window_a_replay_no_longer_shows_the_code(demo) -> None:
    now = timezone.now()
    submit_once(
        report_input(demo, reporter_email="a@b.id"),
        actor=actions.Actor.reporter(None),
        key=KEY,
        now=now,
    )
    later = now + timedelta(seconds=REVEAL_SECONDS + 1)
    again = submit_once(
        report_input(demo, reporter_email="a@b.id"),
        actor=actions.Actor.reporter(None),
        key=KEY,
        now=later,
    )
    assert again.replayed and again.access_code == ""


def test_the_same_key_with_other_content_is_a_conflict_and_reveals_nothing(demo) -> None:
    submit_once(
        report_input(demo, reporter_email="a@b.id"), actor=actions.Actor.reporter(None), key=KEY
    )
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        submit_once(
            report_input(demo, reporter_email="lain@b.id"),
            actor=actions.Actor.reporter(None),
            key=KEY,
        )
    assert refused.value.code == "submission_key_reused"
    assert "LPR-" not in refused.value.message
    assert snapshot() == before


def test_keys_of_different_scopes_never_meet(demo) -> None:
    data = report_input(demo, reporter_email="a@b.id")
    web = submit_once(data, actor=actions.Actor.reporter(None), key=KEY)
    api = submit_once(
        data, actor=actions.Actor.reporter(None), key=Key(scope="api:anonymous", value=KEY.value)
    )
    assert web.report != api.report and not api.replayed


def test_the_database_not_a_check_decides_the_race(demo) -> None:
    """The loser of a race passes the look-up (the winner has not committed yet); the
    unique key then fails its insert, its report is rolled back, it answers the winner's."""
    winner = submit_once(
        report_input(demo, reporter_email="a@b.id"), actor=actions.Actor.reporter(None), key=KEY
    )
    before = snapshot()
    real = submissions._existing
    calls: list[str] = []

    def blind_first(digest: str) -> SubmissionKey | None:
        calls.append(digest)
        return None if len(calls) == 1 else real(digest)

    with mock.patch.object(submissions, "_existing", blind_first):
        loser = submit_once(
            report_input(demo, reporter_email="a@b.id"), actor=actions.Actor.reporter(None), key=KEY
        )
    assert len(calls) == 2  # the look-up missed; the insert failed; the winner was read
    assert loser.replayed and loser.report == winner.report
    assert loser.access_code == winner.access_code
    assert snapshot() == before


def test_without_a_key_every_call_is_a_new_report(demo) -> None:
    data = report_input(demo, reporter_email="a@b.id")
    submit_once(data, actor=actions.Actor.reporter(None), key=None)
    submit_once(data, actor=actions.Actor.reporter(None), key=None)
    assert Report.objects.count() == 2 and not SubmissionKey.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_of_one_form_make_one_report(demo) -> None:
    barrier = threading.Barrier(2)
    outcomes: list[submissions.Outcome] = []
    errors: list[BaseException] = []

    def post() -> None:
        try:
            barrier.wait()
            data = report_input(demo, reporter_email="a@b.id")
            outcomes.append(submit_once(data, actor=actions.Actor.reporter(None), key=KEY))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Report.objects.count() == 1
    assert {o.report.pk for o in outcomes} == {Report.objects.get().pk}
    assert sorted(o.replayed for o in outcomes) == [False, True]
    assert len({o.access_code for o in outcomes}) == 1
