"""Time the clock sweep on a database filled by ``generate.py``.

    TUNTAS_DATABASE=postgres TUNTAS_DB_PORT=5544 python bench/sweep.py [--workers 2]

1. Nothing due: the sweep as of two hours ago (before the generated due clocks), run
   ``--repeat`` times; prints the median and worst time, and the claim query's plan.
2. Many due: one sweep as of now, in ``--workers`` processes at once (``--arm N``
   first makes N more clocks due, to measure again on the same data); prints the
   actions taken, the seconds and the actions per second, then checks that no report
   got the same action twice.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time
from datetime import timedelta

from _django import setup

setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from tuntas.reports.sweep import sweep  # noqa: E402
from tuntas.reports.sweep.run import due_clocks  # noqa: E402


def nothing_due(repeat: int) -> None:
    as_of = timezone.now() - timedelta(hours=2)
    sweep(as_of)  # warm up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = sweep(as_of)
        times.append((time.perf_counter() - started) * 1000)
        assert result.total_actions == 0, result.summary()
    print(
        f"nothing due: median {statistics.median(times):.2f} ms, "
        f"worst {max(times):.2f} ms over {repeat} sweeps"
    )
    sql, params = due_clocks(as_of).order_by("due_at", "id")[:500].query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print("claim query plan:\n  " + "\n  ".join(row[0] for row in cur.fetchall()))


def _worker(_: int) -> tuple[int, float, str]:
    connection.close()  # a fresh connection per process
    started = time.perf_counter()
    result = sweep()
    return result.total_actions, time.perf_counter() - started, result.summary()


def many_due(workers: int) -> None:
    started = time.perf_counter()
    if workers == 1:
        results = [_worker(0)]
    else:
        connection.close()
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_worker, range(workers))
    elapsed = time.perf_counter() - started
    total = sum(r[0] for r in results)
    for i, (_count, seconds, summary) in enumerate(results):
        print(f"worker {i}: {seconds:.2f} s, {summary}")
    print(f"many due: {total:,} actions in {elapsed:.2f} s = {total / elapsed:,.0f} actions/s")
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM (SELECT report_id, action FROM audit_auditevent"
            " WHERE action IN ('close', 'intervene_pemda', 'intervene_national',"
            " 'forward_ombudsman', 'mark_overdue', 'archive')"
            " GROUP BY report_id, action, data->>'step' HAVING count(*) > 1) d"
        )
        doubles = cur.fetchone()[0]
    print(f"reports with the same sweep action twice: {doubles}")
    assert doubles == 0


def arm(count: int) -> None:
    """Make ``count`` more clocks due now (half auto-close, half national intervention),
    so the throughput can be measured again without generating the data anew."""
    with connection.cursor() as cur:
        for step in ("auto_close", "intervention_national"):
            cur.execute(
                "UPDATE reports_clock SET due_at = now() - interval '1 minute' WHERE id IN ("
                " SELECT id FROM reports_clock WHERE step = %s AND stopped_at IS NULL"
                " AND acted_at IS NULL AND due_at > now() ORDER BY id LIMIT %s)",
                [step, count // 2],
            )
            print(f"armed {cur.rowcount:,} {step} clocks")
        cur.execute("ANALYZE reports_clock")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--arm", type=int, default=0, help="make this many more clocks due")
    args = parser.parse_args()
    if args.arm:
        arm(args.arm)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM reports_clock WHERE stopped_at IS NULL")
        print(f"open clocks: {cur.fetchone()[0]:,}")
    nothing_due(args.repeat)
    many_due(args.workers)


if __name__ == "__main__":
    main()
