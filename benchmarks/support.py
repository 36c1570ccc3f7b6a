"""What the benchmarks and the two-server check share: databases, the machine they ran on, `sevenc serve`
processes on loopback ports, and a small HTTP session (cookies, CSRF, sign-in) on http.client.

Loopback only: every server is bound to 127.0.0.1 and every request goes there.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SEVENC = ROOT / ".venv" / "bin" / "sevenc"
PG_BASE = "postgres://sevenc:sevenc@127.0.0.1:5432/"
PING = "/-/ping"  # the no-op view: no session, no query, no template
BENCH_SECRET = "benchmark-only-secret-key-not-for-production-0123456789"


@contextlib.contextmanager
def _admin(url: str) -> Iterator[tuple[Any, str]]:
    """A connection to the server's `postgres` database, and the name of the database `url` names."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    admin = f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} password={config['PASSWORD']}"
    with psycopg.connect(f"{admin} dbname=postgres", autocommit=True) as connection:
        yield connection, str(config["NAME"])


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in `url` when it does not exist yet."""
    with _admin(url) as (connection, name):
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    with _admin(url) as (connection, name):
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def plain_static_files() -> None:
    """For a benchmark rendering pages in its own process: static files by their plain names, as the tests
    do (conftest.py), since the production storage needs the manifest `sevenc serve` collects first."""
    from django.conf import settings
    from django.test.utils import override_settings

    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} / {five:.2f} / {fifteen:.2f}"


def machine() -> str:
    """CPU model, cores and load average: printed with every figure (a shared machine's figures vary)."""
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        model = found.group(1).strip() if found else model
    return f"{model}, {os.cpu_count()} cores, {load()}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A `sevenc serve` (gunicorn) process on a loopback port; its log is kept for inspection."""

    database_url: str
    workers: int = 2
    port: int = field(default_factory=free_port)
    log: Path = field(
        default_factory=lambda: (
            Path(os.environ.get("TMPDIR", "/tmp")) / f"sevenc-serve-{os.getpid()}-{time.monotonic_ns()}.log"
        )
    )
    environment: Mapping[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def launch(self) -> Server:
        """Start the process without waiting for it (several servers boot side by side)."""
        env = {
            **os.environ,
            "SEVENC_DATABASE_URL": self.database_url,
            "SEVENC_SECRET_KEY": BENCH_SECRET,
            "SEVENC_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SEVENC_DB_CONN_MAX_AGE": "60",
            **self.environment,
        }
        command = [str(SEVENC), "serve", "--bind", self.host, "--workers", str(self.workers), "--no-migrate"]
        handle = self.log.open("wb")
        self.process = subprocess.Popen(
            command, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def wait_ready(self, timeout: float = 60.0) -> Server:
        """Wait until the server answers its no-op ping."""
        assert self.process is not None, "launch() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sevenc serve exited with {self.process.returncode}; see {self.log}")
            with contextlib.suppress(OSError):
                if HttpSession(self.host).get(PING).status == 200:
                    return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"sevenc serve did not answer within {timeout:.0f} s; see {self.log}")

    def start(self, timeout: float = 60.0) -> Server:
        return self.launch().wait_ready(timeout)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # the process group we started: gunicorn and its workers
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextlib.contextmanager
def serving(
    database_url: str, workers: int = 2, count: int = 1, **environment: str
) -> Iterator[list[Server]]:
    """`count` servers on one database, booted side by side; stopped (and their logs removed) afterwards."""
    servers = [Server(database_url, workers=workers, environment=environment) for _ in range(count)]
    try:
        for server in servers:
            server.launch()
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()
            if not os.environ.get("SEVENC_KEEP_SERVER_LOGS"):
                server.log.unlink(missing_ok=True)


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class HttpSession:
    """One browser-like client: keeps its cookies, one keep-alive connection, sends the CSRF token."""

    def __init__(self, host: str, timeout: float = 60.0) -> None:
        self.host = host
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    def _request(
        self, method: str, path: str, body: str | None = None, headers: Mapping[str, str] | None = None
    ) -> Reply:
        sent = {"Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):  # a keep-alive connection the server closed meanwhile: reconnect once
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self.host, timeout=self.timeout)
            try:
                self._connection.request(method, path, body=body, headers=sent)
                response = self._connection.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return Reply(response.status, data, {k.lower(): v for k, v in response.getheaders()})

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> Reply:
        return self._request("GET", path, headers=headers)

    def post(self, path: str, data: Mapping[str, str], headers: Mapping[str, str] | None = None) -> Reply:
        sent = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            "Referer": f"http://{self.host}{path}",
            **(headers or {}),
        }
        return self._request("POST", path, body=urlencode(data), headers=sent)

    def sign_in(self, username: str, password: str) -> None:
        page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if token is None:
            raise RuntimeError(f"no sign-in form at {self.host}/login/ ({page.status})")
        reply = self.post(
            "/login/", {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        )
        if reply.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"signing in as {username} at {self.host} failed ({reply.status})")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def run_sevenc(*args: str, database_url: str, env: Mapping[str, str] | None = None) -> str:
    """Run the sevenc command against a database; its stdout (a failure raises with stderr)."""
    result = subprocess.run(
        [str(SEVENC), *args],
        env={**os.environ, "SEVENC_DATABASE_URL": database_url, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise RuntimeError(f"sevenc {' '.join(args)} exited with {result.returncode}")
    return result.stdout
