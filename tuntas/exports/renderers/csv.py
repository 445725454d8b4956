"""CSV: UTF-8 with a BOM, ``;``-separated with decimal commas (Excel in Indonesian).

Every section is a titled block separated by an empty line; text a spreadsheet would run
as a formula is prefixed with ``'``. ``TUNTAS_EXPORT_CSV_DELIMITER=,`` switches to commas
and decimal points (Excel in English).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from tuntas.exports.cells import document_zone, local_naive, neutralise, zone_label
from tuntas.exports.document import Cell, Document, KeyValues, Paragraph, Table


def csv_delimiter() -> str:
    return str(getattr(settings, "TUNTAS_EXPORT_CSV_DELIMITER", ";"))


def csv_cell(value: Cell, zone: tzinfo, decimal_mark: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_naive(value, zone).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return text.replace(".", decimal_mark)
    return neutralise(str(value))


def render_csv(document: Document) -> bytes:
    delimiter = csv_delimiter()
    decimal_mark = "," if delimiter == ";" else "."
    zone = document_zone(document)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")

    def row(values: Sequence[Cell]) -> None:
        writer.writerow([csv_cell(value, zone, decimal_mark) for value in values])

    row([document.title])
    if document.subtitle:
        row([document.subtitle])
    if document.organisation is not None:
        row([_("Instansi"), document.organisation.name])
    row([_("Dibuat"), document.generated_at, zone_label(zone)])
    for section in document.sections:
        writer.writerow([])
        row([section.title])
        if isinstance(section, Table):
            row(list(section.headers))
            for values in section.rows:
                row(values)
            if section.footer is not None:
                row(section.footer)
        elif isinstance(section, KeyValues):
            for label, value in section.items:
                row([label, value])
        elif isinstance(section, Paragraph):
            row([section.text])
    if document.signatures:
        writer.writerow([])
        row([_("Tanda tangan")])
        row([_("Jabatan"), _("Nama"), _("Waktu"), _("Catatan")])
        for signature in document.signatures:
            row([signature.role, signature.name, signature.signed_at, signature.note])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
