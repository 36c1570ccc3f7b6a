"""The sevenc-services file: what it accepts, what it refuses (naming the entry), and the round trip."""

import copy
import json
from decimal import Decimal

import pytest

from sevenc.lib.errors import DomainError
from sevenc.offering.service_file import (
    ServiceFileError,
    load_service_file,
    parse_service,
    parse_services,
    read_service_file,
)
from sevenc.offering.tests.helpers import TINY, resolve_tiny

BACKUP = {
    "name": "Managed backup",
    "description": "Nightly backup",
    "delivery": "in_house",
    "partner": "",
    "status": "offered",
    "price_model": "per_seat_month",
    "price": 12.5,
    "items": ["CONT.1.5", "CONT.1.2"],
}
DR = {
    "name": "DRaaS",
    "delivery": "partner",
    "partner": "Vaultline",
    "status": "planned",
    "price_model": "flat_month",
    "price": 900,
    "items": ["CONT.2.4"],
}


def document(*services):
    return {"format": "sevenc-services", "version": 1, "framework": "7c", "services": list(services)}


def refused(data):
    with pytest.raises(ServiceFileError) as caught:
        parse_services(data)
    return str(caught.value)


def with_field(entry, **changes):
    entry = copy.deepcopy(entry)
    for key, value in changes.items():
        if value is ...:
            entry.pop(key)
        else:
            entry[key] = value
    return entry


def test_a_valid_file_parses_into_services_with_exact_prices_and_items_in_framework_order():
    catalogue = parse_services(document(BACKUP, DR))
    backup, dr = catalogue.services
    assert catalogue.framework == "7c"
    assert backup.price == Decimal("12.50")
    assert backup.items == ("CONT.1.2", "CONT.1.5")
    assert (dr.delivery, dr.partner, dr.status, dr.price_model) == (
        "partner",
        "Vaultline",
        "planned",
        "flat_month",
    )
    assert dr.description == ""


def test_writing_back_and_reading_again_gives_the_same_catalogue_and_the_same_json():
    catalogue = parse_services(document(BACKUP, DR))
    again = parse_services(json.loads(catalogue.dumps()))
    assert again == catalogue
    assert again.to_json() == catalogue.to_json()
    assert catalogue.to_json()["services"][0] == {**BACKUP, "items": ["CONT.1.2", "CONT.1.5"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"items": ["CONT.1.2", "CONT.9.9"]},
            "services[1] (name 'DRaaS'): items[1]: unknown item code 'CONT.9.9' in 7c",
        ),
        ({"items": ["CONT.2.4", "CONT.2.4"]}, "items[1]: 'CONT.2.4' listed twice (first at items[0])"),
        ({"items": "CONT.2.4"}, "items: must be a list of item codes"),
        ({"items": [7]}, "items[0]: 7 must be an item code"),
        (
            {"delivery": "outsourced"},
            "services[1] (name 'DRaaS'): delivery: 'outsourced': give one of in_house, partner",
        ),
        ({"status": "active"}, "status: 'active': give one of offered, planned, retired"),
        (
            {"price_model": "per_user"},
            "price_model: 'per_user': give one of per_seat_month, flat_month, one_time",
        ),
        ({"price_model": 3}, "price_model: not text: give one of"),
        ({"price": -1}, "services[1] (name 'DRaaS'): price: -1 is out of range"),
        ({"price": "12"}, "price: '12' is text; give a number"),
        ({"price": True}, "price: true is not a number"),
        ({"price": 1.005}, "price: 1.005 has more than 2 decimal(s)"),
        ({"price": None}, "price: must be a number"),
        ({"partner": ""}, "partner: required when delivery is 'partner'"),
        ({"partner": ...}, "partner: required when delivery is 'partner'"),
        ({"name": "  "}, "services[1]: name: required"),
        ({"name": "x" * 201}, "services[1]: name: at most 200 characters"),
        ({"description": "x" * 20_001}, "description: at most 20,000 characters"),
        ({"price": ...}, "services[1] (name 'DRaaS'): price: required"),
        ({"status": ...}, "status: required"),
        ({"cost": 3}, "service: unknown field(s) 'cost'"),
    ],
)
def test_a_bad_service_is_refused_with_its_entry_and_field_named(change, message):
    assert message in refused(document(BACKUP, with_field(DR, **change)))


def test_an_in_house_service_with_a_partner_name_is_refused():
    assert "services[0] (name 'Managed backup'): partner: only for delivery 'partner'" in refused(
        document(with_field(BACKUP, partner="Acme"))
    )


def test_duplicate_service_names_are_refused_even_when_only_the_case_differs():
    message = refused(document(BACKUP, DR, with_field(DR, name="draas")))
    assert message == "services[2]: duplicate service name 'draas' (first at services[1])"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "file: must be an object"),
        ({**document(), "format": "sevenc-assessment"}, "format: 'sevenc-assessment' is not a service file"),
        ({**document(), "version": 2}, "version: 2 is not supported: this sevenc reads version 1"),
        ({**document(), "version": "1"}, "version: '1' is not supported"),
        ({**document(), "version": True}, "version: True is not supported"),
        ({**document(), "framework": "itil"}, "framework: unknown framework 'itil'"),
        ({**document(), "framework": 7}, "framework: must be text"),
        ({**document(), "framework": ...}, "framework: required"),
        ({**document(), "services": {}}, "services: must be a list"),
        ({**document(), "extra": 1}, "file: unknown field(s) 'extra'"),
        (document("Managed backup"), "services[0]: must be an object"),
    ],
)
def test_a_bad_document_is_refused_naming_the_field(data, message):
    if isinstance(data, dict):
        data = {key: value for key, value in data.items() if value is not ...}
    assert message in refused(data)


def test_a_service_file_error_is_a_domain_error_and_not_a_value_error():
    with pytest.raises(DomainError) as caught:
        parse_service(with_field(DR, price=-5), TINY)
    assert caught.value.field == "price"
    assert not isinstance(caught.value, ValueError)


def test_items_are_checked_against_the_files_own_framework():
    data = {**document(with_field(DR, items=["A.1.1"])), "framework": "tiny"}
    assert parse_services(data, resolve_tiny).services[0].items == ("A.1.1",)
    assert "unknown item code 'A.1.1' in 7c" in refused(document(with_field(DR, items=["A.1.1"])))


def test_an_empty_catalogue_is_valid():
    assert parse_services(document()).services == ()


def test_files_are_read_as_json_or_by_suffix_as_yaml(tmp_path):
    as_json = tmp_path / "services.json"
    as_json.write_text(json.dumps(document(BACKUP)), encoding="utf-8")
    as_yaml = tmp_path / "services.yaml"
    as_yaml.write_text("format: sevenc-services\nversion: 1\nframework: 7c\nservices: []\n", encoding="utf-8")
    assert load_service_file(as_json).services[0].name == "Managed backup"
    assert load_service_file(as_yaml).services == ()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("broken.json", '{"format": ', "broken.json: not valid JSON (line 1, column 12"),
        ("yaml-content.json", "format: sevenc-services", "not valid JSON"),
        ("broken.yaml", "services: [", "broken.yaml: not valid YAML"),
    ],
)
def test_a_file_that_is_not_json_or_yaml_is_refused(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ServiceFileError) as caught:
        read_service_file(path)
    assert message in str(caught.value)


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(ServiceFileError, match=r"missing\.json: no such file"):
        read_service_file(tmp_path / "missing.json")
