"""The Content Security Policy watch: every browser test runs with sevenc's policy on and fails on any breach.

`CspWatch(page).attach()` listens three ways, so that nothing the browser refuses goes unseen:
- an init script in every document reports each `securitypolicyviolation` event (directive, blocked URI,
  source and line, sample) through an exposed binding, also from a document the test has already left;
- Chromium's console messages that say a Content Security Policy refused something (the same breaches, and
  any the event does not reach);
- every HTML document the server answers must carry exactly sevenc's policy (`sevenc.lib.csp`), so a
  test cannot pass because the policy was off.
`finish()` returns the report of everything found, or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import ConsoleMessage, Page, Response

from sevenc.lib.csp import is_sevencs_policy

REPORT = "__sevencCspReport"
HEADER = "content-security-policy"

LISTENER = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
  window.{REPORT}(location.href, event.effectiveDirective || event.violatedDirective, event.blockedURI,
    event.sourceFile || "", event.lineNumber || 0, (event.sample || "").slice(0, 120));
}});
"""


@dataclass
class CspWatch:
    page: Page
    breaches: list[str] = field(default_factory=list)
    documents: int = 0

    def attach(self) -> CspWatch:
        self.page.expose_binding(REPORT, self._on_violation)
        self.page.add_init_script(LISTENER)
        self.page.on("console", self._on_console)
        self.page.on("response", self._on_response)
        return self

    def finish(self) -> str | None:
        if not self.page.is_closed():
            self.page.evaluate("() => 0")  # a round trip: reports still on their way arrive first
        if not self.documents:
            self.breaches.append("no HTML document was checked for the policy header")
        if not self.breaches:
            return None
        unique = list(dict.fromkeys(self.breaches))
        return f"{len(unique)} Content Security Policy breach(es):\n" + "\n".join(f"  {b}" for b in unique)

    def _on_violation(
        self, _source: object, url: str, directive: str, blocked: str, file: str, line: int, sample: str
    ) -> None:
        where = f" at {file}:{line}" if file else ""
        self.breaches.append(f"{url}: {directive} refused {blocked or 'inline'}{where} {sample!r}".rstrip())

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.breaches.append(f"{self.page.url}: console: {message.text[:300]}")

    def _on_response(self, response: Response) -> None:
        request = response.request
        if request.resource_type != "document" or request.frame != self.page.main_frame:
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        self.documents += 1
        header: Any = response.headers.get(HEADER)
        if header is None:
            self.breaches.append(f"{response.url}: answered {response.status} without a {HEADER} header")
        elif not is_sevencs_policy(header):
            self.breaches.append(f"{response.url}: policy is {header!r}, not sevenc's")
