"""NIST CSF 2.0 ships in the same format as 7C, converted from NIST's own export."""

import importlib.util
import json
from pathlib import Path

import pytest

from sevenc.catalogue.services import framework_spec, get_framework
from sevenc.catalogue.spec import packaged_framework, parse_framework

ROOT = Path(__file__).resolve().parents[3]
EXPORT = ROOT.parent / "shared" / "data" / "nist-csf-2.0" / "cprt_CSF_2_0_0_04-24-2024.json"


def test_nist_csf_has_6_functions_22_categories_and_106_subcategories():
    spec = packaged_framework("nist-csf")
    assert [b.code for b in spec.blocks] == ["GV", "ID", "PR", "DE", "RS", "RC"]
    assert len(list(spec.areas())) == 22
    assert len(list(spec.items())) == 106
    assert spec.item_index["GV.OC-01"].area == "GV.OC"
    assert "ID.BE-01" not in spec.item_index  # withdrawn in 2.0


@pytest.mark.django_db
def test_nist_csf_is_loaded_like_any_framework():
    assert framework_spec(get_framework("nist-csf")) == packaged_framework("nist-csf")


@pytest.mark.skipif(not EXPORT.is_file(), reason="NIST's export (../shared/data) is not beside this clone")
def test_the_shipped_file_is_exactly_what_the_converter_makes_of_nists_export():
    loader = importlib.util.spec_from_file_location("convert", ROOT / "scripts" / "nist_csf_to_sevenc.py")
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    converted = module.convert(json.loads(EXPORT.read_text(encoding="utf-8")))
    assert parse_framework(converted) == packaged_framework("nist-csf")
