"""ITCQ scoring, checked against hand-computed values (docs/scoring.md)."""

import pytest

from sevenc.assessments.scoring import Answer, ScoringItem, display, score

# A tiny framework: block A has areas A.1 (two items) and A.2 (one item); block B has one area.
ITEMS = [
    ScoringItem("A.1.1", "A.1", "A", 1),
    ScoringItem("A.1.2", "A.1", "A", 3),
    ScoringItem("A.2.1", "A.2", "A", 2),
    ScoringItem("B.1.1", "B.1", "B", 1),
    ScoringItem("B.1.2", "B.1", "B", 1),
]


def test_all_unanswered_gives_no_score_anywhere():
    card = score(ITEMS, {})
    assert card.itcq is None
    assert card.areas == {"A.1": None, "A.2": None, "B.1": None}
    assert card.blocks["A"].score is None
    assert card.completeness == 0.0
    assert card.provisional


def test_area_and_block_scores_are_weighted_means_of_level_over_four():
    answers = {
        "A.1.1": Answer(4),
        "A.1.2": Answer(2),
        "A.2.1": Answer(1),
        "B.1.1": Answer(3),
        "B.1.2": Answer(0),
    }
    card = score(ITEMS, answers)
    # A.1: 100 * (1*4/4 + 3*2/4) / (1+3) = 100 * 2.5 / 4 = 62.5
    assert card.areas["A.1"] == pytest.approx(62.5, abs=1e-12)
    # A.2: 100 * (2*1/4) / 2 = 25
    assert card.areas["A.2"] == pytest.approx(25.0, abs=1e-12)
    # Block A: 100 * (1 + 1.5 + 0.5) / 6 = 50
    assert card.blocks["A"].score == pytest.approx(50.0, abs=1e-12)
    # Block B: 100 * (0.75 + 0) / 2 = 37.5
    assert card.blocks["B"].score == pytest.approx(37.5, abs=1e-12)
    # ITCQ: mean of blocks (weights 1): 43.75
    assert card.itcq == pytest.approx(43.75, abs=1e-12)
    assert card.completeness == 1.0
    assert not card.provisional


def test_na_items_do_not_count_against_the_score():
    with_na = score(ITEMS, {"A.1.1": Answer(4), "A.1.2": Answer(na=True)})
    assert with_na.areas["A.1"] == 100.0
    assert with_na.blocks["A"].completeness == pytest.approx(2 / 3)


def test_weight_zero_items_are_left_out_but_count_as_answered():
    items = [ScoringItem("A.1.1", "A.1", "A", 0), ScoringItem("A.1.2", "A.1", "A", 1)]
    card = score(items, {"A.1.1": Answer(0), "A.1.2": Answer(2)})
    assert card.areas["A.1"] == 50.0
    assert card.completeness == 1.0


def test_only_weight_zero_answers_leave_the_area_unscored():
    items = [ScoringItem("A.1.1", "A.1", "A", 0)]
    assert score(items, {"A.1.1": Answer(4)}).itcq is None


def test_unanswered_items_are_left_out_not_counted_as_zero():
    card = score(ITEMS, {"A.1.1": Answer(2)})
    assert card.areas["A.1"] == 50.0
    assert card.areas["A.2"] is None
    assert card.blocks["B"].score is None
    # Only block A has a score, so the ITCQ is block A's score.
    assert card.itcq == 50.0


def test_block_weights_weight_the_itcq():
    answers = {"A.1.1": Answer(4), "B.1.1": Answer(0)}
    assert score(ITEMS, answers).itcq == 50.0
    # (3*100 + 1*0) / 4 = 75
    assert score(ITEMS, answers, {"A": 3}).itcq == 75.0
    # A block weighted 0 does not count at all
    assert score(ITEMS, answers, {"B": 0}).itcq == 100.0


def test_a_block_without_a_score_does_not_dilute_the_itcq_whatever_its_weight():
    assert score(ITEMS, {"A.1.1": Answer(2)}, {"B": 5}).itcq == 50.0


def test_every_block_counts_the_same_whatever_its_number_of_services():
    items = [ScoringItem(f"A.1.{n}", "A.1", "A", 1) for n in range(1, 11)] + [
        ScoringItem("B.1.1", "B.1", "B", 1)
    ]
    answers = {f"A.1.{n}": Answer(4) for n in range(1, 11)} | {"B.1.1": Answer(0)}
    assert score(items, answers).itcq == 50.0


def test_completeness_is_overall_and_per_block_and_provisional_below_80_percent():
    answers = {"A.1.1": Answer(1), "A.1.2": Answer(na=True), "A.2.1": Answer(3), "B.1.1": Answer(2)}
    card = score(ITEMS, answers)
    assert card.completeness == pytest.approx(4 / 5)
    assert card.blocks["A"].completeness == 1.0
    assert card.blocks["B"].completeness == 0.5
    assert not card.provisional  # exactly 0.8 is not provisional
    assert score(ITEMS, {k: answers[k] for k in list(answers)[:3]}).provisional


def test_scores_are_not_rounded_until_display():
    items = [ScoringItem(f"A.1.{n}", "A.1", "A", 1) for n in range(1, 4)]
    card = score(items, {"A.1.1": Answer(1), "A.1.2": Answer(0), "A.1.3": Answer(0)})
    assert card.itcq == pytest.approx(100 / 12, abs=1e-12)
    assert card.itcq is not None
    assert card.itcq != round(card.itcq, 1)
    assert display(card.itcq) == "8.3"
    assert display(None) == "—"


def test_json_carries_full_floats_and_nulls():
    data = score(ITEMS, {"A.1.1": Answer(1), "A.1.2": Answer(0), "A.2.1": Answer(0)}).to_json()
    assert data["itcq"] == pytest.approx(100 / 24, abs=1e-12)
    assert data["blocks"]["B"] == {"score": None, "completeness": 0.0}
    assert data["areas"]["B.1"] is None
    assert data["provisional"] is True
