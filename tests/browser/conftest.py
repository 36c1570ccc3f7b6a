"""What every browser test shares: Debian's chromium, the demo portfolio on a live server, a signed-in page."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import sync_playwright

from sevenc.catalogue.services import load_packaged_frameworks
from sevenc.demo.seed import build_demo

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # sync Playwright runs an event loop in this thread

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    load_packaged_frameworks()  # the live server's database is flushed between tests
    return build_demo()


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
