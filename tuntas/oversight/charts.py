"""Horizontal bar charts as inline SVG, laid out on the server (no JavaScript).

Coordinates are written as text here, with a decimal point: a float left to the
template would print as ``230,0`` under the Indonesian locale, which SVG reads as no
width at all (the bars vanished).
"""

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
    width: str  # SVG coordinates, already written with a decimal point
    value_x: str


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    width: int = WIDTH


def coordinate(value: float) -> str:
    """An SVG length with a decimal point and no trailing zeros, whatever the locale."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


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
                width=coordinate(max(width, 1.0)),
                value_x=coordinate(max(width, 1.0) + 4),
            )
        )
    return BarChart(title=title, bars=bars, height=len(rows) * ROW + 4)
