"""Gap analysis against the scoring formula, for any assessment and targets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.assessments.scoring import Answer, ScoringItem, score
from sevenc.goals.gaps import analyse, itcq_gain

ITEMS = [
    ScoringItem(f"{b}.1.{n}", f"{b}.1", b, w) for b in ("A", "B", "C") for n, w in enumerate((0, 1, 3, 5))
]
answers = st.fixed_dictionaries(
    {},
    optional={
        item.code: st.one_of(st.builds(Answer, level=st.integers(0, 4)), st.just(Answer(na=True)))
        for item in ITEMS
    },
)
targets = st.dictionaries(st.sampled_from(["A", "B", "C"]), st.floats(0, 100, allow_nan=False))
weights = st.dictionaries(st.sampled_from(["A", "B", "C"]), st.sampled_from([0.5, 1, 2]))


@settings(max_examples=200, deadline=None)
@given(answers, targets, weights)
def test_each_gain_is_the_exact_itcq_change_and_gains_add_up(answer_map, block_targets, block_weights):
    analysis = analyse(ITEMS, answer_map, block_weights, block_targets, {})
    before = score(ITEMS, answer_map, block_weights).itcq or 0.0
    for gap in analysis.gaps:
        assert gap.current_level < gap.target_level
        alone = score(ITEMS, {**answer_map, gap.item: Answer(gap.target_level)}, block_weights).itcq or 0.0
        assert abs(gap.gain - (alone - before)) < 1e-9
    # Answered items keep their block's denominator, so delivering every gap adds exactly the sum of gains.
    everything = {**answer_map, **{g.item: Answer(g.target_level) for g in analysis.gaps}}
    after = score(ITEMS, everything, block_weights).itcq or 0.0
    assert abs((after - before) - sum(g.gain for g in analysis.gaps)) < 1e-9


@settings(max_examples=200, deadline=None)
@given(answers, targets)
def test_unanswered_targeted_items_are_assess_first_and_never_gaps(answer_map, block_targets):
    analysis = analyse(ITEMS, answer_map, {}, block_targets, {})
    expected = [i.code for i in ITEMS if i.block in block_targets and i.code not in answer_map]
    assert list(analysis.assess_first) == expected
    assert not {g.item for g in analysis.gaps} & set(expected)


@settings(max_examples=300, deadline=None)
@given(
    st.permutations(ITEMS),
    answers,
    weights,
    st.dictionaries(st.sampled_from([item.code for item in ITEMS]), st.integers(0, 4), max_size=5),
)
def test_rescoring_only_the_changed_blocks_equals_a_full_rescoring_exactly(
    order, answer_map, block_weights, changes
):
    before = score(order, answer_map, block_weights).itcq
    full = score(
        order, {**answer_map, **{c: Answer(level=v) for c, v in changes.items()}}, block_weights
    ).itcq
    assert itcq_gain(order, answer_map, block_weights, changes) == (full or 0.0) - (before or 0.0)
