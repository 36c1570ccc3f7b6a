"""`sevenc raci export`: the client's matrix as a sevenc-raci file that `sevenc raci validate` reads back."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.raci.matrix_file import parse_matrix_text
from sevenc.raci.tests.conftest import FIREWALL, state

runner = CliRunner()


def run(*args):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(map(str, args)))


def test_the_export_is_the_matrix_and_validates_to_the_same_findings(tmp_path, client_co, findings_matrix):
    out = tmp_path / "acme.json"
    result = run("raci", "export", "--msp", client_co.msp.name, "--client", client_co.name, "-o", out)
    assert result.exit_code == 0, result.output
    assert "271 areas, 18 parties" in result.output
    exported = parse_matrix_text(out.read_bytes())
    assert exported == state(client_co).pure
    checked = run("raci", "validate", out, "--json")
    assert checked.exit_code == 1  # findings
    rules = [(f["rule"], f["area"] or f["party"]) for f in json.loads(checked.stdout)["findings"]]
    assert rules == [
        ("no_accountable", FIREWALL),
        ("no_contract", "ISP"),
        ("sole_responsible", "MSP"),
        ("sole_responsible", "VCIO"),
    ]


def test_the_export_goes_to_stdout_without_a_file(client_co, matrix):
    result = run("raci", "export", "--msp", client_co.msp.name, "--client", client_co.name)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["format"] == "sevenc-raci"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--msp", "Nobody IT", "--client", "Acme Dental"), "no MSP called 'Nobody IT'"),
        (("--msp", "Brightpath IT", "--client", "Nobody Inc"), "has no client called 'Nobody Inc'"),
        (("--msp", "Brightpath IT", "--client", "Harbor Law"), "Harbor Law has no responsibility matrix yet"),
        (
            ("--msp", "Brightpath IT", "--client", "Acme Dental", "-o", "/nonexistent/dir/x.json"),
            "cannot be written",
        ),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(client_co, other_client, matrix, args, message):
    result = run("raci", "export", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
