"""Issue 17's "done when", in Debian's chromium: optimising from the web returns at once, and the result
appears when the worker finishes.

Real processes, as `make demo` runs them: `sevenc demo --no-worker` builds the demo and serves it (gunicorn)
on the test database — a file for SQLite, since another process cannot open the tests' in-memory one; the
tests' own database on PostgreSQL. The click queues the optimisation and the page answers with the job's
card, polling, while no worker runs; then `sevenc worker` starts, runs it, and the card sends the page to
the new roadmap. The budget frontier follows the same path. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect

from sevenc.catalogue.services import load_packaged_frameworks
from tests.browser.accessibility import AxeWatch
from tests.browser.steps import shot, sign_in

SEVENC = Path(sys.executable).parent / "sevenc"
CLIENT = "Vista Hospitality Group"  # a workshop and recommendations in the demo, no roadmap yet
START_UP_SECONDS = 420  # building the demo takes ≈ 30 s of CPU; more on a busy machine
pytestmark = [pytest.mark.browser, pytest.mark.timeout(START_UP_SECONDS + 480)]  # start-up, two jobs


@dataclass(frozen=True)
class Served:
    url: str
    env: dict[str, str]
    logs: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(tmp_path: Path) -> str:
    """The test database as a URL other processes can open."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{tmp_path / 'sevenc.sqlite3'}"


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def served(tmp_path: Path, transactional_db: None) -> Iterator[Served]:
    """The demo served by `sevenc demo --no-worker` (its own process, no worker yet)."""
    if not SEVENC.exists():
        pytest.skip("the sevenc console script is not installed in this environment")
    load_packaged_frameworks()  # PostgreSQL: the tests' database, flushed between tests, is served
    port = _free_port()
    env = {
        **os.environ,
        "SEVENC_DATA_DIR": str(tmp_path),
        "SEVENC_DATABASE_URL": _database_url(tmp_path),
        "SEVENC_TASKS_BACKEND": "database",
    }
    logs = tmp_path / "server.log"
    server = subprocess.Popen(
        [str(SEVENC), "demo", "--no-worker", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=logs.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + START_UP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"sevenc demo did not start:\n{logs.read_text()}")
                time.sleep(0.5)
        yield Served(f"http://127.0.0.1:{port}", env, tmp_path)
    finally:
        _stop(server)


def _worker(served: Served) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(SEVENC), "worker", "--interval", "0.2", "--id", "browser-test-worker"],
        env=served.env,
        stdout=(served.logs / "worker.log").open("w"),
        stderr=subprocess.STDOUT,
    )


@pytest.fixture
def page(browser, served: Served):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=served.url)
    context.set_default_timeout(30_000)
    watch = AxeWatch(context.new_page()).attach()
    yield watch.page
    violations = watch.finish()
    context.close()
    if violations:
        pytest.fail(violations, pytrace=False)


def test_optimising_returns_at_once_and_the_result_appears_when_the_worker_finishes(page, served):
    sign_in(page, "vcio")
    page.get_by_role("link", name=CLIENT).click()
    page.get_by_role("navigation", name=CLIENT).get_by_role("link", name="Roadmap").click()
    page.get_by_label("One-time budget per quarter").fill("20000")
    page.get_by_label("Capacity (hours) per quarter").fill("150")
    page.get_by_role("button", name="Set the next quarters").click()

    page.get_by_role("button", name="Optimise").click()

    # The page answers with the job's card while no worker runs: nothing was computed in the request.
    card = page.locator("section.job-card")
    expect(card).to_contain_text("Optimising the roadmap of " + CLIENT)
    expect(card).to_contain_text("Waiting for a worker")
    expect(page.locator(".messages")).to_contain_text("under way in the background")
    expect(card.locator('[hx-trigger="every 1s"]')).to_have_count(1)  # it polls for progress
    assert page.locator("section[aria-labelledby=sched-h]").count() == 0  # no roadmap yet
    shot(page, "30-optimising-queued")

    worker = _worker(served)
    try:
        # The worker solves; the card's next poll sends the page to the new roadmap.
        expect(page.locator(".messages")).to_contain_text("Optimised: ", timeout=180_000)
        expect(page.locator(".page-head")).to_contain_text("awaiting approval")
        expect(page.locator("section[aria-labelledby=sched-h]")).to_be_visible()
        expect(page.locator("section.job-card")).to_have_count(0)  # done: nothing left to poll
        shot(page, "31-optimised-by-the-worker", full_page=True)

        # The budget frontier runs in the worker too, and its points appear when it is done.
        page.get_by_label("Budget factors").fill("0.5, 1")
        page.get_by_role("button", name="Compute the frontier").click()
        expect(page.locator(".messages")).to_contain_text("Frontier computed", timeout=180_000)
        expect(page.get_by_role("button", name="Adopt these budgets")).to_have_count(2)
    finally:
        _stop(worker)
