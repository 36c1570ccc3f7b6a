"""Steps the browser tests share."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

from sevenc.demo.seed import DEMO_PASSWORD

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def sign_in(page: Page, username: str) -> None:
    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def shot(page: Page, name: str, full_page: bool = False) -> None:
    """A screenshot for review in artifacts/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def chart_shown(page: Page, alt_starts: str) -> bool:
    """Is the chart whose alt text starts so on the page, drawn? Charts are `<img>` of SVG data URIs (the
    Content Security Policy keeps pygal's inline `<style>` out of pages): one that did not decode has no
    natural width."""
    chart = page.locator(f'img.chart-img[alt^="{alt_starts}"]')
    if chart.count() != 1:
        return False
    return bool(chart.evaluate("img => img.complete && img.naturalWidth > 0"))


def visit(page: Page, path: str) -> None:
    """Open a page by its path; it must answer 200 without a redirect (the axe watch checks what it shows)."""
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    assert urlsplit(page.url).path == urlsplit(path).path, f"{path} redirected to {page.url}"
