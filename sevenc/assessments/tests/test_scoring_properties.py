"""Properties of the ITCQ that must hold for every assessment of the real 7C catalogue."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.scoring import Answer, score
from sevenc.catalogue.spec import packaged_framework

SPEC = packaged_framework("7c")
CODES = [item.code for item in SPEC.items()]
BLOCKS = [block.code for block in SPEC.blocks]

answer = st.one_of(st.none(), st.just(Answer(na=True)), st.integers(0, 4).map(Answer))
answers_st = st.dictionaries(st.sampled_from(CODES), answer).map(
    lambda d: {code: a for code, a in d.items() if a is not None}
)
weights_st = st.dictionaries(st.sampled_from(CODES), st.integers(0, 5), max_size=40)
block_weights_st = st.dictionaries(st.sampled_from(BLOCKS), st.integers(0, 5) | st.floats(0, 10))


def _all_scores(card):
    yield card.itcq
    yield from card.areas.values()
    yield from (b.score for b in card.blocks.values())


@settings(max_examples=150, deadline=None)
@given(answers_st, weights_st, block_weights_st)
def test_every_score_lies_between_0_and_100(answers, weights, block_weights):
    card = score(scoring_items(SPEC, weights), answers, block_weights)
    for value in _all_scores(card):
        assert value is None or -1e-9 <= value <= 100 + 1e-9
    assert 0 <= card.completeness <= 1


@settings(max_examples=150, deadline=None)
@given(answers_st, weights_st, block_weights_st, st.sampled_from(CODES), st.integers(0, 3))
def test_raising_one_level_never_lowers_its_area_block_or_itcq(answers, weights, block_weights, code, level):
    items = scoring_items(SPEC, weights)
    item = SPEC.item_index[code]
    before = score(items, {**answers, code: Answer(level)}, block_weights)
    after = score(items, {**answers, code: Answer(level + 1)}, block_weights)
    pairs = [
        (before.areas[item.area], after.areas[item.area]),
        (before.blocks[item.block].score, after.blocks[item.block].score),
        (before.itcq, after.itcq),
    ]
    for old, new in pairs:
        # With weight 0 (or a block weighted 0) the item is not scored: nothing changes at all.
        assert (old is None) == (new is None)
        if old is not None and new is not None:
            assert new >= old - 1e-9


@settings(max_examples=150, deadline=None)
@given(answers_st, weights_st, block_weights_st, st.sampled_from(CODES))
def test_adding_an_na_never_changes_a_score(answers, weights, block_weights, code):
    items = scoring_items(SPEC, weights)
    answers = {k: v for k, v in answers.items() if k != code}
    before = score(items, answers, block_weights)
    after = score(items, {**answers, code: Answer(na=True)}, block_weights)
    assert after.itcq == before.itcq
    assert after.areas == before.areas
    assert {k: b.score for k, b in after.blocks.items()} == {k: b.score for k, b in before.blocks.items()}


@settings(max_examples=100, deadline=None)
@given(answers_st, weights_st)
def test_itcq_is_the_plain_mean_of_block_scores_by_default(answers, weights):
    card = score(scoring_items(SPEC, weights), answers)
    present = [b.score for b in card.blocks.values() if b.score is not None]
    if present:
        assert card.itcq is not None
        assert abs(card.itcq - sum(present) / len(present)) < 1e-9
    else:
        assert card.itcq is None
