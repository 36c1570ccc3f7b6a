"""Spreadsheet exports a vCIO hands to a client's finance or IT team (openpyxl, in memory)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sevenc.assessments.models import Assessment
from sevenc.catalogue.services import framework_spec

HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")


def _table(
    sheet: Worksheet, headers: Sequence[tuple[str, int]], rows: Sequence[Sequence[Any]], colour: str
) -> None:
    """Write a header row (name, width) and rows: bold coloured header, frozen below it, wrapped text."""
    fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
    for column, (name, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=name)
        cell.font = HEADER_FONT
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in rows:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = WRAP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"


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
    colour = assessment.client.msp.brand_color
    book = Workbook()
    items_sheet = book.active
    assert items_sheet is not None
    items_sheet.title = "Items"
    _table(
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
    scores = book.create_sheet("Scores")
    block_scores = assessment.block_scores or {}
    score_rows: list[list[Any]] = [
        [b.name, b.question, _rounded(block_scores.get(b.code))] for b in spec.blocks
    ]
    score_rows.append(["ITCQ", "Overall IT management maturity", _rounded(assessment.itcq)])
    _table(scores, [("Block", 18), ("Key question", 60), ("Score", 10)], score_rows, colour)
    about = book.create_sheet("About")
    for row in (
        ["Client", assessment.client.name],
        ["Assessment", assessment.title],
        ["As of", assessment.as_of.isoformat()],
        ["Status", assessment.get_status_display()],
        ["Framework", f"{spec.name} {spec.version}"],
    ):
        about.append(row)
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 40
    return _save(book)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def roadmap_workbook(snapshot: dict[str, Any]) -> bytes:
    """The roadmap a review showed: one row per scheduled recommendation, and the budget per quarter and year."""
    roadmap = snapshot.get("roadmap")
    if not roadmap:
        raise ValueError("this review has no roadmap")
    colour = snapshot["msp"]["brand_color"]
    book = Workbook()
    plan = book.active
    assert plan is not None
    plan.title = "Roadmap"
    rows = [
        [q["label"], r["title"], r["item"], r["initiative"], r["delivered_by"], r["one_time"], r["monthly"]]
        for q in roadmap["quarters"]
        for r in q["items"]
    ]
    _table(
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
    )
    budget = book.create_sheet("Budget")
    budget_rows: list[list[Any]] = [
        [q["label"], q["one_time"], q["recurring"], q["one_time"] + q["recurring"], _rounded(q["itcq"])]
        for q in roadmap["quarters"]
    ]
    budget_rows += [
        [y["label"], y["one_time"], y["recurring"], y["one_time"] + y["recurring"], None]
        for y in roadmap["years"]
    ]
    _table(
        budget,
        [("Period", 12), ("One-time", 14), ("Recurring", 14), ("Total", 14), ("Projected ITCQ", 15)],
        budget_rows,
        colour,
    )
    for sheet, columns in ((plan, "FG"), (budget, "BCD")):
        for column in columns:
            for cell in sheet[column][1:]:
                cell.number_format = "#,##0.00"
    return _save(book)
