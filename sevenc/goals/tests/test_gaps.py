import pytest

from sevenc.assessments.scoring import Answer, ScoringItem, score
from sevenc.goals.gaps import TargetError, analyse, item_targets, level_for_block_target, validate_targets

ITEMS = [
    ScoringItem("A.1.1", "A.1", "A", 2),
    ScoringItem("A.1.2", "A.1", "A", 1),
    ScoringItem("A.1.3", "A.1", "A", 1),
    ScoringItem("B.1.1", "B.1", "B", 3),
    ScoringItem("B.1.2", "B.1", "B", 1),
]


@pytest.mark.parametrize(
    ("block_target", "level"), [(0, 0), (1, 1), (25, 1), (50, 2), (51, 3), (75, 3), (75.5, 4), (100, 4)]
)
def test_block_target_implies_the_lowest_level_that_reaches_it(block_target, level):
    assert level_for_block_target(block_target) == level


def test_explicit_item_target_wins_over_the_block_target():
    targets = item_targets(ITEMS, {"A": 75}, {"A.1.2": 4})
    assert targets["A.1.1"] == 3
    assert targets["A.1.2"] == 4
    assert "B.1.1" not in targets  # block B has no target


def test_gain_is_the_exact_itcq_change_when_that_item_alone_reaches_target():
    answers = {
        "A.1.1": Answer(1),
        "A.1.2": Answer(3),
        "A.1.3": Answer(0),
        "B.1.1": Answer(2),
        "B.1.2": Answer(2),
    }
    analysis = analyse(ITEMS, answers, {"B": 2}, {"A": 75}, {})
    gaps = analysis.gap_index()
    # By hand: block A = 100·(2·1/4 + 3/4 + 0)/4 = 31.25, block B = 50, ITCQ = (31.25 + 2·50)/3 = 43.75.
    assert analysis.itcq == pytest.approx(43.75)
    # A.1.1 from 1 to 3 adds 100·2·2/4/4 = 25 points to A, a third of that to the ITCQ.
    assert gaps["A.1.1"].gain == pytest.approx(25 / 3)
    assert gaps["A.1.3"].gain == pytest.approx(100 * 3 / 4 / 4 / 3)
    assert "A.1.2" not in gaps  # already at level 3
    expected = score(ITEMS, {**answers, "A.1.3": Answer(3)}, {"B": 2}).itcq - analysis.itcq
    assert gaps["A.1.3"].gain == pytest.approx(expected)


def test_gaps_come_biggest_gain_first():
    answers = {code.code: Answer(0) for code in ITEMS}
    analysis = analyse(ITEMS, answers, {}, {"A": 100, "B": 100}, {})
    gains = [gap.gain for gap in analysis.gaps]
    assert gains == sorted(gains, reverse=True)
    assert analysis.gaps[0].item == "B.1.1"  # weight 3 of 4 in its block


def test_unanswered_items_are_assess_first_not_gaps():
    answers = {"A.1.1": Answer(1), "A.1.3": Answer(na=True)}
    analysis = analyse(ITEMS, answers, {}, {"A": 100}, {})
    assert [gap.item for gap in analysis.gaps] == ["A.1.1"]
    assert analysis.assess_first == ("A.1.2",)  # A.1.3 is N/A: out of scope, not to assess


def test_block_view_shows_current_target_and_gap():
    answers = {code.code: Answer(2) for code in ITEMS}
    analysis = analyse(ITEMS, answers, {}, {"A": 80}, {})
    block_a, block_b = analysis.blocks
    assert (block_a.block, block_a.current, block_a.target, block_a.gap) == ("A", 50.0, 80, 30.0)
    assert block_b.target is None and block_b.gap is None


@pytest.mark.parametrize(
    ("blocks", "items", "message"),
    [
        ({"Z": 50}, {}, "targets.blocks['Z']: unknown block"),
        ({"A": 101}, {}, "targets.blocks['A']: 101 is out of range: give a number from 0 to 100"),
        ({"A": "high"}, {}, "targets.blocks['A']: 'high' is text; give a number"),
        ({"A": float("nan")}, {}, "targets.blocks['A']: nan is not a finite number"),
        ({}, {"A.9.9": 2}, "targets.items['A.9.9']: unknown item"),
        ({}, {"A.1.1": 5}, "targets.items['A.1.1']: 5 is out of range: give a number from 0 to 4"),
        ({}, {"A.1.1": True}, "targets.items['A.1.1']: true is not a number"),
        ({}, {"A.1.1": 2.5}, "targets.items['A.1.1']: 2.5 must be a whole number"),
    ],
)
def test_bad_targets_are_refused_naming_the_entry(blocks, items, message):
    with pytest.raises(TargetError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate_targets(ITEMS, blocks, items)
