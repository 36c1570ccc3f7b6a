"""The Content Security Policy every response of the web app carries. No Django here.

The policy allows scripts, styles, fonts and fetches from sevenc's own origin only, images from it and
from `data:` URIs (the charts and the MSP's logo are SVG data URIs), no plugins, no `<base>` elsewhere,
forms posting only to sevenc, and no framing. There is no 'unsafe-inline' and no 'unsafe-eval', so:

- no inline `<script>`, no `on…=` handler attributes, no `javascript:` URLs: behaviour lives in static
  files (`sevenc/<domain>/static/<domain>/*.js`, loaded with `<script src>`) that listen by event
  delegation on `data-` attributes (`sevenc/web/static/web/sevenc.js`: `data-confirm`, `data-print`,
  `data-autosubmit`);
- no `style="…"` attributes and no `<style>` elements in pages: classes in the static stylesheets; the
  MSP's colours come from the stylesheet `theme_css` serves; scores are coloured by `heat-N` classes;
  data-driven widths are SVG attributes (`{% bar %}`); charts are `<img>` of SVG data URIs;
- htmx runs without eval and without injecting its indicator style (`<meta name="htmx-config">` in
  `web/base.html`).

`sevenc.config.settings` hands `DIRECTIVES` to django-csp's middleware. A view that needs more (a page of
a third-party tool) widens the policy for itself only, with `csp_update({...})` from `csp.decorators`
(django-ninja: `NinjaAPI(docs_decorator=csp_update({...}))`). The API's Swagger UI page needs no widening:
its assets are the installed package's static files and it runs under this policy as it is.
"""

from __future__ import annotations

SELF = "'self'"
NONE = "'none'"

DIRECTIVES: dict[str, list[str]] = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

# What may never appear in the policy, whoever edits it: each would let injected markup run or style.
FORBIDDEN_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:")


def parse_header(value: str | None) -> dict[str, frozenset[str]]:
    """A policy header as {directive: sources}; the header's order of directives and sources is not kept
    (django-csp writes them in no fixed order)."""
    found: dict[str, frozenset[str]] = {}
    for part in (value or "").split(";"):
        words = part.split()
        if words:
            found[words[0].lower()] = frozenset(words[1:])
    return found


def is_sevencs_policy(value: str | None) -> bool:
    """Is this header exactly the policy above?"""
    return parse_header(value) == {name: frozenset(sources) for name, sources in DIRECTIVES.items()}
