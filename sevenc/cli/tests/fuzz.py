"""Hypothesis strategies for hostile input files: arbitrary bytes, arbitrary JSON, and mutations of a valid
document. Shared by the per-format fuzz tests in test_input_fuzz.py."""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from hypothesis import currently_in_test_context, event
from hypothesis import strategies as st
from typer.testing import Result

ITEM_CODES = ("CONT.1.1", "CONT.1.2", "COST.1.1", "CONT.9.9", "cont.1.1", "")
FIELD_NAMES = (
    "framework", "version", "client", "as_of", "title", "status", "weights", "block_weights", "responses",
    "item", "level", "na", "status", "risk", "solution", "evidence", "targets", "blocks", "items",
    "recommendations", "quarters", "id", "one_time_cost", "monthly_cost", "effort_hours", "depends_on",
    "pin_quarter", "exclude", "label", "budget", "capacity_hours", "recurring_ceiling", "code", "name",
    "areas", "scale", "weight", "description", "question", "source",
)  # fmt: skip

# Values that have crashed parsers elsewhere: wrong types, edges of every bound, markup, formulas, NUL.
NASTY: st.SearchStrategy[Any] = st.sampled_from(
    [
        True, False, None, 0, -1, 4, 5, 6, 100, 101, 2.5, 0.1, 1e300, -1e300, 10**20, -(10**20),
        9_999_999_999.99, 10_000_000_000, 9_999_999.9, 1.005, float("nan"), float("inf"), float("-inf"),
        "", " ", "3", "NaN", "x" * 41, "x" * 201, "x" * 301, "x" * 5_001, "x" * 20_001, "\x00", "a\x00b",
        "[/]", "[bold]x", "=HYPERLINK(\"http://evil.example\")", "2026-02-31", "9999-12-31", "\u202e",
        "😀" * 3, "CONT", "CONT.1.1", "FY2027 Q1", [], {}, [[[]]], {"a": {}}, ["CONT.1.1"], [1, 2],
        {"item": "CONT.1.1"},
    ]
)  # fmt: skip
_NAMES = ["[/]", "[bold]x[/]", '=HYPERLINK("http://evil.example")', "x" * 200, " padded ", "Ümlaut 😀"]
_MONEY = [0, 0.01, 9_999_999_999.99, 1e-2]
_HOURS = [0, 0.1, 9_999_999.9]
# Values a field accepts at the edge of its bound (or with hostile but legal text): they should pass, so
# the storing, solving and printing paths get fuzzed too, not only the refusals.
EDGES: dict[str, list[Any]] = {
    "client": _NAMES, "title": [*_NAMES, "x" * 300], "name": _NAMES, "label": _NAMES, "id": _NAMES,
    "status": ["x" * 5_000, "=cmd|' /C calc'!A0", "line\nbreak"], "risk": ["x" * 5_000], "solution": ["[/]"],
    "evidence": ["\t tab"], "level": [0, 4, 4.0, None], "weight": [0, 5], "na": [True, False],
    "one_time_cost": _MONEY, "monthly_cost": _MONEY, "budget": _MONEY, "recurring_ceiling": [*_MONEY, None],
    "effort_hours": _HOURS, "capacity_hours": _HOURS, "description": ["x" * 20_000], "question": ["[/]"],
    "as_of": ["0001-01-01", "9999-12-31", "2024-02-29"], "exclude": [True, False], "version": ["1.0"],
    "code": ["A", "x" * 40, "A-1_b.c"],
}  # fmt: skip

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and ±Infinity included: json.dumps writes them as NaN / Infinity text
    | st.text(max_size=30)
    | st.sampled_from(ITEM_CODES + FIELD_NAMES)
    | NASTY
)
KEYS = st.sampled_from(FIELD_NAMES + ITEM_CODES) | st.text(max_size=10)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=40,
)


def _deep(depth: int, kind: str) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


DEEP_JSON = st.builds(
    _deep, st.sampled_from([63, 64, 65, 1_000, 100_000]), st.sampled_from(["array", "object"])
)


