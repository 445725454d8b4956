"""Horizontal bar charts as inline SVG, laid out on the server (no JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 300  # drawing units; the SVG scales to its container
BAR_SPACE = 230
ROW = 26


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y_text: int
    y_bar: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    width: int = WIDTH


def bar_chart(title: str, items: Sequence[Sequence[Any]], limit: int = 12) -> BarChart | None:
    """``items`` are ``(label, value, ...)`` rows; the largest ``limit`` are drawn."""
    rows = [(str(i[0]), int(i[1])) for i in items][:limit]
    if not rows:
        return None
    top = max(v for _, v in rows) or 1
    bars = []
    for n, (label, value) in enumerate(rows):
        width = round(BAR_SPACE * value / top, 1)
        bars.append(
            Bar(
                label=label if len(label) <= 48 else label[:47] + "…",
                value=value,
                y_text=n * ROW + 10,
                y_bar=n * ROW + 13,
                width=max(width, 1.0),
                value_x=max(width, 1.0) + 4,
            )
        )
    return BarChart(title=title, bars=bars, height=len(rows) * ROW + 4)
