"""`sevenc serve` starts gunicorn on a fresh SQLite database and serves the sign-in page."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SEVENC = Path(sys.executable).parent / "sevenc"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(
    not SEVENC.exists(), reason="the sevenc console script is not installed in this environment"
)
def test_serve_migrates_a_fresh_database_and_answers_http(tmp_path):
    port = free_port()
    env = {**os.environ, "SEVENC_DATA_DIR": str(tmp_path), "SEVENC_DATABASE_URL": ""}
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
