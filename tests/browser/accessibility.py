"""axe-core's WCAG 2 A and AA rules on every page a browser test visits.

axe-core comes bundled in the axe-playwright-python wheel (`AXE_SCRIPT`), so nothing is downloaded at test
time. `AxeWatch(page).attach()` injects it into every document of the page and checks each one when it has
loaded and again after each htmx swap settles, whether the test reached it by `goto`, a link or a form. A
route hook holds the next top-level navigation until the current document's check has reported, so no page
is left unchecked however fast a test moves on; `finish()` checks the last page in the state the test left
it in. Violations are collected and reported together, page by page, when the test ends.

Why checks run inside the page: while a navigation request is held, Playwright's own `page.evaluate`
waits for that navigation, so the route hook cannot run axe itself; it can only wait for the page's report.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Error, Page, Route

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]}
SNIPPET_CHARS = 160
CHECK_TIMEOUT_S = 30.0
REPORT = "__sevencAxeReport"

# Runs in every top-level document: axe once it has loaded, again 300 ms after htmx settles a swap; one run
# at a time. It reports "busy" whenever a check becomes due, and after each run the violations and whether
# another check is still due ("idle"), through the exposed binding.
RUNNER = f"""
(() => {{
  if (window.top !== window || location.protocol === "about:") return;
  {AXE_SCRIPT}
  const options = {json.dumps(AXE_OPTIONS)};
  let running = null, again = false, timer = null, loading = true;
  const busy = () => window.{REPORT}("busy", location.href, [], "", false);
  const report = (violations, error) =>  // idle when no other check is due
    window.{REPORT}("checked", location.href, violations, error, !again && timer === null && !loading);
  const once = async () => {{
    do {{
      again = false;
      try {{
        const result = await axe.run(document, options);
        await report(result.violations, "");
      }} catch (error) {{
        await report([], String(error));
      }}
    }} while (again);
    running = null;
  }};
  const check = () => {{
    busy();
    if (running) {{ again = true; return running; }}
    running = once();
    return running;
  }};
  const later = (ms) => {{
    clearTimeout(timer);
    timer = setTimeout(() => {{ timer = null; check(); }}, ms);
    busy();
  }};
  window.__sevencAxeCheck = check;
  busy();  // due once loaded: navigations are held until then
  window.addEventListener("load", () => {{ loading = false; later(0); }});  // after the load event, not in it
  document.addEventListener("htmx:afterSettle", () => later(300));
  // Leaving before a due check has started (before load, or within the htmx delay): start it now; the
  // route hook holds the navigation until it reports.
  window.addEventListener("beforeunload", () => {{
    if (!loading && timer === null) return;
    loading = false;
    clearTimeout(timer);
    timer = null;
    check();
  }});
}})();
"""


@dataclass(frozen=True)
class Finding:
    url: str
    rule: str
    impact: str
    target: str
    html: str
    summary: str

    def line(self) -> str:
        return f"  [{self.impact}] {self.rule} at {self.target}\n      {self.html}\n      {self.summary}"


def findings_from(url: str, violations: list[dict[str, Any]]) -> list[Finding]:
    found = []
    for violation in violations:
        for node in violation["nodes"]:
            html = " ".join(node.get("html", "").split())
            if len(html) > SNIPPET_CHARS:
                html = html[: SNIPPET_CHARS - 1] + "…"
            summary = node.get("failureSummary") or violation.get("help", "")
            found.append(
                Finding(
                    url=url,
                    rule=violation["id"],
                    impact=violation.get("impact") or "?",
                    target=" ".join(str(part) for part in node["target"]),
                    html=html,
                    summary=" ".join(summary.split()),
                )
            )
    return found


def report(findings: list[Finding], checked: set[str]) -> str:
    """Violations grouped by page, readable in a pytest failure."""
    lines = [f"{len(findings)} WCAG 2 A/AA violation(s) on {len(checked)} checked page(s):"]
    for url in dict.fromkeys(f.url for f in findings):
        lines.append(url)
        lines.extend(f.line() for f in findings if f.url == url)
    return "\n".join(lines)


@dataclass
class AxeWatch:
    page: Page
    findings: list[Finding] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    busy: bool = False

    def attach(self) -> AxeWatch:
        self.page.expose_binding(REPORT, self._on_report)
        self.page.add_init_script(RUNNER)
        self.page.route("**/*", self._hold_navigation)
        return self

    def check(self) -> None:
        """Check the current document now, e.g. after opening a dialog; findings are kept for `finish`."""
        if self.page.url.startswith("about:"):
            return
        self._wait_until_idle()
        self.page.evaluate("() => window.__sevencAxeCheck && window.__sevencAxeCheck()")

    def finish(self) -> str | None:
        """Check the last page; the report of every violation, or None when there is none."""
        if not self.page.is_closed():
            self.check()
            self.page.unroute_all(behavior="ignoreErrors")
        return report(self.findings, self.checked) if self.findings else None

    def _on_report(
        self, _source: object, kind: str, url: str, violations: list[Any], error: str, idle: bool
    ) -> None:
        self.busy = not idle
        if kind == "busy":
            return
        self.checked.add(url)
        found = findings_from(url, violations)
        if error:  # axe itself failed: say so, never pass a page unchecked
            found.append(Finding(url, "axe-did-not-run", "?", "document", "", error))
        self.findings.extend(f for f in found if f not in self.findings)

    def _wait_until_idle(self) -> None:
        deadline = time.monotonic() + CHECK_TIMEOUT_S
        while self.busy:
            if time.monotonic() > deadline:
                self.busy = False
                self.findings.append(
                    Finding(self.page.url, "axe-did-not-finish", "?", "document", "", f"{CHECK_TIMEOUT_S}s")
                )
                return
            self.page.wait_for_timeout(50)

    def _hold_navigation(self, route: Route) -> None:
        request = route.request
        try:
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                self._wait_until_idle()
            route.fallback()
        except Error:
            if not self.page.is_closed():  # closed: the test has ended, nothing is left to check
                raise
