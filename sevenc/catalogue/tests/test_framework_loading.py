"""Frameworks are data: a second one loads with no code change; versions protect history."""

import json

import pytest
import yaml
from typer.testing import CliRunner

from sevenc.catalogue.models import Framework, Item
from sevenc.catalogue.services import framework_spec, get_framework, load_framework
from sevenc.catalogue.spec import FrameworkFormatError, packaged_framework, parse_framework
from sevenc.cli.main import app

SCALE = [
    {"level": n, "name": name, "description": f"{name} practice"}
    for n, name in enumerate(["None", "Initial", "Defined", "Managed", "Optimising"])
]
MINI = {
    "framework": "mini",
    "version": "2025.1",
    "name": "Mini Security Baseline",
    "scale": SCALE,
    "blocks": [
        {
            "code": "ID",
            "name": "Identify",
            "question": "Do we know what we have?",
            "areas": [
                {
                    "code": "ID.AM",
                    "title": "Asset management",
                    "items": [
                        {"code": "ID.AM-01", "title": "Hardware inventory", "weight": 3},
                        "Software inventory",
                    ],
                }
            ],
        },
        {
            "code": "PR",
            "name": "Protect",
            "areas": [{"title": "Access control", "items": ["MFA everywhere"]}],
        },
    ],
}


def test_a_small_framework_parses_with_explicit_and_derived_codes():
    spec = parse_framework(MINI)
    assert [i.code for i in spec.items()] == ["ID.AM-01", "ID.AM.2", "PR.1.1"]
    assert spec.item_index["ID.AM-01"].weight == 3


@pytest.mark.django_db
def test_a_second_framework_loads_into_the_database_and_reads_back_identically():
    spec = parse_framework(MINI)
    framework, created = load_framework(spec)
    assert created
    assert framework_spec(framework) == spec
    assert Item.objects.filter(framework=framework).count() == 3
    _, created_again = load_framework(spec)
    assert not created_again
    assert Framework.objects.filter(code="mini").count() == 1


@pytest.mark.django_db
def test_the_7c_catalogue_is_in_every_migrated_database():
    framework = get_framework("7c")
    assert framework_spec(framework) == packaged_framework("7c")


@pytest.mark.django_db
def test_changed_content_under_the_same_version_is_refused():
    load_framework(parse_framework(MINI))
    changed = json.loads(json.dumps(MINI))
    changed["blocks"][0]["areas"][0]["items"][1] = "Software and SaaS inventory"
    with pytest.raises(FrameworkFormatError, match="already loaded with different content"):
        load_framework(parse_framework(changed))
    changed["version"] = "2025.2"
    framework, created = load_framework(parse_framework(changed))
    assert created
    assert get_framework("mini") == framework  # the newest version is the default
    assert get_framework("mini", "2025.1") != framework


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(scale=SCALE[:4]), "levels must be exactly 0, 1, 2, 3, 4"),
        (
            lambda d: d["blocks"][0]["areas"][0]["items"].append({"title": "x", "weight": 9}),
            "item 3 weight: 9 is out of range: give a number from 0 to 5",
        ),
        (lambda d: d["blocks"][1].update(code="ID"), "code 'ID' is used twice"),
        (lambda d: d["blocks"][1].update(areas=[]), "'areas' must be a non-empty list"),
        (lambda d: d.pop("version"), "framework version: required"),
        (lambda d: d["blocks"][0].update(code="bad code!"), "code 'bad code!'"),
        (lambda d: d["blocks"][0].update(code=["ID"]), "block 1: code ['ID'] must be 1–40 letters"),
        (lambda d: d["blocks"][0].update(name={"en": "x"}), "block 1 name: must be text"),
        (lambda d: d["blocks"][0].update(name="x" * 201), "block 1 name: at most 200 characters"),
        (lambda d: d["blocks"][0]["areas"][0]["items"].append({"title": "x" * 301}), "title: at most 300"),
        (lambda d: d["blocks"][0]["areas"][0]["items"].append({"title": "x", "weight": 1.5}), "1.5 must be"),
        (lambda d: d["blocks"][0]["areas"][0]["items"].append({"title": "x", "weight": True}), "true is not"),
        (lambda d: d["blocks"][0]["areas"][0]["items"].append(7), "item 3: must be a title or a mapping"),
        (lambda d: d["scale"][0].update(name="x" * 61), "scale[0] name: at most 60 characters"),
        (lambda d: d.update(name=None), "framework name: required"),
        (lambda d: d.update(version=True), "framework version: must be text"),
        (lambda d: d.update(blocks={"ID": {}}), "blocks: must be a non-empty list"),
    ],
)
def test_bad_framework_files_are_refused_with_the_entry_named(mutate, message):
    data = json.loads(json.dumps(MINI))
    mutate(data)
    with pytest.raises(FrameworkFormatError) as error:
        parse_framework(data)
    assert message in str(error.value)


@pytest.mark.django_db
def test_catalogue_load_command_loads_a_file_and_refuses_a_bad_one(tmp_path):
    runner = CliRunner()
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(MINI))
    result = runner.invoke(app, ["catalogue", "load", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "mini 2025.1: loaded (2 blocks, 3 items)" in result.stdout
    shown = runner.invoke(app, ["catalogue", "--file", str(path), "--json"])
    assert json.loads(shown.stdout)["blocks"][0]["areas"][0]["items"][0]["code"] == "ID.AM-01"
    bad = tmp_path / "bad.yaml"
    bad.write_text("framework: [unclosed")
    result = runner.invoke(app, ["catalogue", "load", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml: not valid YAML" in result.stderr
