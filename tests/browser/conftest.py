"""What every browser test shares: Debian's chromium, the demo portfolio on a live server, a page whose
every visited document is checked with axe-core's WCAG 2 A and AA rules (tests/browser/accessibility.py)
and runs under sevenc's Content Security Policy, failing on any breach (tests/browser/csp.py)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import sync_playwright

from sevenc.catalogue.services import load_packaged_frameworks
from sevenc.demo.seed import DEMO_MSP, build_demo
from sevenc.tenancy.models import Msp
from tests.browser.accessibility import AxeWatch
from tests.browser.csp import CspWatch
from tests.browser.snapshot import DatabaseSnapshot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # sync Playwright runs an event loop in this thread

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often give /dev/shm only 64 MB: tabs would crash
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# A browser test's usual time is under 40 s (setup included). A rare stall in chromium or its driver (one
# stopped a CI run for good) fails the test after this limit, with every thread's stack; it is then run
# once more, on a new chromium: the summary shows the rerun ("R"), so a flaky test stays visible.
BROWSER_TEST_LIMIT_S = 240
RERUNS = 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("browser") is None:
            continue
        if item.get_closest_marker("timeout") is None:  # a module may give itself longer
            item.add_marker(pytest.mark.timeout(BROWSER_TEST_LIMIT_S))
        item.add_marker(pytest.mark.flaky(reruns=RERUNS))


@pytest.fixture(scope="module")
def playwright():
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser(playwright):
    """A new chromium for each test (≈ 0.3 s): nothing one test did to the browser reaches the next."""
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def demo_snapshot():
    return DatabaseSnapshot()


@pytest.fixture
def demo(transactional_db, demo_snapshot):
    """The demo as built today. The live server's database is flushed after each test: the first test of
    this process builds the demo, the others get that database back (tests/browser/snapshot.py)."""
    if demo_snapshot.taken:
        demo_snapshot.restore()
    else:
        load_packaged_frameworks()
        build_demo()
        demo_snapshot.take()
    return Msp.objects.get(name=DEMO_MSP)


@pytest.fixture
def tab(browser, live_server, demo):
    """A fresh browser context's page on the live server (never with bypass_csp: the policy stays on)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=live_server.url)
    context.set_default_timeout(
        20_000
    )  # a navigation waits for the check of the page it leaves (≈ 3 s at most)
    yield context.new_page()
    context.close()


@pytest.fixture
def csp(tab):
    """The page's policy watch: any refused script, style, image or fetch, or a page without the policy,
    fails the test."""
    watch = CspWatch(tab).attach()
    yield watch
    breaches = watch.finish()
    if breaches:
        pytest.fail(breaches, pytrace=False)


@pytest.fixture
def axe(tab, csp):
    """The page's accessibility watch: every document the page shows is checked; any violation fails."""
    watch = AxeWatch(tab).attach()
    yield watch
    violations = watch.finish()
    if violations:
        pytest.fail(violations, pytrace=False)


@pytest.fixture
def page(axe):
    return axe.page
