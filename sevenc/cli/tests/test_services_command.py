"""`sevenc services coverage --file`: the documented JSON, a table, and exit code 2 on bad input."""

import json

from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.offering.service_file import STARTER_FILE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(map(str, args)))


def write(tmp_path, services, name="services.json"):
    path = tmp_path / name
    doc = {"format": "sevenc-services", "version": 1, "framework": "7c", "services": services}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def entry(name, items, delivery="in_house", status="offered", partner=""):
    return {
        "name": name,
        "delivery": delivery,
        "partner": partner,
        "status": status,
        "price_model": "flat_month",
        "price": 100,
        "items": items,
    }


def test_coverage_json_gives_overall_blocks_areas_and_items_as_full_floats(tmp_path):
    # CONT.1 has 7 items of weight 1: 2 in-house, 1 partner, 1 planned.
    path = write(
        tmp_path,
        [
            entry("Backup", ["CONT.1.1", "CONT.1.2"]),
            entry("Offsite", ["CONT.1.5"], delivery="partner", partner="Vaultline"),
            entry("Tests", ["CONT.1.4"], status="planned"),
        ],
    )
    result = run("services", "coverage", "--file", path, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["areas"]["CONT.1"] == {"covered": 300 / 7, "in_house": 200 / 7}
    assert data["blocks"]["CONT"] == {"covered": 100 * 3 / 27, "in_house": 100 * 2 / 27}
    assert data["overall"] == {"covered": 100 * 3 / 139, "in_house": 100 * 2 / 139}
    assert len(data["blocks"]) == 7 and len(data["areas"]) == 27 and len(data["items"]) == 139
    assert [data["items"][c] for c in ("CONT.1.1", "CONT.1.4", "CONT.1.5", "CONT.1.6")] == [
        "in_house",
        "planned",
        "partner",
        "none",
    ]


def test_coverage_of_the_starter_catalogue_prints_a_table_with_every_block():
    result = run("services", "coverage", "--file", STARTER_FILE)
    assert result.exit_code == 0, result.stderr
    for name in ("Continuous", "Competent", "Charged", "Conscious", "Controlled", "Clear", "Cost effective"):
        assert name in result.stdout
    assert "Whole framework" in result.stdout


def test_a_bad_service_file_exits_2_naming_the_entry_without_a_traceback(tmp_path):
    path = write(tmp_path, [entry("Backup", ["CONT.1.1"]), {**entry("DR", ["CONT.2.1"]), "price": True}])
    result = run("services", "coverage", "--file", path, "--json")
    assert result.exit_code == 2
    assert "services[1] (name 'DR'): price: true is not a number" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_a_file_that_is_not_json_exits_2(tmp_path):
    path = tmp_path / "services.json"
    path.write_text("nope", encoding="utf-8")
    result = run("services", "coverage", "--file", path)
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr


def test_coverage_without_a_file_exits_2():
    assert run("services", "coverage").exit_code == 2


def test_the_develop_next_and_upsell_tables_render_for_the_database_commands():
    from rich.console import Console

    from sevenc.catalogue.spec import packaged_framework
    from sevenc.cli.services import develop_next_table, upsell_table
    from sevenc.offering.coverage import coverage
    from sevenc.offering.portfolio import ClientStanding, Portfolio
    from sevenc.offering.service_file import starter_catalogue
    from sevenc.offering.upsell import upsell_offers

    spec = packaged_framework("7c")
    services = starter_catalogue().services
    world = Portfolio(spec, [ClientStanding("Acme Dental", 40, levels=dict.fromkeys(spec.item_index, 1))])
    console = Console(record=True, width=160)
    console.print(develop_next_table(world.develop_next(coverage(spec, services).items)))
    console.print(upsell_table(upsell_offers(world, services)))
    text = console.export_text()
    assert "CTRL.2.1" in text and "Managed Workplace" in text and "3,560.00" in text  # 40 seats × 89
