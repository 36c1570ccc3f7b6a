"""The report's charts: inline vector SVG from `sevenc.charts`, drawn from snapshot data only."""

from __future__ import annotations

from typing import Any

from sevenc import charts


def _unique_ids(svg: str, prefix: str) -> str:
    # pygal numbers its legend anchors from 0 in every chart; two charts in one PDF would clash.
    return svg.replace('id="activate-serie-', f'id="{prefix}-activate-serie-')


def radar_svg(snapshot: dict[str, Any]) -> str:
    blocks = snapshot["blocks"]
    msp = snapshot["msp"]
    series: dict[str, list[float | None]] = {"Now": [b["current"] for b in blocks]}
    colours = [msp["brand_color"]]
    if any(b["previous"] is not None for b in blocks):
        series["Previous"] = [b["previous"] for b in blocks]
        colours.append("#9aa5b1")
    if any(b["target"] is not None for b in blocks):
        series["Target"] = [b["target"] for b in blocks]
        colours.append(msp["accent_color"])
    return _unique_ids(
        charts.radar([b["name"] for b in blocks], series, colors=colours, width=560, height=440), "radar"
    )


def trend_svg(snapshot: dict[str, Any]) -> str:
    trend = snapshot["trend"]
    series: dict[str, list[float | None]] = {"ITCQ": [point["itcq"] for point in trend]}
    svg = charts.trend([point["title"] for point in trend], series, colors=[snapshot["msp"]["brand_color"]])
    return _unique_ids(svg, "trend")


def roadmap_svg(snapshot: dict[str, Any]) -> str:
    """Projected ITCQ at each quarter-end of the roadmap."""
    quarters = snapshot["roadmap"]["quarters"]
    series: dict[str, list[float | None]] = {"Projected ITCQ": [q["itcq"] for q in quarters]}
    svg = charts.trend(
        [q["label"] for q in quarters], series, colors=[snapshot["msp"]["brand_color"]], width=680, height=240
    )
    return _unique_ids(svg, "roadmap")


def frontier_svg(snapshot: dict[str, Any]) -> str:
    """Projected ITCQ at the horizon against the total one-time budget, one point per budget factor."""
    points = [p for p in snapshot["frontier"]["points"] if p.get("itcq_at_horizon") is not None]
    series: dict[str, list[float | None]] = {"ITCQ at the horizon": [p["itcq_at_horizon"] for p in points]}
    svg = charts.trend(
        [f"{p['budget_total']:,.0f}" for p in points],
        series,
        colors=[snapshot["msp"]["brand_color"]],
        width=680,
        height=240,
    )
    return _unique_ids(svg, "frontier")
