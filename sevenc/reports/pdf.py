"""A review's report as HTML (the web view's body) and as PDF (WeasyPrint, print CSS, no network)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.template.loader import render_to_string

from sevenc import charts
from sevenc.lib.errors import DomainError
from sevenc.reports import charts as report_charts
from sevenc.reports.presentation import present

CSS_PATH = Path(__file__).resolve().parent / "static" / "reports" / "report.css"
PAGE_SIZES = {"A4": ("A4", "297mm"), "LETTER": ("Letter", "279.4mm")}


class ReportError(DomainError):
    """A report that cannot be produced; the message says why."""


@cache
def report_css() -> str:
    """The report's stylesheet and the score colours' classes (`heat-*`, web/heat.css in the app)."""
    return CSS_PATH.read_text(encoding="utf-8") + "\n" + charts.heat_stylesheet()


def page_size(name: str | None = None) -> tuple[str, str]:
    """(CSS page size, page height) for "A4" or "Letter"."""
    wanted = (name or settings.SEVENC_REPORT_PAGE_SIZE).strip()
    try:
        return PAGE_SIZES[wanted.upper()]
    except KeyError:
        raise ReportError(f"page size {wanted!r} is not supported (use A4 or Letter)") from None


def report_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    context = present(snapshot)
    if snapshot["assessment"] is not None:
        context["radar_svg"] = report_charts.radar_svg(snapshot)
        context["trend_svg"] = report_charts.trend_svg(snapshot)
    if snapshot.get("roadmap") and snapshot["roadmap"]["quarters"]:
        context["roadmap_svg"] = report_charts.roadmap_svg(snapshot)
    if snapshot.get("frontier"):
        context["frontier_svg"] = report_charts.frontier_svg(snapshot)
    return context


def render_document_html(snapshot: dict[str, Any], *, size: str | None = None) -> str:
    css_size, height = page_size(size)
    context = report_context(snapshot)
    context.update(report_css=report_css(), page_size=css_size, page_height=height)
    return render_to_string("reports/report_document.html", context)


def render_pdf(snapshot: dict[str, Any], *, size: str | None = None) -> bytes:
    return _pdf_of(render_document_html(snapshot, size=size))


# A held review's report is downloaded again and again (the vCIO, each of the client's viewers, the API), and
# its snapshot never changes; WeasyPrint takes about a second a report. Kept for 30 days after the last
# rendering: a report nobody downloads for a month costs one more second.
HELD_PDF_SECONDS = 30 * 24 * 3600


def held_review_pdf(snapshot: dict[str, Any], *, size: str | None = None) -> bytes:
    """The PDF of a held review's frozen snapshot, rendered once per distinct document and kept in the shared
    cache (every app server sees it). The key is a digest of the document's HTML (its charts are images with
    a fixed chart id, `charts.data_uri`): it changes with the snapshot, the page size, the templates and the
    stylesheet, so a report that would now look different is never served from an older rendering. The
    cache is only a shortcut: when it misses, the PDF is rendered again."""
    html = render_document_html(snapshot, size=size)
    key = "sevenc:pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = shared_cache.get(key)
    if not isinstance(pdf, bytes):
        pdf = _pdf_of(html)
        shared_cache.set(key, pdf, HELD_PDF_SECONDS)
    return pdf


def _pdf_of(html: str) -> bytes:
    # Imported late: WeasyPrint loads Pango, which most web requests never need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Everything the report shows is inline; only data: URIs (the logo) may be read, never the
    # network or the disk, even if an MSP's logo SVG points somewhere.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher, base_url=str(CSS_PATH.parent))
    return document.write_pdf()  # type: ignore[no-any-return]
