"""The shipped 7C catalogue says exactly what the seed says."""

import re
from pathlib import Path

import pytest

from sevenc.catalogue.spec import packaged_framework

SEED_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"

BLOCKS = [
    ("CONT", "Continuous", "What is the level of the IT security/NIST Cyber Security?"),
    ("COMP", "Competent", "How efficient and professional is the IT ecosystem?"),
    ("CHRG", "Charged", "How proactive and responsible is the IT ecosystem"),
    ("CONS", "Conscious", "How strategy and business focused is the IT ecosystem?"),
    ("CTRL", "Controlled", "How measurable, governable is the IT ecosystem"),
    ("CLEAR", "Clear", "How transparent or clear is the IT ecosystem?"),
    ("COST", "Cost effective", "How well are costs controlled in the IT ecosystem?"),
]
AREAS_PER_BLOCK = {"CONT": 4, "COMP": 4, "CHRG": 3, "CONS": 3, "CTRL": 4, "CLEAR": 5, "COST": 4}


@pytest.fixture(scope="module")
def spec():
    return packaged_framework("7c")


def test_the_catalogue_has_7_blocks_27_areas_and_139_services(spec):
    assert len(spec.blocks) == 7
    assert len(list(spec.areas())) == 27
    assert len(list(spec.items())) == 139


def test_blocks_keep_seed_order_names_and_key_questions(spec):
    assert [(b.code, b.name, b.question) for b in spec.blocks] == BLOCKS


def test_areas_per_block_follow_the_seed(spec):
    assert {b.code: len(b.areas) for b in spec.blocks} == AREAS_PER_BLOCK


def test_codes_are_block_area_item_and_one_based(spec):
    index = spec.item_index
    assert index["CONT.1.1"].title == "Backup policy, regulation implementation"
    assert index["COST.4.4"].title == "Purchase Process Policy Implementation"
    assert index["CLEAR.3.2"].title == "Internal SLA Enforcement"
    assert index["COST.2.1"].title == "Continuous Process Improvement Implementation"
    for block in spec.blocks:
        for n, area in enumerate(block.areas, start=1):
            assert area.code == f"{block.code}.{n}"
            for m, item in enumerate(area.items, start=1):
                assert item.code == f"{area.code}.{m}"
                assert item.weight == 1


def test_every_area_has_its_seed_description(spec):
    for area in spec.areas():
        assert len(area.description) > 60, area.code
    assert spec.blocks[0].areas[0].description.startswith("Keep the data safe and sound")


def test_the_maturity_scale_runs_from_missing_to_optimized(spec):
    assert [(s.level, s.name) for s in spec.scale] == [
        (0, "Missing"),
        (1, "Ad hoc"),
        (2, "Partial"),
        (3, "Implemented"),
        (4, "Optimized"),
    ]
    assert all(s.description for s in spec.scale)


@pytest.mark.skipif(
    not SEED_DIR.is_dir(), reason="the seed folder (../shared/seeds) is not beside this clone"
)
def test_every_title_appears_in_the_seed_in_the_same_order(spec):
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEED_DIR.glob("*.txt"))).replace(
        "\xa0", " "
    )
    bullets = [m.strip() for m in re.findall(r"^\s*•\s*(.+)$", text, flags=re.M)]
    # The first bullets of the seed are prose lists; the catalogue is the last 139 of the service bullets.
    titles = [item.title for item in spec.items()]
    assert bullets[-len(titles) :] == titles
    lines = [line.strip() for line in text.splitlines()]
    for area in spec.areas():
        assert area.title in lines, area.title
