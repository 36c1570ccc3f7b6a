"""The accessibility watch itself: it reports what axe finds on every document a page shows, even one the
test leaves at once, and the state after an htmx swap. Pages are served by a route, no live server."""

from __future__ import annotations

import pytest

from tests.browser.accessibility import AxeWatch

pytestmark = pytest.mark.browser

SITE = "http://site.test"
BULK = "<p>Readable text.</p>" * 3000  # axe takes a while here: long enough to be cut short if not held
PAGES = {
    "/clean": "<h1>Clean</h1><a href='/faint'>next</a>",
    "/faint": "<h1>Faint</h1><p style='color:#aaa'>grey on white</p><a href='/clean'>back</a>" + BULK,
    "/bounce": "<h1>Bounce</h1><p style='color:#aaa'>grey</p><script>location.href = '/clean'</script>"
    + BULK,
    "/swap": "<h1>Swap</h1><div id=slot></div><a href='/clean'>away</a>",
}


def _document(body: str) -> str:
    return f"<!doctype html><html lang='en'><title>t</title><main>{body}</main></html>"


def _serve(route):
    body = PAGES.get(route.request.url[len(SITE) :])
    route.fulfill(status=200 if body else 404, body=_document(body or "<h1>Not found</h1>"))


@pytest.fixture
def watch(browser):
    context = browser.new_context()
    context.set_default_timeout(30_000)  # axe on the bulky page is slow on a busy machine
    page = context.new_page()
    page.route(f"{SITE}/**", _serve)
    yield AxeWatch(page).attach()
    context.close()


def test_a_page_left_by_a_link_is_reported_with_rule_impact_target_and_snippet(watch):
    watch.page.goto(f"{SITE}/faint")
    watch.page.get_by_role("link", name="back").click()
    watch.page.wait_for_url("**/clean")

    report = watch.finish()

    assert report is not None
    assert "1 WCAG 2 A/AA violation(s) on 2 checked page(s)" in report
    assert f"{SITE}/faint\n  [serious] color-contrast at p" in report
    assert '<p style="color:#aaa">grey on white</p>' in report and "2.32" in report


def test_a_page_that_moves_on_before_it_has_loaded_is_held_until_checked(watch):
    watch.page.goto(f"{SITE}/bounce", wait_until="commit")  # it navigates itself while still parsing
    watch.page.wait_for_url("**/clean")

    report = watch.finish()

    assert report is not None and f"{SITE}/bounce\n  [serious] color-contrast at p" in report


def test_clean_pages_report_nothing(watch):
    watch.page.goto(f"{SITE}/clean")
    assert watch.finish() is None
    assert watch.checked == {f"{SITE}/clean"}


def test_content_swapped_in_by_htmx_is_checked_before_the_page_is_left(watch):
    watch.page.goto(f"{SITE}/swap")
    watch.page.evaluate(
        """() => {
          document.getElementById("slot").innerHTML = "<img src='chart.png'>";
          document.dispatchEvent(new Event("htmx:afterSettle"));
        }"""
    )
    watch.page.get_by_role("link", name="away").click()
    watch.page.wait_for_url("**/clean")

    report = watch.finish()

    assert report is not None and "image-alt at img" in report
