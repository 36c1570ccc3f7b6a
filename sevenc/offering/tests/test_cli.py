"""`sevenc services … --msp NAME`: the documented JSON shapes on the hand-made portfolio (conftest.py), the
service file in and out, and exit code 2 for bad input with nothing stored."""

import json

import pytest
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.offering.models import Service

runner = CliRunner()
MSP = "Brightpath IT"  # the `msp` fixture


def run(*args):
    return runner.invoke(app, list(map(str, args)))


def ok(*args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_coverage_of_the_stored_catalogue_as_json(catalogue):
    data = json.loads(ok("services", "coverage", "--msp", MSP, "--json"))
    assert data["overall"] == {"covered": 100 * 4 / 139, "in_house": 100 * 3 / 139}
    assert data["areas"]["CONT.1"] == {"covered": 300 / 7, "in_house": 200 / 7}
    assert [data["items"][c] for c in ("CONT.1.1", "CONT.1.4", "COST.1.1", "COST.1.2")] == [
        "in_house",
        "partner",
        "planned",
        "none",
    ]
    assert "Whole framework" in ok("services", "coverage", "--msp", MSP)


def test_develop_next_json_is_the_documented_list_highest_demand_first(portfolio, catalogue):
    rows = json.loads(ok("services", "develop-next", "--msp", MSP, "--json"))
    assert rows[0] == {
        "item": "COST.1.1",
        "title": "IT Budget Planning",
        "coverage": "planned",
        "clients": 2,
        "seats": 102,
        "demand": 144,
        "client_names": ["Acme Dental", "Harbor Law"],
    }
    assert (rows[1]["item"], rows[1]["demand"], len(rows)) == ("CTRL.1.1", 60, 135)
    assert "COST.1.1" in ok("services", "develop-next", "--msp", MSP)


def test_upsell_json_one_line_per_client_service_and_item_filtered_by_vcio(portfolio, catalogue):
    lines = json.loads(ok("services", "upsell", "--msp", MSP, "--vcio", "vcio", "--json"))
    assert lines == [
        {
            "client": "Acme Dental",
            "item": "CONT.1.1",
            "service": "Managed Backup",
            "price_model": "per_seat_month",
            "monthly_revenue": 525.0,
            "one_time": None,
        },
        {
            "client": "Acme Dental",
            "item": "CONT.1.2",
            "service": "Managed Backup",
            "price_model": "per_seat_month",
            "monthly_revenue": 525.0,
            "one_time": None,
        },
        {
            "client": "Acme Dental",
            "item": "CONT.1.2",
            "service": "DRaaS",
            "price_model": "flat_month",
            "monthly_revenue": 1150.0,
            "one_time": None,
        },
        {
            "client": "Acme Dental",
            "item": "CONT.1.4",
            "service": "DRaaS",
            "price_model": "flat_month",
            "monthly_revenue": 1150.0,
            "one_time": None,
        },
        {
            "client": "Cedar Ridge",
            "item": "CONT.1.1",
            "service": "Managed Backup",
            "price_model": "per_seat_month",
            "monthly_revenue": None,
            "one_time": None,
        },
    ]
    everyone = json.loads(ok("services", "upsell", "--msp", MSP, "--json"))
    assert len(everyone) == 5 + 3  # Harbor: DR Workshop CONT.2.1, Managed Backup and DRaaS CONT.1.2
    text = ok("services", "upsell", "--msp", MSP)
    assert "3 clients: USD 3,575.00 a month and USD 4,500.00 one-time" in text


def test_export_and_import_round_trip_through_a_file(tmp_path, catalogue, msp, other_msp):
    path = tmp_path / "services.json"
    assert "wrote" in ok("services", "export", "--msp", MSP, "-o", path)
    assert json.loads(path.read_text()) == json.loads(ok("services", "export", "--msp", MSP))
    assert "5 new, 0 updated" in ok("services", "import", path, "--msp", "Rival Networks")
    assert Service.objects.filter(msp=other_msp).count() == 5
    assert "0 new, 5 updated" in ok("services", "import", path, "--msp", "Rival Networks")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"format": "sevenc-services", "version": 1, "framework": "7c", "services": [{"name": "X", "delivery": "in_house", "status": "offered", "price_model": "flat_month", "price": "12", "items": []}]}',
            "services[0] (name 'X'): price: '12' is text; give a number",
        ),
        (
            '{"format": "sevenc-services", "version": 1, "framework": "7c", "services": [{"name": "X", "delivery": "in_house", "status": "offered", "price_model": "flat_month", "price": 1, "items": ["CONT.1.1", "BAD"]}]}',
            "items[1]: unknown item code 'BAD' in 7c",
        ),
        ("[1, 2", "not valid JSON"),
    ],
)
def test_a_bad_import_exits_2_naming_the_entry_and_stores_nothing(tmp_path, msp, content, message):
    path = tmp_path / "services.json"
    path.write_text(content, encoding="utf-8")
    result = run("services", "import", path, "--msp", MSP)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("services", "develop-next", "--msp", "Nobody"), "no MSP called 'Nobody'"),
        (("services", "upsell", "--msp", MSP, "--vcio", "ghost"), "has no member with the username 'ghost'"),
        (("services", "coverage"), "give either --msp NAME"),
        (("services", "coverage", "--msp", MSP, "--file", "x.json"), "give either --msp NAME"),
        (("services", "export", "--msp", MSP, "-o", "/nonexistent/dir/s.json"), "cannot be written"),
        (("services", "import", "missing.json", "--msp", MSP), "missing.json: no such file"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(msp, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()) and "Traceback" not in result.stderr
