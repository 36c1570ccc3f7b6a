import datetime as dt

import pytest
from django.urls import reverse

from sevenc.assessments.models import Assessment, Response
from sevenc.web.tests.worlds import completed_assessment, draft_assessment


def _save(client, assessment, code, **data):  # type: ignore[no-untyped-def]
    return client.post(reverse("assessment_item", args=[assessment.pk, code]), data, HTTP_HX_REQUEST="true")


@pytest.fixture
def draft(client_co, engineer):
    return draft_assessment(client_co, engineer=engineer)


def test_a_vcio_creates_an_assessment_prefilled_from_the_previous_one(client, vcio, client_co):
    previous = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    client.force_login(vcio)
    response = client.post(
        reverse("assessment_create", args=[client_co.pk]),
        {"title": "2026 Q4", "as_of": "2026-12-31", "prefill": "on"},
    )
    created = Assessment.objects.get(client=client_co, title="2026 Q4")
    assert response.url == reverse("assessment_detail", args=[created.pk])
    assert created.responses.get(item__code="CONT.1.1").level == 3
    assert created.weights == previous.weights


def test_a_duplicate_title_is_a_form_error_and_creates_nothing(client, vcio, client_co, draft):
    client.force_login(vcio)
    response = client.post(
        reverse("assessment_create", args=[client_co.pk]), {"title": draft.title, "as_of": "2026-12-31"}
    )
    assert response.status_code == 200
    assert "already has an assessment called" in response.content.decode()
    assert Assessment.objects.filter(client=client_co).count() == 1


def test_saving_an_item_returns_the_live_block_score_and_itcq(client, vcio, draft):
    client.force_login(vcio)
    response = _save(client, draft, "CONT.1.1", level="2", status="Nightly backup", risk="No offsite copy")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="score-strip"' in body and 'hx-swap-oob="true"' in body
    assert ">50.0<" in body  # ITCQ and Continuous: one item at level 2 of 4
    assert "Saved" in body
    saved = Response.objects.get(assessment=draft, item__code="CONT.1.1")
    assert (saved.level, saved.status, saved.risk) == (2, "Nightly backup", "No offsite copy")


def test_na_and_clearing_a_level_are_saved(client, vcio, draft):
    client.force_login(vcio)
    _save(client, draft, "CONT.1.1", level="na")
    assert Response.objects.get(assessment=draft, item__code="CONT.1.1").na
    _save(client, draft, "CONT.1.1", level="")
    saved = Response.objects.get(assessment=draft, item__code="CONT.1.1")
    assert (saved.level, saved.na) == (None, False)


def test_a_bad_level_is_reported_on_the_item_and_nothing_is_written(client, vcio, draft):
    client.force_login(vcio)
    body = _save(client, draft, "CONT.1.1", level="7").content.decode()
    assert "state error" in body and "level" in body
    assert not Response.objects.filter(assessment=draft).exists()


def test_the_assigned_engineer_writes_levels_status_and_evidence_but_not_risk(client, engineer, draft):
    client.force_login(engineer)
    _save(client, draft, "CONT.1.1", level="3", status="Weekly", evidence="Screenshot", risk="sneaky")
    saved = Response.objects.get(assessment=draft, item__code="CONT.1.1")
    assert (saved.level, saved.status, saved.evidence, saved.risk) == (3, "Weekly", "Screenshot", "")


def test_an_engineer_cannot_edit_an_assessment_assigned_to_someone_else(client, engineer, client_co):
    unassigned = draft_assessment(client_co, title="Unassigned")
    client.force_login(engineer)
    assert _save(client, unassigned, "CONT.1.1", level="3").status_code == 403
    assert not Response.objects.filter(assessment=unassigned).exists()


def test_an_engineer_submits_and_then_can_no_longer_edit(client, engineer, draft):
    client.force_login(engineer)
    client.post(reverse("assessment_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED
    assert _save(client, draft, "CONT.1.1", level="3").status_code == 403


def test_an_engineer_cannot_complete(client, engineer, draft):
    client.force_login(engineer)
    assert client.post(reverse("assessment_complete", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_the_vcio_completes_and_the_assessment_is_locked_and_shown_read_only(client, vcio, draft):
    client.force_login(vcio)
    _save(client, draft, "CONT.1.1", level="4")
    client.post(reverse("assessment_complete", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.COMPLETED and draft.itcq == 100.0
    page = client.get(reverse("assessment_detail", args=[draft.pk])).content.decode()
    assert "locked and read-only" in page
    assert "hx-post" not in page
    assert _save(client, draft, "CONT.1.1", level="1").status_code == 403


def test_a_client_viewer_reads_completed_assessments_but_not_drafts(client, client_viewer, client_co, draft):
    done = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    client.force_login(client_viewer)
    assert client.get(reverse("assessment_detail", args=[done.pk])).status_code == 200
    assert client.get(reverse("assessment_detail", args=[draft.pk])).status_code == 404
    assert _save(client, draft, "CONT.1.1", level="1").status_code == 404


def test_comparing_two_assessments_lists_changed_items_and_block_deltas(client, vcio, client_co):
    q2 = completed_assessment(client_co, "2026 Q2", {"CONT.1.1": 1, "COMP.1.1": 2}, dt.date(2026, 6, 30))
    q3 = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3, "COMP.1.1": 2}, dt.date(2026, 9, 30))
    client.force_login(vcio)
    body = client.get(
        reverse("assessment_compare", args=[client_co.pk]), {"a": q3.pk, "b": q2.pk}
    ).content.decode()
    assert "2026 Q2 → 2026 Q3" in body  # older first, whatever the order asked
    assert "1 item changed" in body
    assert "+50.0" in body  # Continuous: 25.0 → 75.0
