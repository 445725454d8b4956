"""What an export is: a document made of sections, rendered to XLSX, PDF or CSV.

Features (the KPI dashboard, recaps, the quarterly report, a report's record) build a
``Document``; ``tuntas.exports.render`` turns it into bytes in the format asked for, so
the numbers in every format come from the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, TypeAlias

from tuntas.organisations.models import Organisation

Cell: TypeAlias = str | int | float | Decimal | date | datetime | None
Format: TypeAlias = Literal["xlsx", "pdf", "csv"]
FORMATS: tuple[Format, ...] = ("xlsx", "pdf", "csv")


@dataclass(frozen=True)
class Table:
    """A titled table; in XLSX each table is a sheet (or a block), in CSV a block."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    # Optional last row, printed bold (totals).
    footer: Sequence[Cell] | None = None


@dataclass(frozen=True)
class KeyValues:
    """Label/value pairs (a report's particulars, a period's summary)."""

    title: str
    items: Sequence[tuple[str, Cell]]


@dataclass(frozen=True)
class Paragraph:
    title: str
    text: str


@dataclass(frozen=True)
class Signature:
    """A sign-off printed at the foot of the document (who, in what capacity, when)."""

    role: str
    name: str
    signed_at: datetime | None = None
    note: str = ""


Section: TypeAlias = Table | KeyValues | Paragraph


@dataclass(frozen=True)
class Document:
    title: str
    # The Pemda (or agency) whose letterhead heads the PDF; None for national documents.
    organisation: Organisation | None
    generated_at: datetime
    subtitle: str = ""
    sections: Sequence[Section] = field(default_factory=tuple)
    signatures: Sequence[Signature] = field(default_factory=tuple)
    # PDF page orientation: None chooses landscape when a table has many columns.
    landscape: bool | None = None
