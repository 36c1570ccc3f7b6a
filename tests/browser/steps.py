"""Steps the browser tests share."""

from __future__ import annotations

from pathlib import Path

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
