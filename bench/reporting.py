"""Time the KPI facts build, the dashboard and the quarterly XLSX export.

    TUNTAS_DATABASE=postgres ... python bench/reporting.py --repeat 5

Run after ``bench/generate.py``. Prints one line per measurement.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date

from _django import setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tuntas.accounts.models import User  # noqa: E402
from tuntas.exports.renderers import render  # noqa: E402
from tuntas.kpi.facts import refresh_all, refresh_changed, refresh_reports  # noqa: E402
from tuntas.organisations.models import Organisation  # noqa: E402
from tuntas.reports.models import Report  # noqa: E402


def timed(label: str, fn: Callable[[], object], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        started = time.monotonic()
        fn()
        runs.append(time.monotonic() - started)
    print(
        f"{label}: median {statistics.median(runs):.2f} s, min {min(runs):.2f} s, "
        f"max {max(runs):.2f} s ({repeat} runs)",
        flush=True,
    )
    return runs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--quarter", type=int, default=None)
    args = parser.parse_args()
    setup_test_environment()
    reports = Report.objects.count()
    print(f"{reports:,} reports", flush=True)
    if not args.skip_build:
        result = refresh_all()
        print(
            f"refresh_kpi --all: {result.reports:,} reports in {result.seconds:.0f} s", flush=True
        )
        with connection.cursor() as cur:
            cur.execute("ANALYZE kpi_reportfact")
            cur.execute("ANALYZE kpi_clockfact")
    timed("refresh_kpi (nothing changed)", refresh_changed, 3)
    sample = list(Report.objects.order_by("?").values_list("pk", flat=True)[:1000])
    timed(
        "refresh of 1,000 changed reports (facts and roll-ups)", lambda: refresh_reports(sample), 3
    )
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM kpi_rollup")
        cells = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM kpi_rolluphistogram")
        buckets = cur.fetchone()[0]
    print(f"roll-up cells {cells:,}, histogram cells {buckets:,}", flush=True)

    kapuas = Organisation.objects.get(code="kapuas")
    year_start = Report.objects.order_by("created_at").values_list("created_at", flat=True)[30]
    year_end = Report.objects.order_by("-created_at").values_list("created_at", flat=True)[0]
    period = f"date_from={year_start.date().isoformat()}&date_to={year_end.date().isoformat()}"
    for username, label in (("kapuas.koordinator", "Pemda (Kapuas)"), ("nasional", "national")):
        refresh_changed()  # as the beat does every minute (recounts the overdue cells)
        client = Client()
        client.force_login(User.objects.get(username=username))
        url = f"/petugas/kinerja/?{period}"

        def view(client: Client = client, url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        timed(f"dashboard page, {label}, one year", view, args.repeat)

        def api(client: Client = client) -> None:
            response = client.get(f"/api/kpi/summary/?{period}")
            assert response.status_code == 200, response.status_code

        timed(f"API summary, {label}, one year", api, args.repeat)

        def compliance(client: Client = client) -> None:
            response = client.get(f"/petugas/kinerja/kepatuhan/?{period}")
            assert response.status_code == 200, response.status_code

        timed(f"compliance page, {label}, one year", compliance, max(1, min(args.repeat, 3)))

    if args.skip_export:
        return
    from tuntas.oversight.quarterly import compile_quarter_document

    # The quarter fully inside the generated year.
    mid = year_start.date() + (year_end.date() - year_start.date()) / 2
    year = args.year or mid.year
    quarter = args.quarter or (mid.month - 1) // 3 + 1
    first_month = 3 * (quarter - 1) + 1
    start = date(year, first_month, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    in_quarter = Report.objects.filter(
        pemda=kapuas, created_at__date__gte=start, created_at__date__lt=end
    ).count()
    print(f"quarter {year} Q{quarter}: {in_quarter:,} Kapuas reports", flush=True)
    sizes: list[int] = []

    def export() -> None:
        document = compile_quarter_document(pemda=kapuas, year=year, quarter=quarter)
        sizes.append(len(render(document, "xlsx")))

    timed("quarterly XLSX export (compile + render)", export, max(1, min(args.repeat, 3)))
    document = compile_quarter_document(pemda=kapuas, year=year, quarter=quarter)
    timed("quarterly XLSX export (render only)", lambda: render(document, "xlsx"), 3)
    print(f"XLSX size {sizes[-1] / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
