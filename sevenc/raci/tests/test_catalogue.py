"""The shipped responsibility-area catalogue, and the loader's refusals naming the entry at fault."""

import copy
from collections import Counter

import pytest
import yaml

from sevenc.catalogue.spec import packaged_framework
from sevenc.lib.bounds import TITLE
from sevenc.raci.catalogue import CATALOGUE_FILE, CatalogueError, load_catalogue, parse_catalogue
from sevenc.raci.matrix import BLOCKS

SEVEN_C = packaged_framework("7c")
CATALOGUE = load_catalogue()


def test_the_shipped_catalogue_has_at_least_200_areas_over_all_seven_blocks():
    assert len(CATALOGUE.areas) >= 200
    per_block = Counter(area.block for area in CATALOGUE.areas)
    assert set(per_block) == set(BLOCKS) == {b.code for b in SEVEN_C.blocks}
    assert min(per_block.values()) >= 20


def test_every_item_code_of_the_catalogue_exists_in_the_7c_yaml():
    raw = yaml.safe_load((CATALOGUE_FILE.parents[2] / "catalogue" / "data" / "7c.yaml").read_text())
    assert raw["framework"] == CATALOGUE.framework == "7c"
    items = set(SEVEN_C.item_index)
    for area in CATALOGUE.areas:
        assert area.items, area.code
        assert set(area.items) <= items, area.code


def test_codes_are_numbered_per_block_in_file_order_and_titles_fit_the_bound():
    for block in BLOCKS:
        codes = [a.code for a in CATALOGUE.areas if a.block == block]
        assert codes == [f"RA-{block}-{n:03d}" for n in range(1, len(codes) + 1)]
    for area in CATALOGUE.areas:
        assert TITLE.clean(area.title, field="title") == area.title


def test_roughly_a_quarter_of_the_areas_are_critical_and_the_backup_check_is_one():
    share = sum(a.critical for a in CATALOGUE.areas) / len(CATALOGUE.areas)
    assert 0.2 <= share <= 0.3
    assert CATALOGUE.area("RA-CONT-001").title == "Verify last night's backup completed"
    assert CATALOGUE.area("RA-CONT-001").critical


def test_the_catalogue_is_versioned_like_the_framework():
    assert (CATALOGUE.code, CATALOGUE.version, CATALOGUE.name) == (
        "raci-7c",
        "1.0",
        "7C responsibility areas",
    )


def test_catalogue_json_has_exactly_the_documented_fields():
    first = CATALOGUE.to_json()["areas"][0]
    assert first == {
        "code": "RA-CONT-001",
        "title": "Verify last night's backup completed",
        "block": "CONT",
        "items": ["CONT.1.2"],
        "critical": True,
    }


def test_an_unknown_area_code_is_refused_by_name():
    with pytest.raises(CatalogueError, match="RA-CONT-999"):
        CATALOGUE.area("RA-CONT-999")


def small_doc():
    return {
        "code": "raci-test",
        "version": "1.0",
        "name": "Test areas",
        "framework": "7c",
        "duties": {"backup": "Backups", "finance": "Money"},
        "areas": [
            {
                "code": "RA-CONT-001",
                "title": "Check the backup",
                "block": "CONT",
                "items": ["CONT.1.2"],
                "critical": True,
                "duty": "backup",
            },
            {
                "code": "RA-COST-001",
                "title": "Approve the budget",
                "block": "COST",
                "items": ["COST.1.1"],
                "critical": False,
                "duty": "finance",
            },
        ],
    }


def test_a_small_valid_catalogue_loads():
    catalogue = parse_catalogue(small_doc(), SEVEN_C)
    assert [a.code for a in catalogue.areas] == ["RA-CONT-001", "RA-COST-001"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["areas"][1].update(code="RA-CONT-001", block="CONT"),
            r"areas\[1\]: code RA-CONT-001 is also",
        ),
        (lambda d: d["areas"][0].update(block="SAFE"), r"areas\[0\] \(RA-CONT-001\): block 'SAFE'"),
        (lambda d: d["areas"][0].update(items=["CONT.9.9"]), r"unknown item 'CONT.9.9' in 7c"),
        (lambda d: d["areas"][0].update(items=[]), r"items must be a non-empty list"),
        (lambda d: d["areas"][0].update(code="RA-COST-001"), r"must be RA-CONT-NNN"),
        (lambda d: d["areas"][0].update(code="RA-CONT-1"), r"must be RA-CONT-NNN"),
        (lambda d: d["areas"][0].update(title="x" * 301), r"title: at most 300 characters"),
        (lambda d: d["areas"][0].update(title="  "), r"title: required"),
        (lambda d: d["areas"][0].update(critical="yes"), r"critical must be true or false"),
        (lambda d: d["areas"][0].update(duty="magic"), r"duty 'magic' is not one of"),
        (lambda d: d["areas"][0].update(owner="MSP"), r"unknown field\(s\) 'owner'"),
        (lambda d: d["areas"][1].update(title="check the BACKUP"), r"is also RA-CONT-001's"),
        (lambda d: d["duties"].update(spare="Unused"), r"duties: spare used by no area"),
        (lambda d: d.update(framework="nist-csf"), r"framework 'nist-csf' is not the framework given"),
        (lambda d: d.update(version=1), r"version must be text"),
        (lambda d: d.update(areas=[]), r"areas: must be a non-empty list"),
    ],
)
def test_a_bad_catalogue_is_refused_naming_the_entry(change, message):
    doc = copy.deepcopy(small_doc())
    change(doc)
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(doc, SEVEN_C)
