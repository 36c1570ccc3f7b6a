"""`sevenc raci catalogue` and `sevenc raci validate`: no database, JSON as documented, exit codes 0/1/2."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.raci.catalogue import load_catalogue

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "raci-acme.json"


def run(*args):
    return runner.invoke(app, list(map(str, args)))


def sound_file(tmp_path):
    doc = {
        "format": "sevenc-raci",
        "version": 1,
        "client": "Sound Co",
        "parties": [
            {"code": "CEO", "name": "Ann", "kind": "internal", "ceo": True},
            {"code": "MSP", "name": "Brightpath", "kind": "msp", "contract": "MSA-1"},
        ],
        "areas": [
            {"code": "RA-CONT-001", "title": "Verify the backup", "items": ["CONT.1.2"], "critical": True}
        ],
        "assignments": {"RA-CONT-001": {"MSP": "R", "CEO": "A"}},
    }
    path = tmp_path / "sound.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_catalogue_json_lists_every_area_with_the_documented_fields():
    result = run("raci", "catalogue", "--json")
    assert result.exit_code == 0
    areas = json.loads(result.stdout)["areas"]
    assert len(areas) == len(load_catalogue().areas) >= 200
    assert all(set(a) == {"code", "title", "block", "items", "critical"} for a in areas)
    assert areas[0]["title"] == "Verify last night's backup completed"


def test_catalogue_table_names_the_version_and_the_areas():
    result = run("raci", "catalogue")
    assert result.exit_code == 0
    assert "raci-7c 1.0" in result.stdout
    assert "RA-COST-001" in result.stdout


def test_validating_the_example_prints_one_finding_per_rule_and_exits_1():
    result = run("raci", "validate", EXAMPLE, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["rule"], f["area"], f["party"]) for f in data["findings"]] == [
        ("no_accountable", "RA-CONT-057", None),
        ("many_accountable", "RA-COST-002", None),
        ("no_responsible", "RA-CONT-009", None),
        ("no_contract", None, "ISP"),
        ("sole_responsible", None, "MSP"),
    ]
    assert "the CEO (Dr. Maria Keller) is accountable by default" in data["findings"][0]["message"]
    assert data["load"]["CEO"] == {"A": 76, "R": 0}
    assert list(data["load"])[:3] == ["CEO", "COO", "CFO"]


def test_a_higher_spof_threshold_drops_the_single_point_of_failure():
    result = run("raci", "validate", EXAMPLE, "--json", "--spof", 100)
    assert result.exit_code == 1
    assert "sole_responsible" not in {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_a_sound_matrix_exits_0(tmp_path):
    result = run("raci", "validate", sound_file(tmp_path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "findings": [],
        "load": {"CEO": {"A": 1, "R": 0}, "MSP": {"A": 0, "R": 1}},
    }


def test_the_human_output_shows_the_findings_and_the_load():
    result = run("raci", "validate", EXAMPLE)
    assert result.exit_code == 1
    assert "Acme Dental Group" in result.stdout
    assert "no_contract" in result.stdout
    assert "CityNet Fibre" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops", "not valid JSON (line 1, column 2"),
        ("[]", "must be a JSON object"),
        ('{"format": "sevenc-raci", "version": 2}', "version: 2 is not supported"),
    ],
)
def test_a_bad_file_exits_2_with_a_message_and_no_traceback(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("raci", "validate", path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_an_unknown_party_in_the_file_exits_2_naming_it(tmp_path):
    path = sound_file(tmp_path)
    doc = json.loads(path.read_text())
    doc["assignments"]["RA-CONT-001"]["ISP"] = "R"
    path.write_text(json.dumps(doc))
    result = run("raci", "validate", path)
    assert result.exit_code == 2
    assert 'assignments["RA-CONT-001"]["ISP"]: unknown party' in result.stderr


def test_an_item_code_not_in_7c_exits_2(tmp_path):
    path = sound_file(tmp_path)
    doc = json.loads(path.read_text())
    doc["areas"][0]["items"] = ["CONT.1.99"]
    path.write_text(json.dumps(doc))
    result = run("raci", "validate", path)
    assert result.exit_code == 2
    assert "unknown item 'CONT.1.99'" in result.stderr


def test_a_missing_file_and_a_spof_below_one_exit_2(tmp_path):
    assert run("raci", "validate", tmp_path / "none.json").exit_code == 2
    assert run("raci", "validate", sound_file(tmp_path), "--spof", 0).exit_code == 2
