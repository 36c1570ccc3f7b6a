"""Completed assessments are history: every change is refused with a clear error."""

import datetime as dt

import pytest

from sevenc.assessments.models import Assessment, AssessmentLocked, Response
from sevenc.assessments.services import (
    AssessmentError,
    complete_assessment,
    create_assessment,
    record_response,
    score_assessment,
    set_weights,
    submit_assessment,
)


@pytest.fixture
def assessment(client_co):
    return create_assessment(client=client_co, title="2026 Q3", as_of=dt.date(2026, 9, 30))


def test_completing_stores_the_score_it_had(assessment, vcio):
    record_response(assessment=assessment, item_code="CONT.1.1", level=4)
    record_response(assessment=assessment, item_code="COMP.1.1", level=2)
    complete_assessment(assessment=assessment, by=vcio)
    assessment.refresh_from_db()
    assert assessment.is_locked
    assert assessment.itcq == pytest.approx(75.0)
    assert assessment.block_scores["CONT"] == 100.0
    assert assessment.block_scores["CHRG"] is None
    assert assessment.completed_by == vcio


def test_a_completed_assessment_refuses_new_responses(assessment):
    complete_assessment(assessment=assessment)
    with pytest.raises(AssessmentLocked, match="completed and locked"):
        record_response(assessment=assessment, item_code="CONT.1.1", level=2)
    assert not Response.objects.filter(assessment=assessment).exists()


def test_a_completed_assessment_refuses_weight_changes_submission_and_completion(assessment):
    complete_assessment(assessment=assessment)
    with pytest.raises(AssessmentLocked):
        set_weights(assessment=assessment, weights={"CONT.1.1": 3})
    with pytest.raises(AssessmentLocked):
        submit_assessment(assessment=assessment)
    with pytest.raises(AssessmentLocked):
        complete_assessment(assessment=assessment)


def test_the_models_refuse_changes_even_outside_the_services(assessment):
    response = record_response(assessment=assessment, item_code="CONT.1.1", level=1)
    complete_assessment(assessment=assessment)
    stale = Assessment.objects.get(pk=assessment.pk)
    stale.title = "rewritten"
    with pytest.raises(AssessmentLocked):
        stale.save()
    response.assessment.refresh_from_db()
    response.level = 4
    with pytest.raises(AssessmentLocked):
        response.save()
    with pytest.raises(AssessmentLocked):
        response.delete()
    assert Response.objects.get(pk=response.pk).level == 1


def test_recording_a_response_validates_level_item_and_notes(assessment):
    with pytest.raises(AssessmentError, match="level 7"):
        record_response(assessment=assessment, item_code="CONT.1.1", level=7)
    with pytest.raises(AssessmentError, match="not both"):
        record_response(assessment=assessment, item_code="CONT.1.1", level=1, na=True)
    with pytest.raises(AssessmentError, match=r"'XX\.1\.1' is not an item"):
        record_response(assessment=assessment, item_code="XX.1.1", level=1)
    with pytest.raises(AssessmentError, match="unknown note field"):
        record_response(assessment=assessment, item_code="CONT.1.1", level=1, notes={"mood": "ok"})
    assert not Response.objects.exists()


def test_recording_again_updates_the_same_response(assessment):
    record_response(assessment=assessment, item_code="CONT.1.1", level=1, notes={"status": "weekly"})
    record_response(assessment=assessment, item_code="CONT.1.1", na=True)
    response = Response.objects.get(assessment=assessment)
    assert (response.level, response.na, response.status) == (None, True, "weekly")
    assert score_assessment(assessment).itcq is None


def test_weights_are_validated_and_merged(assessment):
    set_weights(assessment=assessment, weights={"CONT.1.1": 3}, block_weights={"CONT": 2})
    set_weights(assessment=assessment, weights={"CONT.1.2": 0})
    assessment.refresh_from_db()
    assert assessment.weights == {"CONT.1.1": 3, "CONT.1.2": 0}
    with pytest.raises(AssessmentError, match="6 must be a whole number from 0 to 5"):
        set_weights(assessment=assessment, weights={"CONT.1.1": 6})


def test_prefill_copies_levels_notes_and_weights_from_the_previous_assessment(assessment, client_co):
    set_weights(assessment=assessment, weights={"CONT.1.1": 4})
    record_response(assessment=assessment, item_code="CONT.1.1", level=2, notes={"risk": "single NAS"})
    complete_assessment(assessment=assessment)
    nxt = create_assessment(
        client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31), prefill_from=assessment
    )
    copied = Response.objects.get(assessment=nxt)
    assert (copied.item.code, copied.level, copied.risk) == ("CONT.1.1", 2, "single NAS")
    assert nxt.weights == {"CONT.1.1": 4}
    assert nxt.status == Assessment.Status.DRAFT


def test_titles_are_unique_per_client(assessment, client_co):
    with pytest.raises(AssessmentError, match="already has an assessment called '2026 Q3'"):
        create_assessment(client=client_co, title="2026 Q3", as_of=dt.date(2026, 9, 30))
