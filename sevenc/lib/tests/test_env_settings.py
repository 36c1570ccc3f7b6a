"""Settings come only from environment variables, with safe defaults."""

import pytest

from sevenc.lib.env import env_bool, env_int, env_list, env_secret, env_str


def test_defaults_apply_when_the_variable_is_unset(monkeypatch):
    monkeypatch.delenv("SEVENC_X", raising=False)
    assert env_str("SEVENC_X", "a") == "a"
    assert env_bool("SEVENC_X", False) is False
    assert env_int("SEVENC_X", 3) == 3
    assert env_list("SEVENC_X", ["h"]) == ["h"]


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("YES", True), ("0", False), ("off", False)]
)
def test_booleans_read_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SEVENC_X", raw)
    assert env_bool("SEVENC_X", not expected) is expected


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("SEVENC_X", " a.example , b.example,,")
    assert env_list("SEVENC_X", []) == ["a.example", "b.example"]


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("SEVENC_KEY", "inline")
    monkeypatch.setenv("SEVENC_KEY_FILE", str(secret))
    assert env_secret("SEVENC_KEY", "dev") == "s3cret"
    monkeypatch.delenv("SEVENC_KEY_FILE")
    assert env_secret("SEVENC_KEY", "dev") == "inline"
