from sevenc.assessments.compare import ItemRef, compare
from sevenc.assessments.scoring import Answer
from sevenc.assessments.workflow import rights

ITEMS = [ItemRef("A.1", "One", "A"), ItemRef("A.2", "Two", "A"), ItemRef("B.1", "Three", "B")]


def test_compare_lists_only_changed_items_with_level_deltas():
    result = compare(
        ITEMS,
        {"A.1": Answer(1), "A.2": Answer(2), "B.1": Answer(na=True)},
        {"A.1": Answer(3), "A.2": Answer(2), "B.1": Answer(0)},
        blocks=["A", "B"],
        blocks_before={"A": 37.5, "B": None},
        blocks_after={"A": 62.5, "B": 0.0},
        itcq_before=37.5,
        itcq_after=31.25,
    )
    assert [(c.item.code, c.delta) for c in result.items] == [("A.1", 2), ("B.1", None)]
    assert [(b.code, b.delta) for b in result.blocks] == [("A", 25.0), ("B", None)]
    assert result.itcq_delta == -6.25
    assert (result.improved, result.declined) == (1, 0)


def test_an_unanswered_item_on_both_sides_is_unchanged():
    result = compare(
        ITEMS, {}, {}, blocks=[], blocks_before={}, blocks_after={}, itcq_before=None, itcq_after=None
    )
    assert result.items == () and result.itcq_delta is None


def test_the_assigned_engineer_fills_facts_in_a_draft_only():
    draft = rights(role="engineer", status="draft", assigned_to_caller=True)
    assert draft.edit_levels and draft.notes == ("status", "evidence") and draft.submit and not draft.complete
    assert rights(role="engineer", status="submitted", assigned_to_caller=True).read_only
    assert rights(role="engineer", status="draft", assigned_to_caller=False).read_only


def test_a_vcio_reviews_and_completes_a_draft_or_submitted_assessment():
    for status in ("draft", "submitted"):
        allowed = rights(role="vcio", status=status, assigned_to_caller=False)
        assert allowed.complete and "risk" in allowed.notes and "solution" in allowed.notes


def test_a_completed_assessment_is_read_only_for_everyone():
    for role in ("owner", "vcio", "engineer", "client_viewer"):
        allowed = rights(role=role, status="completed", assigned_to_caller=True)
        assert allowed.view and allowed.read_only and not allowed.complete


def test_a_client_viewer_does_not_see_work_in_progress():
    assert not rights(role="client_viewer", status="draft", assigned_to_caller=False).view
