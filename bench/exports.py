"""Time the export renderers on one big table (no database needed).

    .venv/bin/python bench/exports.py xlsx:100000 csv:100000 pdf:1000

Each argument is FORMAT:ROWS; the table has 10 columns of text, integers, floats,
Decimals, datetimes and dates. Set TUNTAS_EXPORT_PDF_MAX_ROWS above ROWS to time a PDF
without the row cap. Prints wall-clock and CPU seconds and the file size.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path


def main(args: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuntas.settings")
    os.environ.setdefault("TUNTAS_DEBUG", "true")
    os.environ.setdefault("TUNTAS_DATABASE", "sqlite")
    import django

    django.setup()
    from tuntas.exports.document import Cell, Document, Format, Table
    from tuntas.exports.renderers import render

    start = datetime(2026, 1, 1, tzinfo=UTC)

    def document(n: int) -> Document:
        rows: list[list[Cell]] = [
            [
                f"LPR-2601-{i:06d}",
                "Jalan berlubang di depan SD",
                "Dinas PUPR",
                i,
                i * 1.5,
                Decimal("3.25"),
                start + timedelta(minutes=i),
                (start + timedelta(days=i % 300)).date(),
                "Selesai",
                "=cmd" if i % 1000 == 0 else "ok",
            ]
            for i in range(n)
        ]
        headers = [f"Kolom {c}" for c in range(10)]
        return Document(
            title="Bench",
            organisation=None,
            generated_at=start,
            sections=[Table("Data", headers, rows)],
        )

    formats: dict[str, Format] = {"xlsx": "xlsx", "csv": "csv", "pdf": "pdf"}
    for arg in args or ["xlsx:100000", "csv:100000", "pdf:1000"]:
        name, _, count = arg.partition(":")
        doc = document(int(count))
        wall, cpu = time.perf_counter(), time.process_time()
        out = render(doc, formats[name])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"{name} {int(count):,} rows x 10 cols: {wall:.2f} s wall, {cpu:.2f} s CPU, "
            f"{len(out) / 1e6:.1f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
