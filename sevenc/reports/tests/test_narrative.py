"""The executive summary's plain-language points and the gap ranking (pure functions)."""

from __future__ import annotations

from sevenc.reports.findings import ItemState, top_gaps
from sevenc.reports.narrative import BlockScore, improvements, risks


def item(code, level, weight=1, block="CONT", risk="", solution=""):
    return ItemState(code, f"Item {code}", block, f"{block}.1", weight, level, risk=risk, solution=solution)


def test_top_gaps_rank_by_weight_times_distance_and_skip_mature_na_and_unanswered():
    items = [
        item("A", 2, weight=1),
        item("B", 0, weight=3),
        item("C", 3, weight=5),  # implemented: not a gap
        item("D", None, weight=5),  # unanswered: unknown, not a gap
        ItemState("E", "Item E", "CONT", "CONT.1", 5, None, na=True),
        item("F", 1, weight=2),
    ]
    assert [g.code for g in top_gaps(items)] == ["B", "F", "A"]


def test_a_block_far_below_its_target_moves_its_gaps_up():
    items = [item("A", 1, block="CONT"), item("B", 1, block="COST")]
    assert [g.code for g in top_gaps(items, {"COST": 40.0})] == ["B", "A"]


def test_improvements_name_the_biggest_block_rises_with_the_item_behind_them():
    blocks = [
        BlockScore("CONT", "Continuous", 60.0, 40.0),
        BlockScore("COMP", "Competent", 50.0, 48.0),
        BlockScore("COST", "Cost effective", 30.0, 35.0),
        BlockScore("CONS", "Conscious", 20.0, 19.8),
    ]
    points = improvements(blocks, [item("CONT.1.1", 3, weight=3)], {"CONT.1.1": 1})
    assert [p.headline for p in points] == [
        "Continuous up 20.0 points to 60.0",
        "Competent up 2.0 points to 50.0",
    ]
    assert "IT security and business continuity improved" in points[0].detail
    assert points[0].detail.endswith("notably item CONT.1.1 is now implemented.")


def test_without_a_previous_assessment_improvements_are_the_strongest_blocks():
    blocks = [BlockScore("CONT", "Continuous", 60.0, None), BlockScore("COMP", "Competent", 70.0, None)]
    assert [p.headline for p in improvements(blocks, [], {})] == [
        "Competent is strongest at 70.0",
        "Continuous is strongest at 60.0",
    ]


def test_risks_prefer_different_blocks_and_carry_the_recommendation():
    blocks = [BlockScore("CONT", "Continuous", 10.0, None), BlockScore("COST", "Cost effective", 20.0, None)]
    gaps = [
        item("CONT.1", 0, risk="Backups may fail.", solution="Test restores monthly."),
        item("CONT.2", 0),
        item("COST.1", 1, block="COST"),
    ]
    points = risks(gaps, blocks)
    assert [p.headline for p in points] == [
        "Item CONT.1 is missing",
        "Item COST.1 is ad hoc",
        "Item CONT.2 is missing",
    ]
    assert points[0].detail == "Backups may fail. We recommend: Test restores monthly."
    assert points[1].detail == "This weakens Cost effective."
