"""Holding a review freezes its report; a held review never changes, whatever happens afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.records import RecordFinal
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.services import delete_review, plan_review, update_review
from sevenc.reports.tests.factories import completed_assessment, hold


def test_it_freezes_scores_and_minutes_when_held(planned, history):
    q2, q3 = history
    held = hold(planned)
    snap = held.snapshot
    assert held.status == ReviewMeeting.Status.HELD and held.held_at is not None
    assert snap["client"]["name"] == "Acme Dental"
    assert snap["itcq"]["current"] == pytest.approx(q3.itcq)
    assert snap["itcq"]["previous"] == pytest.approx(q2.itcq)
    assert [b["current"] for b in snap["blocks"]] == [q3.block_scores[b["code"]] for b in snap["blocks"]]
    assert [t["title"] for t in snap["trend"]] == ["2026 Q2", "2026 Q3"]
    assert snap["meeting"]["attendees"] == ["Dr. Maria Keller (CEO)", "Victor Chen (vCIO)"]
    assert snap["meeting"]["decisions"] == ["Approve the offsite backup project"]


def test_later_data_changes_do_not_alter_a_held_snapshot(planned, client_co, msp):
    held = hold(planned)
    frozen = ReviewMeeting.objects.get(pk=held.pk).snapshot

    completed_assessment(client_co, "2026 Q4", dt.date(2026, 10, 1), dict.fromkeys(frozen_blocks(frozen), 4))
    client_co.name = "Acme Dental Renamed"
    client_co.save()
    msp.name = "Brightpath Renamed"
    msp.brand_color = "#000000"
    msp.save()

    assert ReviewMeeting.objects.get(pk=held.pk).snapshot == frozen
    assert frozen["client"]["name"] == "Acme Dental"
    assert frozen["trend"][-1]["title"] == "2026 Q3"


def frozen_blocks(snapshot):
    return [b["code"] for b in snapshot["blocks"]]


def test_a_held_review_cannot_be_edited_held_again_or_deleted(planned):
    held = hold(planned)
    with pytest.raises(RecordFinal):
        update_review(review=held, decisions="Something else")
    with pytest.raises(Conflict, match="already held"):
        hold(held)
    with pytest.raises(RecordFinal):
        delete_review(review=held)
    held.decisions = "sneaky edit"
    with pytest.raises(RecordFinal):
        held.save()
    assert ReviewMeeting.objects.get(pk=held.pk).decisions == "Approve the offsite backup project"


def test_a_review_only_uses_assessments_completed_by_its_date(client_co, history):
    early = plan_review(client=client_co, date=dt.date(2026, 7, 15))
    snap = hold(early).snapshot
    assert snap["assessment"]["title"] == "2026 Q2"
    assert snap["previous_assessment"] is None


def test_a_client_without_assessments_gets_a_report_without_scores(client_co):
    snap = hold(plan_review(client=client_co, date=dt.date(2026, 10, 1))).snapshot
    assert snap["assessment"] is None
    assert snap["itcq"]["current"] is None
    assert snap["gaps"] == [] and snap["trend"] == []


def test_planning_rejects_bad_input_and_writes_nothing(client_co):
    with pytest.raises(DomainError, match="date"):
        plan_review(client=client_co, date="2026-10-14")  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="title: at most 200 characters"):
        plan_review(client=client_co, date=dt.date(2026, 10, 14), title="x" * 201)
    assert not ReviewMeeting.objects.exists()


def test_a_planned_review_can_be_updated(planned):
    update_review(review=planned, decisions="  Approve MDM rollout \n\n", date=dt.date(2026, 10, 20))
    planned.refresh_from_db()
    assert planned.decisions == "Approve MDM rollout"
    assert planned.date == dt.date(2026, 10, 20)
    assert planned.agenda == "Q3 results\nBudget 2027"  # untouched fields keep their value


def test_a_later_assessment_in_another_framework_does_not_replace_the_7c_history(planned, client_co, history):
    completed_assessment(client_co, "NIST check", dt.date(2026, 10, 1), {}, framework_code="nist-csf")
    snap = hold(planned).snapshot
    assert snap["framework"]["code"] == "7c"
    assert snap["assessment"]["title"] == "2026 Q3"
    assert [t["title"] for t in snap["trend"]] == ["2026 Q2", "2026 Q3"]
