"""Finding what the Content Security Policy refuses in a page: inline scripts, `on…=` handlers, `javascript:`
URLs, `style` attributes, `<style>` elements, and htmx's own inline handlers (`hx-on`, `js:` values, which
need eval). Used on rendered pages (`inline_code_in_html`, an HTML parser) and on template sources
(`inline_code_in_template`, patterns that read through `{% … %}` and `{{ … }}`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# `<script type="application/json">` is data, never run: the policy lets it be (ninja's Swagger page uses one).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script_without_src = False

    def _say(self, what: str) -> None:
        line, _ = self.getpos()
        self.found.append(f"line {line}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            text = (value or "").strip().lower()
            if name == "style":
                self._say(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self._say(f"<{tag} {name}=…> handler")
            elif name.startswith(("hx-on", "data-hx-on")):
                self._say(f"<{tag} {name}=…> (htmx inline handler)")
            elif name in URL_ATTRIBUTES and text.startswith("javascript:"):
                self._say(f"<{tag} {name}=javascript:…>")
            elif name.startswith(("hx-vals", "hx-vars", "hx-headers")) and text.startswith(
                ("js:", "javascript:")
            ):
                self._say(f"<{tag} {name}=js:…> (needs eval)")
        if tag == "style":
            self._say("<style> element")
        if tag == "script":
            kind = (values.get("type") or "").strip().lower()
            if not values.get("src") and kind not in DATA_SCRIPT_TYPES:
                self._say("inline <script>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def inline_code_in_html(html: str) -> list[str]:
    """What in this page (or htmx fragment) the policy would refuse, one line each; [] when nothing."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


# A tag's inside, read through template tags and variables: `{% if x %} checked{% endif %}` may sit in it.
# Each alternative starts differently, so a failed match cannot backtrack through exponentially many splits.
_TAG_INSIDE = r"(?:[^<>{]|\{(?![{%])|\{\{[^}]*\}\}|\{%(?:[^%]|%(?!\}))*%\})*?"
_COMMENTS = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
TEMPLATE_PATTERNS = {
    "inline <script>": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")", re.I
    ),
    "<style> element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(rf"<[a-z][\w:-]*\b{_TAG_INSIDE}\sstyle\s*=", re.I | re.S),
    "on…= handler": re.compile(rf"<[a-z][\w:-]*\b{_TAG_INSIDE}\son[a-z]+\s*=", re.I | re.S),
    "htmx inline handler": re.compile(r"\s(?:data-)?hx-on[\w:.-]*\s*=", re.I),
    "javascript: URL": re.compile(r"=\s*[\"']?\s*javascript:", re.I),
}


def inline_code_in_template(source: str) -> list[str]:
    """What in this template's source the policy would refuse once rendered, one line each."""
    found = []
    source = _COMMENTS.sub(lambda m: "\n" * m.group(0).count("\n"), source)  # keep the line numbers
    for what, pattern in TEMPLATE_PATTERNS.items():
        for match in pattern.finditer(source):
            line = source.count("\n", 0, match.start()) + 1
            snippet = " ".join(match.group(0).split())[-80:]
            found.append(f"line {line}: {what}: …{snippet}")
    return found
