"""The one safe reader (sevenc.lib.files): every hostile file ends in an InputFileError naming the problem."""

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.lib.errors import DomainError
from sevenc.lib.files import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_YAML_BYTES,
    InputFileError,
    json_depth,
    load_json,
    load_yaml,
    read_bytes,
    read_json,
    read_yaml,
)

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}{f',*{chr(97 + n)}' * 8}]" for n in range(8)]
)


def refusal(load, data) -> str:
    with pytest.raises(InputFileError) as caught:
        load(data, source="in.json")
    return str(caught.value)


def test_an_input_file_error_is_a_domain_error_naming_the_file():
    error = InputFileError("a.json", "no such file")
    assert isinstance(error, DomainError) and not isinstance(error, ValueError)
    assert str(error) == "a.json: no such file"


@pytest.mark.parametrize("load", [load_json, load_yaml])
def test_nesting_deeper_than_the_cap_is_refused_without_a_recursion_error(load):
    assert "nest" in refusal(load, "[" * 100_000 + "]" * 100_000)  # ours, or libyaml's own limit
    assert f"more than {MAX_DEPTH} levels" in refusal(load, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


@pytest.mark.parametrize("load", [load_json, load_yaml])
def test_nesting_at_the_cap_is_read(load):
    data = load("[" * MAX_DEPTH + "]" * MAX_DEPTH, source="x")
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == []


@pytest.mark.parametrize("load", [load_json, load_yaml])
def test_latin1_bytes_are_refused_naming_the_byte_and_its_offset(load):
    message = refusal(load, '{"client": "Café"}'.encode("latin-1"))
    assert "not UTF-8 text: byte 0xE9 at offset 15 (line 1)" in message


@pytest.mark.parametrize("load", [load_json, load_yaml])
def test_a_utf8_byte_order_mark_is_allowed(load):
    assert load(b"\xef\xbb\xbf" + '{"client": "Café"}'.encode(), source="x") == {"client": "Café"}


def test_utf16_is_refused_with_a_hint():
    assert "is UTF-16 text; save it as UTF-8" in refusal(load_json, '{"a": 1}'.encode("utf-16"))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(constant):
    assert f"{constant} is not a number" in refusal(load_json, f'{{"level": {constant}}}')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1e400]", "the number '1e400' is too large"),
        ("[-1e400]", "the number '-1e400' is too large"),
        ("[" + "9" * 5000 + "]", "a number of 5,000 digits is too long"),
        ("[1." + "0" * 5000 + "]", "a number of 5,002 characters is too long"),
    ],
)
def test_json_numbers_beyond_a_float_are_refused(text, message):
    assert message in refusal(load_json, text)


def test_json_duplicate_keys_are_refused_naming_the_key():
    assert "key 'level' appears twice in one object" in refusal(load_json, '{"level": 1, "level": 4}')


def test_yaml_duplicate_keys_are_refused_naming_the_key():
    assert "key 'level' appears twice" in refusal(load_yaml, "level: 1\nlevel: 4\n")


def test_invalid_json_names_line_and_column():
    assert "not valid JSON (line 2, column 1: Expecting value)" in refusal(load_json, "[1,\n]")


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"note": "[" * 1000, "quote": '\\"[[[', "x": [[1]]})
    assert json_depth(text) == 3
    assert load_json(text, source="x")["note"] == "[" * 1000


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
        max_leaves=30,
    )
)
def test_any_json_value_within_the_depth_cap_reads_back_unchanged(value):
    text = json.dumps(value)
    assert json_depth(text) == _depth(value)
    assert load_json(text.encode(), source="x") == value


def _depth(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


def test_a_yaml_alias_bomb_is_refused_at_once():
    started = time.perf_counter()
    assert "anchors and aliases (&, *) are not supported" in refusal(load_yaml, BILLION_LAUGHS)
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x: .nan", "'.nan' is not a finite number"),
        ("x: -.inf", "'-.inf' is not a finite number"),
        ("x: " + "9" * 400, "a number of 400 characters is too long"),
        ("d: 2026-02-31", "not valid YAML (day is out of range for month)"),
        ("? [a]\n: 1", "found unhashable key"),
        ("a: 1\n---\nb: 2", "expected a single document"),
        ("a: [1, 2", "not valid YAML (line 2"),
        ("a: !!python/object:os.system x", "could not determine a constructor"),
    ],
)
def test_yaml_that_safe_load_would_misread_or_crash_on_is_refused_in_one_line(text, message):
    refused = refusal(load_yaml, text)
    assert message in refused
    assert "\n" not in refused


def test_a_21_mb_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"0," * (21 * 1024 * 1024 // 2) + b"0]")
    with pytest.raises(InputFileError, match=r"big.json: larger than 20 MB \(20,971,520 bytes\)"):
        read_json(path)
    with pytest.raises(InputFileError, match="larger than 20 MB"):
        load_json(path.read_bytes(), source="upload.json")


def test_yaml_has_a_smaller_cap_because_it_parses_slowly(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"- 0\n" * (MAX_YAML_BYTES // 4 + 1))
    with pytest.raises(InputFileError, match="larger than 2 MB"):
        read_yaml(path)


def test_an_endless_device_is_read_only_up_to_the_cap():
    with pytest.raises(InputFileError, match="larger than 20 MB"):
        read_bytes("/dev/zero")


def test_missing_files_and_folders_are_named(tmp_path):
    with pytest.raises(InputFileError, match=r"nope\.json: no such file"):
        read_json(tmp_path / "nope.json")
    with pytest.raises(InputFileError, match="is a folder, not a file"):
        read_yaml(tmp_path)


def test_an_unreadable_file_is_named(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(InputFileError, match=r"a\.json: cannot be read \(permission denied\)"):
        read_bytes(tmp_path / "a.json")


def test_bytes_and_text_read_the_same():
    assert load_json(b'{"a": [1, 2.5, "x"]}', source="x") == load_json('{"a": [1, 2.5, "x"]}', source="x")
    assert MAX_FILE_BYTES == 20 * 1024 * 1024
