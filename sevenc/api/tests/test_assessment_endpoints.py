"""Assessments through the API: any framework, the sheet with every item and score, responses against their
version with the same rights as the web workspace, the workflow, export and compare."""

from __future__ import annotations

import datetime as dt

from sevenc.api.tests.helpers import api_as
from sevenc.assessments.models import Assessment, Response
from sevenc.catalogue.services import get_framework
from sevenc.web.tests.worlds import completed_assessment


def _start(api, client, **extra):  # type: ignore[no-untyped-def]
    body = {"client_id": client.pk, "title": "2026 Q4", "as_of": "2026-12-31", **extra}
    response = api.post("/assessments", body)
    assert response.status_code == 201, response.content
    return response.json()


def test_a_vcio_starts_an_assessment_on_nist_csf_and_reads_every_item(vcio, client_co):
    api = api_as(vcio)
    created = _start(api, client_co, framework="nist-csf")
    assert created["framework"]["code"] == "nist-csf" and created["status"] == "draft"
    sheet = api.get(f"/assessments/{created['id']}/sheet").json()
    items = [i for b in sheet["blocks"] for a in b["areas"] for i in a["items"]]
    assert [b["code"] for b in sheet["blocks"]] == ["GV", "ID", "PR", "DE", "RS", "RC"]
    assert len(items) == 106 and all(i["version"] == 0 and i["level"] is None for i in items)


def test_the_7c_sheet_has_139_items_and_live_scores(vcio, client_co):
    api = api_as(vcio)
    created = _start(api, client_co)
    api.patch(f"/assessments/{created['id']}/responses/CONT.1.1", {"version": 0, "level": 4})
    sheet = api.get(f"/assessments/{created['id']}/sheet").json()
    assert sum(len(a["items"]) for b in sheet["blocks"] for a in b["areas"]) == 139
    cont = sheet["blocks"][0]
    assert cont["code"] == "CONT" and cont["score"] == 100.0 and sheet["itcq"] == 100.0


def test_an_unknown_framework_is_named(vcio, client_co):
    response = api_as(vcio).post(
        "/assessments", {"client_id": client_co.pk, "title": "X", "as_of": "2026-12-31", "framework": "iso"}
    )
    assert response.status_code == 422 and response.json()["field"] == "framework"


def test_prefill_starts_from_the_latest_assessment_of_the_same_framework(vcio, client_co):
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    created = _start(api_as(vcio), client_co, prefill=True)
    assert Response.objects.get(assessment_id=created["id"], item__code="CONT.1.1").level == 3


def test_a_response_saved_against_an_old_version_is_refused_and_changes_nothing(vcio, client_co):
    api = api_as(vcio)
    created = _start(api, client_co)
    url = f"/assessments/{created['id']}/responses/CONT.1.2"
    assert api.patch(url, {"version": 0, "level": 2, "status": "NAS in the office"}).json()["version"] == 1
    refused = api.patch(url, {"version": 0, "level": 4})
    assert refused.status_code == 409 and refused.json()["field"] == "version"
    assert Response.objects.get(assessment_id=created["id"], item__code="CONT.1.2").level == 2


def test_na_and_a_level_together_are_refused_and_na_clears_the_level(vcio, client_co):
    api = api_as(vcio)
    url = f"/assessments/{_start(api, client_co)['id']}/responses/CONT.1.3"
    assert api.patch(url, {"version": 0, "na": True, "level": 2}).status_code == 422
    answer = api.patch(url, {"version": 0, "na": True}).json()
    assert answer["na"] is True and answer["level"] is None


def test_an_engineer_writes_facts_of_a_draft_assigned_to_them_but_not_risk(vcio, engineer, client_co):
    created = _start(api_as(vcio), client_co, assigned_engineer="engineer")
    api = api_as(engineer)
    url = f"/assessments/{created['id']}/responses/CONT.1.1"
    assert api.patch(url, {"version": 0, "level": 1, "evidence": "screenshot"}).status_code == 200
    refused = api.patch(url, {"version": 1, "risk": "data loss"})
    assert refused.status_code == 403 and refused.json()["field"] == "risk"


def test_an_unknown_item_code_is_refused(vcio, client_co):
    api = api_as(vcio)
    created = _start(api, client_co)
    assert (
        api.patch(f"/assessments/{created['id']}/responses/NOPE.9", {"version": 0, "level": 1}).status_code
        == 422
    )


def test_submit_complete_and_complete_again(vcio, engineer, client_co):
    created = _start(api_as(vcio), client_co, assigned_engineer="engineer")
    assert api_as(engineer).post(f"/assessments/{created['id']}/submit").json()["status"] == "submitted"
    done = api_as(vcio).post(f"/assessments/{created['id']}/complete").json()
    assert done["status"] == "completed" and done["completed_by"] == "vcio"
    again = api_as(vcio).post(f"/assessments/{created['id']}/complete")
    assert again.status_code == 409
    assert Assessment.objects.get(pk=created["id"]).is_locked


def test_an_engineer_may_not_complete(engineer, client_co):
    draft = Assessment.objects.create(
        client=client_co,
        framework=get_framework("7c"),
        title="x",
        as_of=dt.date(2026, 12, 31),
        assigned_engineer=engineer,
    )
    assert api_as(engineer).post(f"/assessments/{draft.pk}/complete").status_code == 403


def test_export_is_the_exchange_format(vcio, client_co):
    completed = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    exported = api_as(vcio).get(f"/assessments/{completed.pk}/export").json()
    assert exported["framework"] == "7c" and exported["status"] == "completed"
    assert {"item": "CONT.1.1", "level": 3, "status": "CONT.1.1 seen"} in exported["responses"]


def test_compare_names_changed_items_and_block_moves(vcio, client_co):
    before = completed_assessment(client_co, "2026 Q2", {"CONT.1.1": 1}, dt.date(2026, 6, 30))
    after = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    result = api_as(vcio).get(f"/clients/{client_co.pk}/compare", a=after.pk, b=before.pk).json()
    assert result["before_id"] == before.pk and result["improved"] == 1
    assert result["items"] == [
        {
            "item": "CONT.1.1",
            "title": result["items"][0]["title"],
            "block": "CONT",
            "before_level": 1,
            "before_na": False,
            "after_level": 3,
            "after_na": False,
            "delta": 2,
        }
    ]


def test_a_client_viewer_reads_a_completed_sheet_but_writes_nothing(client_viewer, client_co):
    completed = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    api = api_as(client_viewer)
    assert api.get(f"/assessments/{completed.pk}/sheet").status_code == 200
    assert api.get(f"/assessments/{completed.pk}/export").status_code == 404
    assert (
        api.patch(f"/assessments/{completed.pk}/responses/CONT.1.1", {"version": 1, "level": 1}).status_code
        == 404
    )
