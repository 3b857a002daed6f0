"""The statistics page's charts, drawn on the server as SVG (issue 16).

A small bar chart of our own, laid out here and written by the template `_chart.svg`: the
three charts are bars of at most 12 months, which a charting library (pygal, matplotlib)
would draw with more code to load than this module has, and with markup we could not keep
as simple. Each chart is an image to assistive technology (role="img", a title and a
description) and the page puts its table beside it, so no figure is only in the drawing.
Colours are darker than 3:1 against white, series also differ by their place (stacked or
side by side) and the legend names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pra.web.public.statistics_words import MONTHS, STATISTICS_TEXT

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 44
COLOURS = ("#1f5f8b", "#a33f00", "#4d4d4d")  # 7.0:1, 6.6:1 and 8.6:1 on white
CHARTS = ("received", "determinations", "days")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    series: list[tuple[str, str]]  # (name, colour)
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (y, value)
    labels: list[tuple[float, str, str]]  # (x, month, year when it starts one)
    columns: list[str]  # the table's: month, then each series
    rows: list[list[str]]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    left: int = LEFT
    right: int = WIDTH - RIGHT


def _nice_top(value: int) -> tuple[int, int]:
    """A round top for the axis and the step of its ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * max(1, -(-value // step)), step
    step = 10 ** len(str(value))
    return step, step // 4


def _series(summary: dict[str, Any], chart: str) -> tuple[list[str], list[list[int | None]]]:
    months = list(reversed(summary.get("months", [])[:12]))
    periods = [m["period"] for m in months]
    if chart == "received":
        return periods, [[m["received"]["total"] for m in months]]
    if chart == "determinations":
        return periods, [
            [m["determinations"]["on_time"] for m in months],
            [m["determinations"]["late"] for m in months],
        ]
    days = [m["determinations"]["days"] for m in months]
    return periods, [[d["median"] for d in days], [d["p90"] for d in days]]


def chart(summary: dict[str, Any], name: str, language: str) -> Chart:
    words = STATISTICS_TEXT[language]
    periods, values = _series(summary, name)
    names = {
        "received": [words["received"]],
        "determinations": [words["on_time"], words["late"]],
        "days": [words["median"], words["p90"]],
    }[name]
    stacked = name == "determinations"
    totals = [sum(v or 0 for v in column) for column in zip(*values, strict=True)]
    highest = max((totals if stacked else [v or 0 for series in values for v in series]), default=0)
    top, step = _nice_top(max(highest, 1))
    plot_height = HEIGHT - TOP - BOTTOM
    scale = plot_height / top
    slot = (WIDTH - LEFT - RIGHT) / max(len(periods), 1)
    bars = []
    for i in range(len(periods)):
        x = LEFT + i * slot + slot * 0.15
        width = slot * 0.7
        base = float(HEIGHT - BOTTOM)
        for s, series in enumerate(values):
            value = series[i] or 0
            if not value:
                continue
            height = value * scale
            if stacked:
                bars.append(Bar(x, base - height, width, height, COLOURS[s]))
                base -= height
            else:
                each = width / len(values)
                bars.append(Bar(x + s * each, base - height, each, height, COLOURS[s]))
    ticks = [(HEIGHT - BOTTOM - v * scale, v) for v in range(0, top + 1, step)]
    labels = []
    for i, period in enumerate(periods):
        year, month = period.split("-")
        first = i == 0 or month == "01"
        labels.append((LEFT + (i + 0.5) * slot, MONTHS[language][int(month) - 1], year * first))
    rows = [
        [_month_name(period, language), *(_text(series[i], words) for series in values)]
        for i, period in enumerate(periods)
    ]
    return Chart(
        id=f"pra-chart-{name}",
        title=words[f"chart_{name}"],
        desc=words[f"chart_{name}_desc"],
        series=[(n, COLOURS[s]) for s, n in enumerate(names)],
        bars=bars,
        ticks=ticks,
        labels=labels,
        columns=[words["month"], *names],
        rows=rows,
    )


def _month_name(period: str, language: str) -> str:
    year, month = period.split("-")
    return f"{MONTHS[language][int(month) - 1]} {year}"


def _text(value: int | None, words: dict[str, str]) -> str:
    return "–" if value is None else str(value)
