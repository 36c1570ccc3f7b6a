"""`sevenc serve` starts gunicorn on a fresh SQLite database and serves the sign-in page; it refuses the
public development key, and the production settings of docs/deploy.md pass `check --deploy`."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SEVENC = Path(sys.executable).parent / "sevenc"
KEY = "a-test-key-long-and-random-enough-for-check-deploy-0123456789-abcdefghij"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(
    not SEVENC.exists(), reason="the sevenc console script is not installed in this environment"
)
def test_serve_migrates_a_fresh_database_and_answers_http(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "SEVENC_DATA_DIR": str(tmp_path),
        "SEVENC_DATABASE_URL": "",
        "SEVENC_SECRET_KEY": KEY,
    }
    server = subprocess.Popen(
        [str(SEVENC), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("w"),
    )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert "Sign in" in body, (tmp_path / "server.log").read_text()
        assert (tmp_path / "sevenc.sqlite3").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)


def _without_key(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "SEVENC_DATA_DIR": str(tmp_path), "SEVENC_DATABASE_URL": ""}
    env.pop("SEVENC_SECRET_KEY", None)
    env.pop("SEVENC_SECRET_KEY_FILE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest, never in deployment
    return env


@pytest.mark.skipif(not SEVENC.exists(), reason="the sevenc console script is not installed")
def test_serve_refuses_the_development_key_naming_the_setting(tmp_path):
    done = subprocess.run(
        [str(SEVENC), "serve", "--bind", "127.0.0.1:1", "--no-migrate"],
        env=_without_key(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "SEVENC_SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "sevenc.sqlite3").exists()  # refused before touching the database


def test_the_documented_production_settings_pass_check_deploy(tmp_path):
    env = {
        **_without_key(tmp_path),
        "SEVENC_SECRET_KEY": KEY,
        "SEVENC_ALLOWED_HOSTS": "sevenc.example.com",
        "SEVENC_SECURE_COOKIES": "true",
        "SEVENC_BEHIND_PROXY": "true",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_warns_without_https_settings(tmp_path):
    env = {**_without_key(tmp_path), "SEVENC_SECRET_KEY": KEY, "SEVENC_ALLOWED_HOSTS": "sevenc.example.com"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode != 0
    assert "security.W004" in done.stderr + done.stdout  # HSTS: the test above is not vacuous
