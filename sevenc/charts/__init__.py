"""The one chart module: pygal drawn server-side into self-contained inline SVG strings.

Used by the web pages (client page, assessment comparison) and by the QBR report / roadmap PDFs, so the
SVG carries no scripts, no external fonts and no XML declaration: paste it straight into HTML with
`{{ svg|safe }}` (or use `data_uri()` for an `<img src>`), in a browser or in WeasyPrint.

API (scores are on the 0–100 scale; `None` is a gap, drawn as a missing point, never as zero):

    radar(labels, series, *, title=None, colors=None, width=520, height=420) -> str
        One axis per label (e.g. the 7 block names), one filled polygon per series, in dict order
        (e.g. {"2026 Q3": [...], "2026 Q2": [...], "Target": [...]}). A None is drawn at the centre.
    trend(labels, series, *, title=None, colors=None, width=640, height=300, y_range=(0, 100)) -> str
        A line chart: x labels in order (assessment titles, or quarters for a projected ITCQ),
        one line per series.
    bars(labels, series, *, title=None, colors=None, width=640, height=300, horizontal=False,
         y_range=(0, 100)) -> str
        Grouped bars, e.g. block score per block for two assessments, or block deltas with
        `y_range=None` (the axis then fits negative values).
    score_colour(score) -> str
        The heatmap colour for a score (hex), "#e5e7eb" for None; `score_text_colour` gives a readable
        text colour on top of it. `SCORE_BANDS` documents the bands.
    data_uri(svg) -> str
        The SVG as a `data:image/svg+xml;base64,…` URI.

`colors` is a sequence of hex colours applied to the series in order; the default palette starts with a
deep blue (latest), a grey (previous) and an orange (target), matching the MSP default brand colours.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence

import pygal
from pygal.style import Style

Series = Mapping[str, Sequence[float | None]]

DEFAULT_COLORS = ("#1f4e79", "#9aa5b1", "#e07a1f", "#2e8b57", "#8e44ad", "#c0392b")
FONT_STACK = "DejaVu Sans, Helvetica, Arial, sans-serif"

# (lower bound, background colour): a score at or above the bound takes the colour.
SCORE_BANDS: tuple[tuple[float, str], ...] = (
    (80.0, "#1a7f4b"),  # leading
    (65.0, "#5fae6e"),  # managed
    (50.0, "#c9d86a"),  # developing
    (35.0, "#f2c14e"),  # basic
    (20.0, "#ec8c4a"),  # weak
    (0.0, "#d9534f"),  # critical
)
NO_SCORE_COLOUR = "#e5e7eb"
# pygal still embeds its config as a <script> and credits as comments; neither belongs in a page or PDF.
_SCRIPT_OR_COMMENT = re.compile(r"<script\b.*?</script>|<!--.*?-->", re.DOTALL)


def score_colour(score: float | None) -> str:
    if score is None:
        return NO_SCORE_COLOUR
    for bound, colour in SCORE_BANDS:
        if score >= bound:
            return colour
    return SCORE_BANDS[-1][1]


def score_text_colour(score: float | None) -> str:
    """Dark text on the light middle bands, white on the saturated ends (WCAG AA contrast)."""
    if score is None or 20.0 <= score < 65.0:
        return "#1b1f24"
    return "#ffffff"


def _style(colors: Sequence[str] | None, fill_opacity: str = ".22") -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#374151",
        foreground_strong="#111827",
        foreground_subtle="#d1d5db",
        colors=tuple(colors or DEFAULT_COLORS),
        font_family=FONT_STACK,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=12,
        title_font_size=14,
        value_font_size=11,
        tooltip_font_size=12,
        opacity=fill_opacity,
        opacity_hover=fill_opacity,
        stroke_opacity="1",
        transition="0ms",
        guide_stroke_color="#d1d5db",
        major_guide_stroke_color="#9ca3af",
        guide_stroke_dasharray="3,3",
        major_guide_stroke_dasharray="3,3",
    )


def _common(
    title: str | None, colors: Sequence[str] | None, width: int, height: int, fill_opacity: str = ".22"
) -> dict[str, object]:
    # No scripts (no pygal tooltips): the SVG must render offline and inside PDFs.
    return {
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": True,
        "width": width,
        "height": height,
        "title": title,
        "style": _style(colors, fill_opacity),
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "margin": 10,
        "margin_bottom": 18,  # room for the legend's descenders
        "truncate_label": -1,
        "truncate_legend": -1,
        "print_values": False,
        "show_y_guides": True,
    }


def _values(values: Sequence[float | None]) -> list[float | None]:
    return [None if v is None else round(float(v), 1) for v in values]


def _check(labels: Sequence[str], series: Series) -> None:
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")


def _render(chart: pygal.graph.graph.Graph, series: Series) -> str:
    for name, values in series.items():
        chart.add(name, _values(values))
    svg = chart.render(is_unicode=True)
    assert isinstance(svg, str)
    return _SCRIPT_OR_COMMENT.sub("", svg)


def radar(
    labels: Sequence[str],
    series: Series,
    *,
    title: str | None = None,
    colors: Sequence[str] | None = None,
    width: int = 520,
    height: int = 420,
) -> str:
    _check(labels, series)
    common = _common(title, colors, width, height)
    common["legend_at_bottom_columns"] = max(1, min(3, len(series)))
    chart = pygal.Radar(
        fill=True,
        range=(0, 100),
        dots_size=3,
        show_legend=bool(series),
        **common,
    )
    chart.x_labels = list(labels)
    chart.y_labels = [20, 40, 60, 80, 100]
    return _render(chart, series)


def trend(
    labels: Sequence[str],
    series: Series,
    *,
    title: str | None = None,
    colors: Sequence[str] | None = None,
    width: int = 640,
    height: int = 300,
    y_range: tuple[float, float] | None = (0, 100),
) -> str:
    _check(labels, series)
    chart = pygal.Line(
        range=y_range,
        dots_size=4,
        stroke_style={"width": 2.5},
        x_label_rotation=0 if len(labels) <= 8 else 30,
        show_legend=len(series) > 1,
        allow_interruptions=True,
        print_values_position="top",
        margin_right=28,
        formatter=lambda value: f"{value:.1f}",
        **{**_common(title, colors, width, height), "print_values": len(labels) <= 12},
    )
    chart.x_labels = list(labels)
    if y_range == (0, 100):
        chart.y_labels = [0, 20, 40, 60, 80, 100]
    return _render(chart, series)


def bars(
    labels: Sequence[str],
    series: Series,
    *,
    title: str | None = None,
    colors: Sequence[str] | None = None,
    width: int = 640,
    height: int = 300,
    horizontal: bool = False,
    y_range: tuple[float, float] | None = (0, 100),
) -> str:
    _check(labels, series)
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(
        range=y_range,
        show_legend=len(series) > 1,
        x_label_rotation=0 if horizontal or len(labels) <= 6 else 25,
        **_common(title, colors, width, height, fill_opacity=".85"),  # bars are read by their fill
    )
    chart.x_labels = list(labels)
    return _render(chart, series)


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
