"""The assessment exchange format: what it accepts, and a clear message for everything it refuses."""

import pytest

from sevenc.assessments.exchange import ExchangeError, parse_document
from sevenc.catalogue.spec import FrameworkFormatError, packaged_framework


def resolve(code, version):
    spec = packaged_framework(code)
    if version is not None and version != spec.version:
        raise FrameworkFormatError(f"{code} version {version!r} is not available")
    return spec


def doc(**overrides):
    base = {
        "framework": "7c",
        "client": "Acme Dental",
        "as_of": "2026-09-30",
        "title": "2026 Q3",
        "weights": {"CONT.1.1": 3},
        "block_weights": {"CONT": 2},
        "responses": [
            {
                "item": "CONT.1.1",
                "level": 3,
                "status": "Nightly to NAS",
                "risk": "No offsite",
                "solution": "Add cloud",
            },
            {"item": "CONT.1.2", "na": True},
        ],
    }
    base.update(overrides)
    return base


def test_the_example_from_the_issue_parses():
    parsed, spec = parse_document(doc(), resolve)
    assert spec.code == "7c"
    assert parsed.weights == {"CONT.1.1": 3}
    assert parsed.block_weights == {"CONT": 2}
    assert [(r.item, r.level, r.na) for r in parsed.responses] == [
        ("CONT.1.1", 3, False),
        ("CONT.1.2", None, True),
    ]
    assert parsed.responses[0].notes["risk"] == "No offsite"


def test_items_not_listed_are_unanswered():
    parsed, _ = parse_document(doc(responses=[]), resolve)
    assert parsed.answers() == {}


def test_responses_are_kept_in_framework_order():
    parsed, _ = parse_document(
        doc(responses=[{"item": "COST.4.4", "level": 1}, {"item": "CONT.1.1", "level": 2}]), resolve
    )
    assert [r.item for r in parsed.responses] == ["CONT.1.1", "COST.4.4"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"responses": [{"item": "CONT.9.9", "level": 2}]},
            "responses[0] (item 'CONT.9.9'): unknown item code",
        ),
        (
            {"responses": [{"item": "CONT.1.1", "level": 5}]},
            "(item 'CONT.1.1') level: 5 is out of range: give a number from 0 to 4",
        ),
        (
            {"responses": [{"item": "CONT.1.1", "level": -1}]},
            "level: -1 is out of range: give a number from 0 to 4",
        ),
        ({"responses": [{"item": "CONT.1.1", "level": True}]}, "level: true is not a number"),
        ({"responses": [{"item": "CONT.1.1", "level": "3"}]}, "level: '3' is text; give a number"),
        ({"responses": [{"item": "CONT.1.1", "level": 2.5}]}, "level: 2.5 must be a whole number"),
        (
            {"responses": [{"item": "CONT.1.1", "level": 1}, {"item": "CONT.1.1", "level": 2}]},
            "responses[1] (item 'CONT.1.1'): item listed twice (first at responses[0])",
        ),
        ({"responses": [{"item": "CONT.1.1", "level": 2, "na": True}]}, 'has both a level and "na": true'),
        ({"responses": [{"item": "CONT.1.1", "na": "yes"}]}, "'na' must be true or false"),
        ({"responses": [{"item": "CONT.1.1"}]}, "needs a level 0–4"),
        ({"responses": [{"level": 1}]}, "responses[0]: 'item' is required"),
        ({"responses": [{"item": "CONT.1.1", "level": 1, "score": 3}]}, "unknown field(s) 'score'"),
        ({"responses": {"CONT.1.1": 1}}, "responses: must be a list"),
        ({"weights": {"CONT.1.1": 6}}, "weights['CONT.1.1']: 6 is out of range: give a number from 0 to 5"),
        ({"weights": {"NOPE.1.1": 1}}, "weights['NOPE.1.1']: unknown item code"),
        ({"block_weights": {"XYZ": 1}}, "block_weights['XYZ']: unknown block code"),
        (
            {"block_weights": {"CONT": -1}},
            "block_weights['CONT']: -1 is out of range: give a number from 0 to 100",
        ),
        ({"as_of": "30/09/2026"}, "as_of: '30/09/2026' is not a date"),
        ({"title": ""}, "title: required"),
        ({"client": None}, "client: required"),
        ({"framework": "cobit"}, "framework: unknown framework 'cobit'"),
        ({"version": "9.9"}, "framework: 7c version '9.9' is not available"),
        ({"status": "final"}, "status: 'final' must be one of"),
        ({"extra": 1}, "document: unknown field(s) 'extra'"),
        # Any JSON shape where another belongs names the entry (never TypeError, KeyError or unhashable).
        ({"responses": [{"item": ["CONT.1.1"], "level": 1}]}, "responses[0]: 'item' is required and must be"),
        ({"responses": [{"item": "CONT.1.1", "level": {"v": 1}}]}, "level: must be a number"),
        ({"responses": [{"item": "CONT.1.1", "level": 10**400}]}, "level: 1.000E+400 is out of range"),
        ({"responses": [{"item": "CONT.1.1", "status": ["a"]}]}, "(item 'CONT.1.1') status: must be text"),
        ({"responses": [{"item": "CONT.1.1", "risk": "a\x00b"}]}, "risk: must not contain NUL characters"),
        (
            {"responses": [{"item": "CONT.1.1", "solution": "x" * 5_001}]},
            "(item 'CONT.1.1') solution: at most 5,000 characters (this has 5,001)",
        ),
        ({"responses": [None]}, "responses[0]: must be an object"),
        ({"weights": {"CONT.1.1": 2.5}}, "weights['CONT.1.1']: 2.5 must be a whole number"),
        ({"weights": {"CONT.1.1": [1]}}, "weights['CONT.1.1']: must be a number"),
        ({"weights": ["CONT.1.1"]}, "weights: must be an object"),
        ({"block_weights": {"CONT": float("nan")}}, "block_weights['CONT']: nan is not a finite number"),
        ({"block_weights": {"CONT": "50"}}, "block_weights['CONT']: '50' is text; give a number"),
        ({"client": "x" * 201}, "client: at most 200 characters (this has 201)"),
        ({"client": {"name": "Acme"}}, "client: must be text"),
        ({"title": 2026}, "title: must be text"),
        ({"framework": ["7c"]}, "framework: must be text"),
        ({"version": 1.0}, 'version: must be text such as "1.0"'),
        ({"as_of": ["2026-09-30"]}, "as_of: required, as a date"),
        ({"status": {"a": 1}}, "status: {'a': 1} must be one of"),
        ({"status": "x" * 10_000}, "status: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' must be one of"),
        ({f"extra{n}": 1 for n in range(100)}, "and 95 more"),
    ],
)
def test_bad_documents_are_refused_with_a_message_naming_the_entry(changes, message):
    with pytest.raises(ExchangeError) as error:
        parse_document(doc(**changes), resolve)
    assert message in str(error.value)


def test_a_document_that_is_not_an_object_is_refused():
    with pytest.raises(ExchangeError, match="must be a JSON object"):
        parse_document([1, 2], resolve)


def test_to_json_round_trips():
    parsed, _ = parse_document(doc(), resolve)
    again, _ = parse_document(parsed.to_json(), resolve)
    assert again == parsed
