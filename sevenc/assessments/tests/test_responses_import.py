"""Importing one assessment's responses from CSV (web upload and CLI): all or nothing, row and column named,
with the workspace's rights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from typer.testing import CliRunner

from sevenc.assessments.imports import OPTIONAL, REQUIRED, import_responses
from sevenc.assessments.services import complete_assessment, create_assessment
from sevenc.cli.main import app
from sevenc.lib.errors import Conflict, NotAllowed
from sevenc.lib.files import CsvFileError, load_csv
from sevenc.tenancy.access import Caller
from tests.fixtures import PASSWORD

GOOD = (
    "item,level,status,risk,solution,evidence\n"
    "CONT.1.1,3,Nightly to a NAS,No offsite copy,Add cloud backup,Log of 2 Oct\n"
    "CONT.1.2,N/A,,,,\n"
    "COST.1.1,,Budget reviewed yearly,,,\n"
)


@pytest.fixture
def draft(client_co, engineer):  # type: ignore[no-untyped-def]
    return create_assessment(
        client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31), assigned_engineer=engineer
    )


def _import(user, assessment, text: str):  # type: ignore[no-untyped-def]
    table = load_csv(text.encode(), source="responses.csv", required=REQUIRED, optional=OPTIONAL)
    actor = (
        Caller.of_membership(user.membership) if user is not None else Caller.system(assessment.client.msp)
    )
    return import_responses(actor=actor, assessment=assessment, table=table)


def test_each_row_sets_the_level_or_na_and_its_notes_and_an_empty_cell_changes_nothing(draft, vcio):
    _import(vcio, draft, "item,level,status\nCOST.1.1,2,Was set before\n")
    _import(vcio, draft, GOOD)
    answers = {r.item.code: r for r in draft.responses.select_related("item")}
    assert (answers["CONT.1.1"].level, answers["CONT.1.1"].risk, answers["CONT.1.1"].evidence) == (
        3,
        "No offsite copy",
        "Log of 2 Oct",
    )
    assert answers["CONT.1.2"].na and answers["CONT.1.2"].level is None
    assert (answers["COST.1.1"].level, answers["COST.1.1"].status) == (2, "Budget reviewed yearly")


def test_nothing_is_saved_and_every_problem_is_named(draft, vcio):
    text = (
        "item,level,risk\nCONT.1.1,3,\nCONT.9.9,2,\nCONT.1.2,5,\nCONT.1.3,high,\nCONT.1.1,1,\nCONT.1.4,1,"
        + "x" * 6000
        + "\n"
    )
    with pytest.raises(CsvFileError) as caught:
        _import(vcio, draft, text)
    problems = caught.value.problems
    assert problems[0].startswith("row 3, column A (item): 'CONT.9.9' is not an item of 7c")
    assert problems[1].startswith("row 4, column B (level)")
    assert problems[2] == "row 5, column B (level): 'high' is not a level (0–4) or N/A"
    assert problems[3] == "row 6, column A (item): CONT.1.1 is also row 2"
    assert problems[4].startswith("row 7, column C (risk)")
    assert not draft.responses.exists()


def test_an_engineer_writes_what_the_workspace_lets_them_write(draft, engineer):
    _import(engineer, draft, "item,level,status,evidence\nCONT.1.1,2,In place,Screenshot\n")
    with pytest.raises(NotAllowed):
        _import(engineer, draft, "item,level,risk\nCONT.1.2,1,Data loss\n")
    assert draft.responses.count() == 1


def test_a_completed_assessment_takes_no_import(draft, vcio):
    complete_assessment(actor=Caller.of_membership(vcio.membership), assessment=draft)
    draft.refresh_from_db()
    with pytest.raises(Conflict):
        _import(vcio, draft, GOOD)


def test_the_web_upload_imports_and_lists_problems(client, draft, vcio):
    client.login(username="vcio", password=PASSWORD)
    url = reverse("responses_import", args=[draft.pk])
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("assessment_detail", args=[draft.pk])).content.decode()
    bad = SimpleUploadedFile("r.csv", b"item,level\nCONT.1.1,7\n", content_type="text/csv")
    assert "row 2, column B (level)" in client.post(url, {"file": bad}).content.decode()
    good = SimpleUploadedFile("r.csv", GOOD.encode(), content_type="text/csv")
    assert client.post(url, {"file": good}).status_code == 302
    assert draft.responses.count() == 3


def test_a_client_viewer_gets_404(client, draft, client_viewer):
    client.login(username="viewer", password=PASSWORD)
    assert client.get(reverse("responses_import", args=[draft.pk])).status_code == 404


def test_the_cli_imports_or_exits_2(tmp_path, draft, msp):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text("item,level\nNOPE,1\n", encoding="utf-8")
    runner = CliRunner()
    base = ["--msp", msp.name, "--client", "Acme Dental", "--assessment", "2026 Q4"]
    refused = runner.invoke(app, ["import-responses", str(bad), *base])
    assert refused.exit_code == 2 and "row 2, column A (item)" in refused.stderr
    done = runner.invoke(app, ["import-responses", str(good), *base])
    assert done.exit_code == 0, done.output
    assert draft.responses.count() == 3
    missing = runner.invoke(
        app,
        ["import-responses", str(good), "--msp", msp.name, "--client", "Acme Dental", "--assessment", "Nope"],
    )
    assert missing.exit_code == 2
