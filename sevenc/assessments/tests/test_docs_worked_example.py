"""docs/scoring.md's worked example is computed by the real code, number by number."""

import json
import re
from pathlib import Path

import pytest

from sevenc.assessments.exchange import parse_document, scoring_items
from sevenc.assessments.scoring import display, score
from sevenc.catalogue.spec import packaged_framework

DOC = Path(__file__).resolve().parents[3] / "docs" / "scoring.md"


def test_the_worked_example_in_the_scoring_doc_is_what_the_code_computes():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, flags=re.S)
    assert block is not None, "docs/scoring.md lost its worked example"
    example = json.loads(block.group(1))
    spec = packaged_framework("7c")
    doc, _ = parse_document(example, lambda code, version: spec)
    card = score(scoring_items(spec, doc.weights), doc.answers(), doc.block_weights)
    assert card.blocks["CONT"].score == pytest.approx(68.75, abs=1e-12)
    assert card.areas["CONT.1"] == pytest.approx(68.75, abs=1e-12)
    assert card.blocks["COMP"].score == pytest.approx(62.5, abs=1e-12)
    assert [code for code, b in card.blocks.items() if b.score is None] == [
        "CHRG",
        "CONS",
        "CTRL",
        "CLEAR",
        "COST",
    ]
    assert card.itcq == pytest.approx(200 / 3, abs=1e-12)
    assert display(card.itcq) == "66.7"
    assert card.completeness == pytest.approx(6 / 139)
    assert card.blocks["CONT"].completeness == pytest.approx(4 / 27)
    assert card.blocks["COMP"].completeness == pytest.approx(2 / 22)
    assert card.provisional
    assert '"itcq": 66.66666666666667' in text
