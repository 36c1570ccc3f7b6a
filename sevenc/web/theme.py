"""The MSP's colours as a stylesheet, so that no page needs an inline `<style>` (the Content Security Policy
refuses them).

`/theme/page/1f4e79-e07a1f.css` sets `--brand` and `--accent` on `:root` (every page, from the signed-in
MSP, through `{% theme_stylesheet %}` in `web/base.html`); `/theme/report/….css` sets them on a QBR's
`.qbr` (a held review keeps the colours it was shown in). The colours are the address, so the answer
never changes: anyone may fetch it, nothing tenant-owned is behind it, and browsers keep it for a year.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

SELECTORS = {"page": ":root", "report": ".qbr"}
ONE_YEAR = 365 * 24 * 3600


@require_safe
def theme_css(request: HttpRequest, scope: str, brand: str, accent: str) -> HttpResponse:
    # The URL pattern admits only the two scopes and six lower-case hex digits per colour.
    css = f"{SELECTORS[scope]} {{ --brand: #{brand}; --accent: #{accent}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
