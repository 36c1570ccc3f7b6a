"""Spreadsheet exports a vCIO hands to a client's finance or IT team (openpyxl, in memory).

Every cell goes through `sevenc.lib.tabular`, so a note that starts with "=" stays text in Excel.
"""

from __future__ import annotations

from typing import Any

from sevenc.assessments.models import Assessment
from sevenc.catalogue.services import framework_spec
from sevenc.lib.tabular import add_table, append_row, new_workbook, workbook_bytes

MONEY_FORMAT = "#,##0.00"


def assessment_workbook(assessment: Assessment) -> bytes:
    """One row per framework item with its weight, level (or N/A) and the three notes, plus block scores."""
    spec = framework_spec(assessment.framework)
    level_names = {s.level: s.name for s in spec.scale}
    block_names = {b.code: b.name for b in spec.blocks}
    area_titles = {a.code: a.title for a in spec.areas()}
    responses: dict[str, dict[str, Any]] = {
        r["item__code"]: dict(r)
        for r in assessment.responses.values(
            "item__code", "level", "na", "status", "risk", "solution", "evidence"
        )
    }
    weights = assessment.weights or {}
    rows = []
    for item in spec.items():
        r = responses.get(item.code, {})
        level = r.get("level")
        answer = "N/A" if r.get("na") else ("" if level is None else level_names.get(level, ""))
        rows.append(
            [
                block_names[item.block],
                area_titles[item.area],
                item.code,
                item.title,
                int(weights.get(item.code, item.weight)),
                level,
                answer,
                r.get("status", ""),
                r.get("risk", ""),
                r.get("solution", ""),
                r.get("evidence", ""),
            ]
        )
    colour = assessment.client.msp.brand
    book = new_workbook()
    items_sheet = book.active
    items_sheet.title = "Items"
    add_table(
        items_sheet,
        [
            ("Block", 16),
            ("Area", 30),
            ("Code", 11),
            ("Item", 42),
            ("Weight", 8),
            ("Level", 7),
            ("Answer", 13),
            ("Status (facts)", 40),
            ("Risk", 40),
            ("Solution", 40),
            ("Evidence", 30),
        ],
        rows,
        colour,
    )
    block_scores = assessment.block_scores or {}
    score_rows: list[list[Any]] = [
        [b.name, b.question, _rounded(block_scores.get(b.code))] for b in spec.blocks
    ]
    score_rows.append(["ITCQ", "Overall IT management maturity", _rounded(assessment.itcq)])
    add_table(
        book.create_sheet("Scores"), [("Block", 18), ("Key question", 60), ("Score", 10)], score_rows, colour
    )
    about = book.create_sheet("About")
    for row in (
        ["Client", assessment.client.name],
        ["Assessment", assessment.title],
        ["As of", assessment.as_of.isoformat()],
        ["Status", assessment.get_status_display()],
        ["Framework", f"{spec.name} {spec.version}"],
    ):
        append_row(about, row)
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 40
    return workbook_bytes(book)


def _money_format(currency: str) -> str:
    """Thousands separators and cents, after the MSP's currency code (a literal, so Excel shows it as set)."""
    return f'"{currency} "{MONEY_FORMAT}' if currency.isalpha() else MONEY_FORMAT


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def roadmap_workbook(snapshot: dict[str, Any]) -> bytes:
    """The roadmap a review showed: one row per scheduled recommendation, and the budget per quarter and year."""
    roadmap = snapshot.get("roadmap")
    if not roadmap:
        raise ValueError("this review has no roadmap")
    colour = snapshot["msp"]["brand_color"]
    money_format = _money_format(snapshot["msp"].get("currency", ""))
    book = new_workbook()
    plan = book.active
    plan.title = "Roadmap"
    rows = [
        [q["label"], r["title"], r["item"], r["initiative"], r["delivered_by"], r["one_time"], r["monthly"]]
        for q in roadmap["quarters"]
        for r in q["items"]
    ]
    add_table(
        plan,
        [
            ("Quarter", 12),
            ("Recommendation", 48),
            ("Item", 11),
            ("Initiative", 24),
            ("Delivered by", 22),
            ("One-time", 12),
            ("Monthly", 12),
        ],
        rows,
        colour,
        number_format={6: money_format, 7: money_format},
    )
    budget_rows: list[list[Any]] = [
        [q["label"], q["one_time"], q["recurring"], q["one_time"] + q["recurring"], _rounded(q["itcq"])]
        for q in roadmap["quarters"]
    ]
    budget_rows += [
        [y["label"], y["one_time"], y["recurring"], y["one_time"] + y["recurring"], None]
        for y in roadmap["years"]
    ]
    add_table(
        book.create_sheet("Budget"),
        [("Period", 12), ("One-time", 14), ("Recurring", 14), ("Total", 14), ("Projected ITCQ", 15)],
        budget_rows,
        colour,
        number_format={2: money_format, 3: money_format, 4: money_format},
    )
    return workbook_bytes(book)
