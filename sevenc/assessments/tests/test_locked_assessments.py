"""Completed assessments are history: every change is refused with a clear error, whatever copy of the
assessment the caller holds, and the stored score always matches the stored responses."""

import datetime as dt

import pytest

from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import (
    AssessmentError,
    complete_assessment,
    create_assessment,
    record_response,
    score_assessment,
    set_weights,
    submit_assessment,
)
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.records import RecordFinal
from sevenc.tenancy.access import Caller


@pytest.fixture
def assessment(client_co):
    return create_assessment(client=client_co, title="2026 Q3", as_of=dt.date(2026, 9, 30))


@pytest.fixture
def system(msp):
    return Caller.system(msp)


def test_completing_stores_the_score_it_had(assessment, msp, vcio):
    actor = Caller.system(msp, user=vcio)
    record_response(actor=actor, assessment=assessment, item_code="CONT.1.1", level=4)
    record_response(actor=actor, assessment=assessment, item_code="COMP.1.1", level=2)
    complete_assessment(actor=actor, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.is_locked
    assert assessment.itcq == pytest.approx(75.0)
    assert assessment.block_scores["CONT"] == 100.0
    assert assessment.block_scores["CHRG"] is None
    assert assessment.completed_by == vcio


def test_a_completed_assessment_refuses_new_responses(assessment, system):
    complete_assessment(actor=system, assessment=assessment)
    with pytest.raises(RecordFinal, match="completed and can no longer change"):
        record_response(actor=system, assessment=assessment, item_code="CONT.1.1", level=2)
    assert not Response.objects.filter(assessment=assessment).exists()


def test_a_stale_copy_of_a_draft_cannot_write_after_completion(assessment, system):
    stale = Assessment.objects.get(pk=assessment.pk)  # read while it was a draft, as a second tab would
    complete_assessment(actor=system, assessment=assessment)
    assert stale.status == "draft"
    with pytest.raises(RecordFinal):
        record_response(actor=system, assessment=stale, item_code="CONT.1.1", level=2)
    with pytest.raises(RecordFinal):
        set_weights(actor=system, assessment=stale, weights={"CONT.1.1": 3})
    assert not Response.objects.filter(assessment=assessment).exists()


def test_the_second_of_two_completions_is_told_it_is_already_completed(assessment, system):
    first_tab = Assessment.objects.get(pk=assessment.pk)
    second_tab = Assessment.objects.get(pk=assessment.pk)
    complete_assessment(actor=system, assessment=first_tab)
    completed_at = Assessment.objects.get(pk=assessment.pk).completed_at
    with pytest.raises(Conflict, match="already completed"):
        complete_assessment(actor=system, assessment=second_tab)
    assert Assessment.objects.get(pk=assessment.pk).completed_at == completed_at


def test_a_completed_assessment_refuses_weight_changes_submission_and_completion(assessment, system):
    complete_assessment(actor=system, assessment=assessment)
    with pytest.raises(RecordFinal):
        set_weights(actor=system, assessment=assessment, weights={"CONT.1.1": 3})
    with pytest.raises(Conflict, match="already completed"):
        submit_assessment(actor=system, assessment=assessment)
    with pytest.raises(Conflict, match="already completed"):
        complete_assessment(actor=system, assessment=assessment)


def test_the_models_refuse_changes_even_outside_the_services(assessment, system):
    response = record_response(actor=system, assessment=assessment, item_code="CONT.1.1", level=1)
    complete_assessment(actor=system, assessment=assessment)
    stale = Assessment.objects.get(pk=assessment.pk)
    stale.title = "rewritten"
    with pytest.raises(RecordFinal):
        stale.save()
    with pytest.raises(RecordFinal):
        stale.delete()
    response.level = 4  # its assessment attribute still says "draft": the stored state decides
    with pytest.raises(RecordFinal):
        response.save()
    with pytest.raises(RecordFinal):
        response.delete()
    assert Response.objects.get(pk=response.pk).level == 1


def test_recording_a_response_validates_level_item_and_notes(assessment, system):
    with pytest.raises(DomainError, match="level: 7 is out of range"):
        record_response(actor=system, assessment=assessment, item_code="CONT.1.1", level=7)
    with pytest.raises(DomainError, match="level: true is not a number"):
        record_response(actor=system, assessment=assessment, item_code="CONT.1.1", level=True)
    with pytest.raises(AssessmentError, match="not both"):
        record_response(actor=system, assessment=assessment, item_code="CONT.1.1", level=1, na=True)
    with pytest.raises(AssessmentError, match=r"'XX\.1\.1' is not an item"):
        record_response(actor=system, assessment=assessment, item_code="XX.1.1", level=1)
    with pytest.raises(AssessmentError, match="unknown note field"):
        record_response(
            actor=system, assessment=assessment, item_code="CONT.1.1", level=1, notes={"mood": "ok"}
        )
    with pytest.raises(DomainError, match="status: at most 5,000 characters"):
        record_response(
            actor=system, assessment=assessment, item_code="CONT.1.1", notes={"status": "x" * 5001}
        )
    assert not Response.objects.exists()


def test_recording_again_updates_the_same_response_and_leaves_unsent_fields_alone(assessment, system):
    record_response(
        actor=system, assessment=assessment, item_code="CONT.1.1", level=1, notes={"status": "weekly"}
    )
    record_response(actor=system, assessment=assessment, item_code="CONT.1.1", na=True)
    record_response(actor=system, assessment=assessment, item_code="CONT.1.1", notes={"risk": "one NAS"})
    response = Response.objects.get(assessment=assessment)
    assert (response.level, response.na, response.status, response.risk) == (None, True, "weekly", "one NAS")
    assert response.version == 3
    assert score_assessment(assessment).itcq is None


def test_a_save_against_an_older_version_is_refused_and_shows_the_other_value(assessment, msp, vcio, owner):
    victor = Caller.system(msp, user=vcio)
    first = record_response(actor=victor, assessment=assessment, item_code="CONT.1.1", level=2)
    read_at = first.version  # both people opened the page now
    record_response(
        actor=victor,
        assessment=assessment,
        item_code="CONT.1.1",
        notes={"status": "Nightly to NAS"},
        expected_version=read_at,
    )
    with pytest.raises(Conflict, match="Nightly to NAS") as refused:
        record_response(
            actor=Caller.system(msp, user=owner),
            assessment=assessment,
            item_code="CONT.1.1",
            notes={"status": "Weekly tapes"},
            expected_version=read_at,
        )
    assert refused.value.field == "version"
    stored = Response.objects.get(assessment=assessment)
    assert stored.status == "Nightly to NAS"


def test_weights_are_validated_and_merged(assessment, system):
    set_weights(actor=system, assessment=assessment, weights={"CONT.1.1": 3}, block_weights={"CONT": 2})
    set_weights(actor=system, assessment=assessment, weights={"CONT.1.2": 0})
    assessment.refresh_from_db()
    assert assessment.weights == {"CONT.1.1": 3, "CONT.1.2": 0}
    with pytest.raises(AssessmentError, match="6 is out of range: give a number from 0 to 5"):
        set_weights(actor=system, assessment=assessment, weights={"CONT.1.1": 6})


def test_prefill_copies_levels_notes_and_weights_from_the_previous_assessment(assessment, client_co, system):
    set_weights(actor=system, assessment=assessment, weights={"CONT.1.1": 4})
    record_response(
        actor=system, assessment=assessment, item_code="CONT.1.1", level=2, notes={"risk": "single NAS"}
    )
    complete_assessment(actor=system, assessment=assessment)
    nxt = create_assessment(
        client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31), prefill_from=assessment
    )
    copied = Response.objects.get(assessment=nxt)
    assert (copied.item.code, copied.level, copied.risk) == ("CONT.1.1", 2, "single NAS")
    assert nxt.weights == {"CONT.1.1": 4}
    assert nxt.status == Assessment.Status.DRAFT


def test_titles_are_unique_per_client_and_bounded(assessment, client_co):
    with pytest.raises(AssessmentError, match="already has an assessment called '2026 Q3'"):
        create_assessment(client=client_co, title="2026 Q3", as_of=dt.date(2026, 9, 30))
    with pytest.raises(DomainError, match="title: at most 200 characters"):
        create_assessment(client=client_co, title="Q" * 201, as_of=dt.date(2026, 9, 30))
