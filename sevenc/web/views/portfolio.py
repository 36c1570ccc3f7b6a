from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sevenc.clients.models import Vertical
from sevenc.clients.services import vcio_queryset
from sevenc.web.access import Caller, allow, is_htmx
from sevenc.web.portfolio import Filters, apply_filters, heatmap_blocks, portfolio_rows, portfolio_summary

COLUMNS = [
    ("name", "Client", ""),
    ("vcio", "vCIO", ""),
    ("itcq", "ITCQ", "num"),
    ("change", "Change", "num"),
    ("completeness", "Complete", "num"),
    ("next_review", "Next review", ""),
]


def _filters(request: HttpRequest) -> Filters:
    return Filters(
        q=request.GET.get("q", "")[:100],
        vertical=request.GET.get("vertical", ""),
        vcio=request.GET.get("vcio", ""),
        sort=request.GET.get("sort", "name"),
        descending=request.GET.get("dir") == "desc",
    )


def _header(key: str, label: str, css: str, filters: Filters) -> dict[str, str]:
    active = filters.sort == key
    descending = not filters.descending if active else key in ("itcq", "change", "completeness")
    query = {"q": filters.q, "vertical": filters.vertical, "vcio": filters.vcio, "sort": key}
    if descending:
        query["dir"] = "desc"
    aria = ("descending" if filters.descending else "ascending") if active else ""
    return {
        "key": key,
        "label": label,
        "css": css,
        "url": "?" + urlencode({k: v for k, v in query.items() if v}),
        "aria_sort": aria,
    }


@allow()
def portfolio(request: HttpRequest, caller: Caller) -> HttpResponse:
    if caller.is_client_viewer:
        return redirect("client_detail", client_pk=caller.scope.client_id)
    filters = _filters(request)
    blocks = heatmap_blocks()
    all_rows = portfolio_rows(caller.scope, blocks)
    rows = apply_filters(all_rows, filters, [b.code for b in blocks])
    context = {
        "nav": "portfolio",
        "rows": rows,
        "total": len(all_rows),
        "summary": portfolio_summary(all_rows, timezone.localdate()),
        "filters": filters,
        "headers": [_header(key, label, css, filters) for key, label, css in COLUMNS],
        "block_headers": [_header(f"block:{b.code}", b.name, "block", filters) for b in blocks],
        "verticals": Vertical.choices,
        "vcios": list(vcio_queryset(caller.scope)),
        "today": timezone.localdate(),
    }
    if is_htmx(request):
        return render(request, "web/_portfolio_table.html", {**context, "oob": True})
    return render(request, "web/portfolio.html", context)