def _paths(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON tree, iteratively."""
    found: list[tuple[Any, Any]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        keys = current.keys() if isinstance(current, dict) else range(len(current))
        for key in list(keys):
            found.append((current, key))
            if isinstance(current[key], dict | list) and current[key]:
                stack.append(current[key])
    return found


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """A valid document with 1–3 entries replaced by hostile values, deleted, or wrapped in a list."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        if not paths:
            break
        container, key = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["edge", "edge", "replace", "nasty", "delete", "wrap"]))
        if action == "edge":
            edges = [(c, k) for c, k in paths if isinstance(k, str) and k in EDGES]
            if edges:
                container, key = draw(st.sampled_from(edges))
                container[key] = copy.deepcopy(draw(st.sampled_from(EDGES[key])))
        elif action == "delete":
            del container[key]
        elif action == "wrap":
            container[key] = [container[key]]
        else:
            # A copy: sampled values are shared objects (NASTY's `[[[]]]`), and a later "wrap" would change
            # the constant itself, so the same choices would build a different document on a re-run.
            container[key] = copy.deepcopy(draw(JSON_VALUES if action == "replace" else NASTY))
    return doc


def _duplicate_first_key(text: str) -> str:
    """`{"client": …}` → `{"client": 1, "client": …}`: duplicate keys exist only as text."""
    start = text.find('{"')
    end = text.find('":', start)
    if start < 0 or end < 0:
        return text
    return text[: start + 1] + text[start + 1 : end + 2] + " 1, " + text[start + 1 :]


@st.composite
def text_mutations(draw: st.DrawFn, text: str) -> bytes:
    """Byte- and text-level damage to a serialised valid document."""
    how = draw(st.sampled_from(["truncate", "latin1", "utf16", "bom", "nan", "duplicate", "bytes", "big"]))
    if how == "truncate":
        return text[: draw(st.integers(0, len(text)))].encode()
    if how == "latin1":
        return text.replace('"', '"é', 1).encode("latin-1", "replace")
    if how == "utf16":
        return text.encode("utf-16")
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if how == "nan":
        token = draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, "true"]))
        return text.replace(": 0", f": {token}", 1).replace(": 1", f": {token}", 1).encode()
    if how == "duplicate":
        return _duplicate_first_key(text).encode()
    if how == "bytes":
        position = draw(st.integers(0, len(text)))
        return text[:position].encode() + draw(st.binary(min_size=1, max_size=8)) + text[position:].encode()
    return text.replace('"', '"' + "x" * 10_000_000, 1).encode()  # one 10-million-character string


def json_files(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Any bytes, any JSON value, deep nesting, and mutations (structural and textual) of `base`."""
    valid = json.dumps(base)
    structural = mutated(base).map(lambda doc: json.dumps(doc).encode())
    return st.one_of(  # structural mutations first and thrice: most examples should reach the parser
        structural,
        structural,
        structural,
        st.binary(max_size=300),
        JSON_VALUES.map(lambda value: json.dumps(value).encode()),
        DEEP_JSON.map(str.encode),
        mutated(base).map(lambda doc: json.dumps(doc)).flatmap(text_mutations),
        text_mutations(valid),
    )


YAML_NASTIES = st.sampled_from(
    [
        "a: &a [x, x]\nb: [*a, *a]\n",
        "framework: !!python/object/apply:os.system ['true']\n",
        "framework: mini\nframework: other\n",
        "x: .nan\n",
        "x: !!float 1e999\n",
        "x: " + "9" * 5000 + "\n",
        "d: 2026-02-31\n",
        "? [a, b]\n: c\n",
        "---\na: 1\n---\nb: 2\n",
        "\tkey: tab\n",
        "key: [unclosed\n",
        "- " * 1000 + "x\n",
        "a:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 100)),
        "<<: {a: 1}\na: 2\n",
    ]
)


def yaml_files(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """json_files plus YAML serialisations of mutations and YAML-only hazards (aliases, tags, .nan …)."""
    as_yaml = mutated(base).map(lambda doc: yaml.safe_dump(doc, allow_unicode=True).encode())
    return st.one_of(
        as_yaml,
        as_yaml,
        json_files(base),
        YAML_NASTIES.map(str.encode),
        st.text(max_size=200).map(str.encode),
    )


def assert_exits_cleanly(result: Result, allowed: tuple[int, ...] = (0, 2)) -> None:
    """Exit 0, or 2 with exactly one line `error: …` on stderr; never an exception or a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in allowed, (result.exit_code, result.stderr[:500])
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    if result.exit_code == 2:
        message = result.stderr.strip()
        assert message.startswith("error: ") and "\n" not in message, message[:500]
        assert len(message) < 1_000, message[:500]
    if currently_in_test_context():  # --hypothesis-show-statistics shows how deep the examples got
        event(f"exit {result.exit_code}")
        if result.exit_code == 2:
            reader = "/" in result.stderr.split(":")[1]  # the reader's messages start with the file's path
            event("refused by the reader" if reader else "refused by the parser")
