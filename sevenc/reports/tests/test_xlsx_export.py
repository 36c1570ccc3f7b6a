"""The assessment workbook: one row per item with level and notes, a readable header, frozen panes."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from sevenc.reports.xlsx import assessment_workbook


def test_the_assessment_workbook_has_one_row_per_item_with_level_and_notes(history, spec7c):
    _, q3 = history
    book = load_workbook(io.BytesIO(assessment_workbook(q3)))
    items = book["Items"]
    header = [cell.value for cell in items[1]]
    assert header[:7] == ["Block", "Area", "Code", "Item", "Weight", "Level", "Answer"]
    assert items.max_row - 1 == len(list(spec7c.items()))
    rows = {row[2]: row for row in items.iter_rows(min_row=2, values_only=True)}
    first = rows["CONT.1.1"]
    assert first[0] == "Continuous" and first[5] == 3 and first[6] == "Implemented"
    assert first[7].endswith("level 3 today.")
    assert rows["CONS.1.1"][8] == "Data could be lost for good."
    assert items.freeze_panes == "A2"
    assert items["A1"].font.bold
    assert items.column_dimensions["D"].width >= 30


def test_the_scores_sheet_matches_the_stored_scores(history):
    _, q3 = history
    scores = load_workbook(io.BytesIO(assessment_workbook(q3)))["Scores"]
    by_name = {row[0]: row[2] for row in scores.iter_rows(min_row=2, values_only=True)}
    assert by_name["ITCQ"] == round(q3.itcq, 1)
    assert by_name["Continuous"] == round(q3.block_scores["CONT"], 1)
