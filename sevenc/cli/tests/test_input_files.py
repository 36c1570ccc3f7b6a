"""The named hostile files of issue 9, each through the command a user would run: exit 2 and one line that
names the problem; nothing stored."""

import json
import subprocess
import sys
import time

import pytest
import yaml
from typer.testing import CliRunner

from sevenc.assessments.models import Assessment
from sevenc.catalogue.tests.test_framework_loading import MINI
from sevenc.cli.main import app
from sevenc.cli.tests.fuzz import assert_exits_cleanly
from sevenc.cli.tests.test_input_fuzz import EXCHANGE
from sevenc.lib.tests.test_files import BILLION_LAUGHS
from sevenc.roadmap.tests.conftest import BASE_PLAN

runner = CliRunner()
DEEP = "[" * 100_000 + "]" * 100_000


def invoke(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def refused(*args) -> str:
    """Run the command; assert exit 2 with a one-line message, and return that message."""
    result = invoke(*args)
    assert_exits_cleanly(result, allowed=(2,))
    return result.stderr.strip()


def write(tmp_path, name, content) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_a_deeply_nested_file_exits_2_in_a_real_process_without_a_traceback(tmp_path):
    path = write(tmp_path, "deep.json", DEEP)
    for command in (["score", path], ["plan", path], ["catalogue", "--file", path]):
        done = subprocess.run(
            [sys.executable, "-c", "from sevenc.cli.main import run; run()", *command],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert "nested more than 64 levels deep (100,000 levels)" in done.stderr


def test_a_latin1_file_names_the_byte_and_its_offset(tmp_path):
    text = json.dumps({**EXCHANGE, "client": "Café"}, ensure_ascii=False)
    path = write(tmp_path, "latin1.json", text.encode("latin-1"))
    message = refused("score", path)
    assert message.startswith(f"error: {path}: not UTF-8 text: byte 0xE9 at offset")
    assert "save the file as UTF-8" in message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_written_in_a_file_are_refused(tmp_path, constant):
    text = json.dumps({**EXCHANGE, "block_weights": {"CONT": 1}}).replace(": 1}", f": {constant}}}")
    assert f"{constant} is not a number" in refused("score", write(tmp_path, "nan.json", text))
    plan_text = json.dumps(BASE_PLAN).replace('"budget": 3000', f'"budget": {constant}', 1)
    assert f"{constant} is not a number" in refused("plan", write(tmp_path, "plan.json", plan_text))


@pytest.mark.django_db
def test_import_refuses_a_ten_million_character_note_and_stores_nothing(tmp_path):
    doc = {**EXCHANGE, "responses": [{"item": "CONT.1.1", "level": 2, "status": "x" * 10_000_000}]}
    message = refused("import", write(tmp_path, "long.json", doc), "--msp", "Brightpath")
    assert "responses[0] (item 'CONT.1.1') status: at most 5,000 characters (this has 10,000,000)" in message
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_import_accepts_a_note_of_exactly_the_bound(tmp_path):
    doc = {**EXCHANGE, "responses": [{"item": "CONT.1.1", "level": 2, "status": "x" * 5_000}]}
    assert invoke("import", write(tmp_path, "ok.json", doc), "--msp", "Brightpath").exit_code == 0
    assert len(Assessment.objects.get().responses.get().status) == 5_000


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = write(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(EXCHANGE).encode())
    assert invoke("score", path, "--json").exit_code == 0
    path = write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + yaml.safe_dump(MINI).encode())
    assert invoke("catalogue", "--file", path).exit_code == 0


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    started = time.perf_counter()
    message = refused("catalogue", "--file", write(tmp_path, "bomb.yaml", BILLION_LAUGHS))
    assert "YAML anchors and aliases (&, *) are not supported" in message
    assert time.perf_counter() - started < 2


def test_a_21_mb_file_is_refused_before_it_is_parsed(tmp_path):
    path = write(tmp_path, "big.json", b'{"client": "' + b"x" * (21 * 1024 * 1024) + b'"}')
    for command in (["score", path], ["plan", path], ["catalogue", "--file", path]):
        assert "larger than 20 MB (20,971,520 bytes)" in refused(*command)
    assert "larger than 2 MB" in refused("catalogue", "--file", write(tmp_path, "big.yaml", "#" * 3_000_000))


def test_duplicate_keys_are_refused_naming_the_key(tmp_path):
    text = json.dumps(EXCHANGE).replace('{"framework": "7c",', '{"framework": "7c", "framework": "nist-csf",')
    assert "key 'framework' appears twice in one object" in refused(
        "score", write(tmp_path, "dup.json", text)
    )


@pytest.mark.parametrize(
    "command",
    [
        ["score", "{path}"],
        ["plan", "{path}"],
        ["catalogue", "--file", "{path}"],
        ["score", "{ok}", "--catalogue", "{path}"],
    ],
)
def test_a_missing_file_or_a_folder_is_named(tmp_path, command):
    ok = write(tmp_path, "ok.json", EXCHANGE)
    missing = [part.format(path=tmp_path / "nope.json", ok=ok) for part in command]
    assert "nope.json: no such file" in refused(*missing)
    folder = [part.format(path=tmp_path, ok=ok) for part in command]
    assert f"{tmp_path}: is a folder, not a file" in refused(*folder)


@pytest.mark.django_db
def test_import_and_load_name_a_missing_file(tmp_path):
    assert "nope.json: no such file" in refused("import", tmp_path / "nope.json", "--msp", "X")
    assert "nope.yaml: no such file" in refused("catalogue", "load", tmp_path / "nope.yaml")


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["/nonexistent/x.json", "{tmp}", "/proc/version"])
def test_export_to_a_path_that_cannot_be_written_exits_2(tmp_path, target):
    assert invoke("import", write(tmp_path, "doc.json", EXCHANGE), "--msp", "Brightpath").exit_code == 0
    out = target.format(tmp=tmp_path)
    message = refused("export", "--msp", "Brightpath", "--client", "Acme Dental", "-o", out)
    assert message.startswith(f"error: {out}: cannot be written (")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"item": ["CONT.1.1"]}, "recommendations[0] (id 'backup-policy'): unknown item ['CONT.1.1']"),
        ({"item": {"a": 1}}, "unknown item {'a': 1}"),
        ({"one_time_cost": 10**30}, "one_time_cost: 1.000E+30 is out of range"),
        ({"one_time_cost": 10.005}, "one_time_cost: 10.005 has more than 2 decimal(s)"),
        ({"effort_hours": 1.25}, "effort_hours: 1.25 has more than 1 decimal(s)"),
        ({"effort_hours": True}, "effort_hours: true is not a number"),
        ({"title": "x" * 301}, "title: at most 300 characters (this has 301)"),
        ({"title": ["a"]}, "title: must be text"),
        ({"pin_quarter": {"q": 1}}, "pin_quarter {'q': 1} is not one of the quarters"),
    ],
)
def test_plan_values_of_the_wrong_shape_name_the_entry(tmp_path, change, message):
    doc = json.loads(json.dumps(BASE_PLAN))
    doc["recommendations"][0].update(change)
    assert message in refused("plan", write(tmp_path, "plan.json", doc))


def test_framework_text_is_printed_as_text_never_as_markup(tmp_path):
    doc = json.loads(json.dumps(MINI))
    doc["blocks"][0]["name"] = "[/] closing tag"
    doc["blocks"][0]["areas"][0]["items"][1] = "[bold]Software[/bold] [/x]"
    result = invoke("catalogue", "--file", write(tmp_path, "mini.json", doc))
    assert result.exit_code == 0, result.stderr
    assert "[/] closing tag" in result.stdout and "[bold]Software[/bold] [/x]" in result.stdout


def test_an_error_message_with_brackets_is_printed_as_text(tmp_path):
    doc = {**EXCHANGE, "[/]": 1}
    assert "document: unknown field(s) '[/]'" in refused("score", write(tmp_path, "f.json", doc))
