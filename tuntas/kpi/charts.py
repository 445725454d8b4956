"""Bar charts as inline SVG, drawn on the server (no JavaScript, nothing from a CDN).

Each chart scales to its container (``viewBox``, width 100 %), so it never makes the
page scroll sideways at 360 px; the data table next to it carries the same numbers for
screen readers (the SVG itself is one labelled image).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
ROW = 30
LABEL_WIDTH = 230
VALUE_ROOM = 70
MAX_LABEL = 32


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str  # the value as printed


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(
    title: str, bars: Sequence[Bar], *, chart_id: str, maximum: float | None = None
) -> SafeString:
    """A horizontal bar chart: one labelled bar per row, the value after the bar."""
    top = max([b.value or 0 for b in bars] + [maximum or 0, 1])
    height = ROW * max(len(bars), 1) + 10
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts = [
        format_html(
            '<svg class="kpi-chart" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-labelledby="{}-title" preserveAspectRatio="xMinYMin meet">'
            '<title id="{}-title">{}</title>',
            WIDTH,
            height,
            chart_id,
            chart_id,
            title,
        )
    ]
    for index, bar in enumerate(bars):
        y = 5 + index * ROW
        length = 0 if not bar.value else max(round(span * bar.value / top), 1)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="kpi-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="kpi-bar"></rect>'
                '<text x="{}" y="{}" class="kpi-value">{}</text>',
                LABEL_WIDTH - 8,
                y + 19,
                _short(bar.label),
                LABEL_WIDTH,
                y + 4,
                length,
                ROW - 10,
                LABEL_WIDTH + length + 6,
                y + 19,
                bar.text,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part escaped above


def number(value: object, suffix: str = "") -> str:
    """1.234 and 12,5 (Indonesian marks); a dash for anything that is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "–"
    if isinstance(value, float):
        text = f"{value:.1f}".replace(".", ",")
    else:
        text = f"{value:,}".replace(",", ".")
    return escape(text + suffix)
