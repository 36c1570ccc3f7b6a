"""Every CLI input path, fed any bytes, any JSON shape, any nesting and any size, through the real command:
exit 0, or exit 2 with one line naming the problem; never a traceback (issue 9, item 8).

Example counts are bounded so each format takes a few seconds; SEVENC_FUZZ_SCALE=20 runs twenty times as
many (a longer hunt before a release)."""

import json
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from sevenc.assessments.models import Assessment
from sevenc.catalogue.tests.test_framework_loading import MINI
from sevenc.cli.main import app
from sevenc.cli.tests.fuzz import assert_exits_cleanly, json_files, yaml_files
from sevenc.roadmap.tests.conftest import BASE_PLAN

runner = CliRunner()


def examples(count: int) -> settings:
    """A bounded example count; each example writes its file to the same path, so the fixture is safe."""
    return settings(
        max_examples=count * int(os.environ.get("SEVENC_FUZZ_SCALE", "1")),
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


EXCHANGE = {
    "framework": "7c",
    "version": "1.0",
    "client": "Acme Dental",
    "as_of": "2026-09-30",
    "title": "2026 Q3",
    "status": "draft",
    "weights": {"CONT.1.1": 3},
    "block_weights": {"CONT": 2},
    "responses": [
        {"item": "CONT.1.1", "level": 3, "status": "Nightly", "risk": "No offsite", "solution": "Cloud"},
        {"item": "CONT.1.2", "na": True},
        {"item": "COMP.2.1", "evidence": "Checked"},
    ],
}


def invoke(*args):
    return runner.invoke(app, [str(arg) for arg in args])


@examples(150)
@given(content=json_files(EXCHANGE))
def test_score_survives_any_exchange_file(tmp_path, content):
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    result = invoke("score", path, "--json")
    assert_exits_cleanly(result)
    if result.exit_code == 0:
        assert 0 <= (json.loads(result.stdout)["itcq"] or 0) <= 100


@pytest.mark.django_db
@examples(40)
@given(content=json_files(EXCHANGE))
def test_import_survives_any_exchange_file_and_stores_only_what_the_form_would(tmp_path, content):
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    result = invoke("import", path, "--msp", "Fuzz MSP")
    assert_exits_cleanly(result)
    for assessment in Assessment.objects.all():
        assert len(assessment.title) <= 200 and len(assessment.client.name) <= 200
        for response in assessment.responses.all():
            assert response.level is None or 0 <= response.level <= 4
            assert max(len(response.status), len(response.risk), len(response.solution)) <= 5_000


@examples(60)
@given(content=json_files(BASE_PLAN))
def test_plan_survives_any_plan_input_file(tmp_path, content):
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    result = invoke("plan", path, "--json", "--time-limit", "0.5")
    assert_exits_cleanly(result)
    if result.exit_code == 0:
        # ids are trimmed like every text of the file
        ids = {
            rec["id"].strip() for rec in json.loads(content.decode("utf-8-sig")).get("recommendations", [])
        }
        assert set(json.loads(result.stdout)["schedule"]) == ids


@examples(120)
@given(content=yaml_files(MINI))
def test_catalogue_survives_any_yaml_framework_file(tmp_path, content):
    path = tmp_path / "framework.yaml"
    path.write_bytes(content)
    assert_exits_cleanly(invoke("catalogue", "--file", path, "--json"))


@examples(80)
@given(content=json_files(MINI))
def test_catalogue_survives_any_json_framework_file(tmp_path, content):
    path = tmp_path / "framework.json"
    path.write_bytes(content)
    assert_exits_cleanly(invoke("catalogue", "--file", path))  # the table: user text is never Rich markup


@pytest.mark.django_db
@examples(25)
@given(content=yaml_files(MINI))
def test_catalogue_load_survives_any_framework_file(tmp_path, content):
    path = tmp_path / "framework.yaml"
    path.write_bytes(content)
    assert_exits_cleanly(invoke("catalogue", "load", path))


def test_the_valid_documents_the_mutations_start_from_are_accepted(tmp_path):
    """Otherwise the fuzz tests above would only ever see refusals."""
    for name, doc, args in [
        ("doc.json", EXCHANGE, ["score"]),
        ("plan.json", BASE_PLAN, ["plan", "--time-limit", "1"]),
        ("framework.json", MINI, ["catalogue", "--file"]),
    ]:
        path = tmp_path / name
        path.write_text(json.dumps(doc))
        result = invoke(*args, path)
        assert result.exit_code == 0, result.stderr
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(MINI))
    assert invoke("catalogue", "--file", path).exit_code == 0
