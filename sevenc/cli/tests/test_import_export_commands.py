"""`sevenc import` / `sevenc export`: a round trip, and bad input stores nothing."""

import json

import pytest
from typer.testing import CliRunner

from sevenc.assessments.models import Assessment, Response
from sevenc.cli.main import app
from sevenc.clients.models import Client
from sevenc.tenancy.models import Msp

runner = CliRunner()

DOC = {
    "framework": "7c",
    "client": "Acme Dental",
    "as_of": "2026-09-30",
    "title": "2026 Q3",
    "weights": {"CONT.1.1": 3},
    "block_weights": {"CONT": 2},
    "responses": [
        {
            "item": "CONT.1.1",
            "level": 3,
            "status": "Nightly to NAS",
            "risk": "No offsite copy",
            "solution": "Cloud",
        },
        {"item": "CONT.1.2", "na": True},
        {"item": "COMP.2.1", "status": "Engineer still checking"},
        {"item": "COST.4.4", "level": 0},
    ],
}


def run(*args):
    return runner.invoke(app, list(map(str, args)))


def write(tmp_path, doc, name="doc.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


@pytest.mark.django_db
def test_export_then_import_into_an_empty_msp_then_export_gives_the_same_json(tmp_path):
    assert run("import", write(tmp_path, DOC), "--msp", "Brightpath").exit_code == 0
    first = run("export", "--msp", "Brightpath", "--client", "Acme Dental")
    assert first.exit_code == 0, first.stderr
    exported = json.loads(first.stdout)
    assert exported["responses"][0]["risk"] == "No offsite copy"
    assert {"item": "COMP.2.1", "status": "Engineer still checking"} in exported["responses"]

    assert run("import", write(tmp_path, exported, "again.json"), "--msp", "Empty MSP").exit_code == 0
    second = run("export", "--msp", "Empty MSP", "--client", "Acme Dental")
    assert json.loads(second.stdout) == exported


@pytest.mark.django_db
def test_import_creates_the_client_and_a_completed_import_is_locked(tmp_path):
    result = run("import", write(tmp_path, {**DOC, "status": "completed"}), "--msp", "Brightpath")
    assert result.exit_code == 0, result.stderr
    assessment = Assessment.objects.get()
    assert assessment.client.name == "Acme Dental"
    assert assessment.is_locked
    assert assessment.itcq is not None
    again = run("import", write(tmp_path, DOC), "--msp", "Brightpath")
    assert again.exit_code == 2
    assert "already has a completed assessment '2026 Q3'" in again.stderr


@pytest.mark.django_db
def test_importing_a_draft_again_replaces_it(tmp_path):
    run("import", write(tmp_path, DOC), "--msp", "Brightpath")
    changed = {**DOC, "responses": [{"item": "CONT.1.1", "level": 1}]}
    assert run("import", write(tmp_path, changed), "--msp", "Brightpath").exit_code == 0
    assert Response.objects.get().level == 1


BAD = [
    ({**DOC, "responses": [{"item": "CONT.99.1", "level": 2}]}, "unknown item code"),
    ({**DOC, "responses": [{"item": "CONT.1.1", "level": 5}]}, "level: 5 is out of range"),
    ({**DOC, "responses": [{"item": "CONT.1.1", "level": False}]}, "level: false is not a number"),
    ({**DOC, "responses": [{"item": "CONT.1.1", "level": "2"}]}, "level: '2' is text"),
    (
        {**DOC, "responses": [{"item": "CONT.1.1", "level": 2}, {"item": "CONT.1.1", "na": True}]},
        "listed twice",
    ),
    ({**DOC, "responses": [{"item": "CONT.1.1", "level": 2, "na": True}]}, "both a level"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("doc", "message"), BAD)
def test_bad_input_exits_2_and_stores_nothing(tmp_path, doc, message):
    result = run("import", write(tmp_path, doc), "--msp", "Brightpath")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not Msp.objects.exists()
    assert not Client.objects.exists()
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_export_names_what_is_missing(tmp_path):
    assert run("export", "--msp", "Nobody", "--client", "X").exit_code == 2
    run("import", write(tmp_path, DOC), "--msp", "Brightpath")
    result = run("export", "--msp", "Brightpath", "--client", "Harbor Law")
    assert result.exit_code == 2
    assert "no client called 'Harbor Law'" in result.stderr
    result = run("export", "--msp", "Brightpath", "--client", "Acme Dental", "--title", "1999 Q1")
    assert result.exit_code == 2
