"""Turn a snapshot into what the template prints: rounded numbers, changes, labels, colours. No Django.

Rounding lives here (one decimal, like the rest of the app) so the PDF, the web view and the tests
agree on the figures a client sees.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sevenc.charts import heat_class
from sevenc.lib.money import money as lib_money


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def change(current: float | None, before: float | None) -> dict[str, str] | None:
    if current is None or before is None:
        return None
    delta = current - before
    direction = "up" if delta >= 0.05 else "down" if delta <= -0.05 else "flat"
    return {"text": f"{delta:+.1f}", "direction": direction}


ITEMS_PER_QUARTER = 6


def money(value: float | None, currency: str = "") -> str:
    """An amount in the MSP's currency (frozen in the snapshot; older snapshots have none)."""
    return lib_money(value, currency)


def delivery_view(delivery: dict[str, Any] | None, currency: str = "") -> dict[str, Any] | None:
    """Execution since the last review, as the report prints it (snapshots before execution have none)."""
    if not delivery:
        return None
    return {
        **delivery,
        "since_text": long_date(delivery["since"]),
        "delivered_spend_text": money(delivery["spend"]["delivered"], currency),
        "planned_spend_text": money(delivery["spend"]["planned"], currency),
        "next_spend_text": money(delivery["next_quarter"]["one_time"], currency),
        "level_changes": [
            f"{row['item']} → level {row['target_level']}"
            for row in delivery["delivered"]
            if row["target_level"] is not None
        ],
    }


def roadmap_view(roadmap: dict[str, Any] | None, currency: str = "") -> dict[str, Any] | None:
    if not roadmap:
        return None
    quarters = [
        {
            **q,
            "one_time_text": money(q["one_time"], currency),
            "recurring_text": money(q["recurring"], currency),
            "total_text": money(q["one_time"] + q["recurring"], currency),
            "itcq_text": fmt(q["itcq"]),
            # An executive reads the headlines; the full list is in the roadmap spreadsheet.
            "shown": q["items"][:ITEMS_PER_QUARTER],
            "more": max(0, len(q["items"]) - ITEMS_PER_QUARTER),
        }
        for q in roadmap["quarters"]
    ]
    years = [
        {
            **y,
            "one_time_text": money(y["one_time"], currency),
            "recurring_text": money(y["recurring"], currency),
            "total_text": money(y["one_time"] + y["recurring"], currency),
        }
        for y in roadmap["years"]
    ]
    return {**roadmap, "quarters": quarters, "years": years}


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.day} {day:%B %Y}"


def present(snapshot: dict[str, Any]) -> dict[str, Any]:
    itcq = snapshot["itcq"]
    blocks = [
        {
            **block,
            "current_text": fmt(block["current"]),
            "previous_text": fmt(block["previous"]),
            "target_text": fmt(block["target"]),
            "change": change(block["current"], block["previous"]),
            # Bar widths for the score column; scores are already on a 0–100 scale.
            "bar": max(0.0, min(100.0, block["current"] or 0.0)),
            "heat": heat_class(block["current"]),  # the band's colours: a class of heat.css
        }
        for block in snapshot["blocks"]
    ]
    has_targets = any(b["target"] is not None for b in blocks) or itcq.get("target") is not None
    meeting = snapshot["meeting"]
    trend = [
        {**point, "itcq_text": fmt(point["itcq"]), "date_text": long_date(point["as_of"])}
        for point in snapshot["trend"]
    ]
    return {
        "s": snapshot,
        "date_text": long_date(meeting["date"]),
        "profile_title": "The 7C profile" if snapshot["framework"]["code"] == "7c" else "The profile",
        "itcq_text": fmt(itcq["current"]),
        "previous_text": fmt(itcq["previous"]),
        "target_text": fmt(itcq.get("target")),
        "itcq_change": change(itcq["current"], itcq["previous"]),
        "completeness_text": "—" if itcq["completeness"] is None else f"{itcq['completeness']:.0%}",
        "blocks": blocks,
        "has_targets": has_targets,
        "trend": trend,
        "has_meeting_notes": any(meeting[key] for key in ("attendees", "agenda", "decisions", "next_steps")),
        "has_roadmap": bool(snapshot.get("roadmap")),
        "delivery": delivery_view(snapshot.get("delivery"), snapshot["msp"].get("currency", "")),
        "roadmap": roadmap_view(snapshot.get("roadmap"), snapshot["msp"].get("currency", "")),
        "gaps_have_targets": any(g.get("target_level") is not None for g in snapshot["gaps"]),
        "responsibility": snapshot.get("responsibility"),  # absent from snapshots held before the matrix
    }
