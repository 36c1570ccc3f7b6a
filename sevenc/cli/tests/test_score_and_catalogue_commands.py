"""`sevenc catalogue` and `sevenc score`: no database, JSON as documented, exit code 2 on bad input."""

import json
import random

import pytest
from typer.testing import CliRunner

from sevenc.catalogue.spec import packaged_framework
from sevenc.cli.main import app

runner = CliRunner()
SPEC = packaged_framework("7c")


def run(*args):
    return runner.invoke(app, list(map(str, args)))


def test_catalogue_json_lists_blocks_areas_items_and_the_scale():
    result = run("catalogue", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["framework"], data["version"]) == ("7c", SPEC.version)
    assert [s["name"] for s in data["scale"]] == ["Missing", "Ad hoc", "Partial", "Implemented", "Optimized"]
    assert [b["code"] for b in data["blocks"]] == ["CONT", "COMP", "CHRG", "CONS", "CTRL", "CLEAR", "COST"]
    items = [i for b in data["blocks"] for a in b["areas"] for i in a["items"]]
    assert len(items) == 139
    assert items[0] == {"code": "CONT.1.1", "title": "Backup policy, regulation implementation", "weight": 1}
    assert set(data["blocks"][0]) == {"code", "name", "question", "areas"}


def test_catalogue_of_an_unknown_framework_exits_2():
    result = run("catalogue", "--framework", "itil")
    assert result.exit_code == 2
    assert "unknown framework 'itil'" in result.stderr


def test_catalogue_human_output_names_every_block():
    result = run("catalogue")
    assert result.exit_code == 0
    for block in SPEC.blocks:
        assert block.name in result.stdout


def reference_itcq(doc):
    """An independent, deliberately plain re-statement of docs/scoring.md, to check the CLI against."""
    weights = {i.code: doc.get("weights", {}).get(i.code, i.weight) for i in SPEC.items()}
    answers = {r["item"]: r for r in doc["responses"]}
    blocks = {}
    for block in SPEC.blocks:
        num = den = 0.0
        answered = 0
        total = 0
        for area in block.areas:
            for item in area.items:
                total += 1
                r = answers.get(item.code)
                if r is None:
                    continue
                answered += 1
                if r.get("na") or weights[item.code] == 0:
                    continue
                num += weights[item.code] * r["level"] / 4
                den += weights[item.code]
        blocks[block.code] = (100 * num / den if den else None, answered / total)
    bw = doc.get("block_weights", {})
    scored = [(bw.get(code, 1), s) for code, (s, _) in blocks.items() if s is not None]
    wsum = sum(w for w, _ in scored)
    itcq = sum(w * s for w, s in scored) / wsum if scored and wsum else None
    return itcq, blocks


def random_doc(seed):
    rng = random.Random(seed)
    codes = [i.code for i in SPEC.items()]
    responses = []
    for code in rng.sample(codes, rng.randint(0, 139)):
        responses.append(
            {"item": code, "na": True} if rng.random() < 0.1 else {"item": code, "level": rng.randint(0, 4)}
        )
    return {
        "framework": "7c",
        "client": "Random Co",
        "as_of": "2026-09-30",
        "title": f"case {seed}",
        "weights": {c: rng.randint(0, 5) for c in rng.sample(codes, 20)},
        "block_weights": {b.code: rng.choice([0, 1, 2, 3, 0.5]) for b in SPEC.blocks if rng.random() < 0.5},
        "responses": responses,
    }


@pytest.mark.parametrize("seed", range(12))
def test_score_json_matches_the_documented_formula(tmp_path, seed):
    doc = random_doc(seed)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc))
    result = run("score", path, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    itcq, blocks = reference_itcq(doc)
    if itcq is None:
        assert data["itcq"] is None
    else:
        assert abs(data["itcq"] - itcq) < 1e-9
    for code, (block_score, completeness) in blocks.items():
        got = data["blocks"][code]
        assert (got["score"] is None) == (block_score is None)
        if block_score is not None:
            assert abs(got["score"] - block_score) < 1e-9
        assert abs(got["completeness"] - completeness) < 1e-12
    assert set(data) == {"itcq", "provisional", "completeness", "blocks", "areas"}
    assert len(data["areas"]) == 27
    assert data["provisional"] == (len(doc["responses"]) / 139 < 0.8)


def test_score_human_output_shows_a_row_per_block_and_the_itcq(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(random_doc(99)))
    result = run("score", path)
    assert result.exit_code == 0
    assert "ITCQ" in result.stdout
    assert "Cost effective" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"framework": "7c"}', "client: required"),
        (
            json.dumps({**random_doc(1), "responses": [{"item": "CONT.1.1", "level": 9}]}),
            "responses[0] (item 'CONT.1.1') level: 9 is out of range",
        ),
    ],
)
def test_score_refuses_bad_files_with_exit_code_2(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = run("score", path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_score_of_a_missing_file_exits_2(tmp_path):
    result = run("score", tmp_path / "nope.json")
    assert result.exit_code == 2
    assert "nope.json: no such file" in result.stderr
