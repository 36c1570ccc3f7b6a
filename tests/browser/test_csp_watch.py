"""The policy watch itself: it reports what the browser refuses under sevenc's policy, and a page served
without the policy. Pages are served by a route with sevenc's header, no live server."""

from __future__ import annotations

import pytest

from sevenc.lib.csp import DIRECTIVES
from tests.browser.csp import CspWatch

pytestmark = pytest.mark.browser

SITE = "http://site.test"
POLICY = "; ".join(f"{name} {' '.join(sources)}" for name, sources in DIRECTIVES.items())
PAGES = {
    "/clean": "<h1>Clean</h1><img alt='dot' src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>",
    "/inline": "<h1 style='color:red'>Inline</h1><script>document.title = 'ran'</script>"
    "<button onclick='x()'>b</button><style>h1 { color: blue; }</style>",
    "/elsewhere": "<h1>Elsewhere</h1><img alt='x' src='http://other.test/pixel.png'>",
}


def _serve(route):
    path = route.request.url[len(SITE) :]
    body = PAGES.get(path, "<h1>Not found</h1>")
    headers = {"content-type": "text/html; charset=utf-8"}
    if path != "/bare":
        headers["content-security-policy"] = POLICY
    route.fulfill(
        status=200, headers=headers, body=f"<!doctype html><html lang='en'><title>t</title>{body}</html>"
    )


@pytest.fixture
def watch(browser):
    context = browser.new_context()
    page = context.new_page()
    page.route(f"{SITE}/**", _serve)
    page.route("http://other.test/**", lambda route: route.fulfill(status=200, body=b""))
    yield CspWatch(page).attach()
    context.close()


def test_a_page_within_the_policy_passes(watch):
    watch.page.goto(f"{SITE}/clean")
    assert watch.finish() is None


def test_inline_scripts_styles_and_handlers_are_each_reported(watch):
    watch.page.goto(f"{SITE}/inline")
    watch.page.get_by_role("button").click()  # the handler is refused when it would run
    report = watch.finish()
    assert report is not None
    assert watch.page.title() == "t"  # the inline script did not run
    assert "script-src-elem refused inline" in report
    assert "style-src-attr refused inline" in report and "style-src-elem refused inline" in report
    assert "script-src-attr refused inline" in report


def test_a_third_party_image_is_reported(watch):
    watch.page.goto(f"{SITE}/elsewhere")
    report = watch.finish()
    assert report is not None and "img-src refused http://other.test/pixel.png" in report


def test_a_page_without_the_policy_is_reported(watch):
    watch.page.goto(f"{SITE}/bare")
    report = watch.finish()
    assert report is not None and "without a content-security-policy header" in report
