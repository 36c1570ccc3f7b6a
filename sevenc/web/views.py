"""The shell's dashboards: the portfolio and the client overview. They compose the read models of every
domain (scores, targets, the roadmap card …); domains never import `web`, so this is where composition lives.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from sevenc.clients.models import Client, Vertical
from sevenc.clients.services import vcio_queryset
from sevenc.goals.services import current_block_targets
from sevenc.lib.htmx import is_htmx
from sevenc.tenancy.access import Caller, allow
from sevenc.tenancy.scoping import get_scoped
from sevenc.web.portfolio import Filters, heatmap_blocks, portfolio_page, portfolio_summary
from sevenc.web.scorecard import client_scorecard

MORE_ROW = "portfolio-more"  # the id of the "Show more" row, which htmx replaces by the next page's rows
COLUMNS = [
    ("name", "Client", ""),
    ("vcio", "vCIO", ""),
    ("itcq", "ITCQ", "num"),
    ("change", "Change", "num"),
    ("completeness", "Complete", "num"),
    ("next_review", "Next review", ""),
    ("overdue", "Overdue work", "num"),
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
    descending = not filters.descending if active else key in ("itcq", "change", "completeness", "overdue")
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


def _page(request: HttpRequest) -> int:
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and len(value) < 7 else 1


def _page_url(filters: Filters, number: int) -> str:
    query = {"q": filters.q, "vertical": filters.vertical, "vcio": filters.vcio, "sort": filters.sort}
    if filters.descending:
        query["dir"] = "desc"
    query["page"] = str(number)
    return "?" + urlencode({k: v for k, v in query.items() if v})


@require_safe
@allow()
def portfolio(request: HttpRequest, caller: Caller) -> HttpResponse:
    """The MSP's clients, 50 a page, sorted and filtered in SQL. htmx asks for the table (filters, sort)
    or, from the "Show more" row, for the next page's rows only."""
    if caller.is_client_viewer:
        return redirect("client_detail", client_pk=caller.scope.client_id)
    filters = _filters(request)
    blocks = heatmap_blocks()
    today = timezone.localdate()
    page = portfolio_page(
        caller.scope, filters, today=today, block_codes=[b.code for b in blocks], page=_page(request)
    )
    context = {
        "nav": "portfolio",
        "page": page,
        "rows": page.rows,
        "filters": filters,
        "next_url": _page_url(filters, page.number + 1),
        "previous_url": _page_url(filters, page.number - 1),
        "today": today,
        "columns": len(COLUMNS) + len(blocks),
    }
    if is_htmx(request) and request.headers.get("HX-Target") == MORE_ROW:
        return render(request, "web/_portfolio_rows.html", context)
    summary = portfolio_summary(caller.scope, today)
    context.update(
        {
            "total": summary["clients"],
            "summary": summary,
            "headers": [_header(key, label, css, filters) for key, label, css in COLUMNS],
            "block_headers": [_header(f"block:{b.code}", b.name, "block", filters) for b in blocks],
        }
    )
    if is_htmx(request):
        return render(request, "web/_portfolio_table.html", {**context, "oob": True})
    context.update({"verticals": Vertical.choices, "vcios": list(vcio_queryset(caller.scope))})
    return render(request, "web/portfolio.html", context)


@require_safe
def ping(request: HttpRequest) -> HttpResponse:
    """A liveness check for a load balancer, and the no-op baseline of the load benchmarks: no database,
    no session, no template."""
    return HttpResponse("ok\n", content_type="text/plain")


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_safe
@allow()
def client_detail(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    card = client_scorecard(
        caller.scope,
        client,
        show=_int_or_none(request.GET.get("assessment")),
        targets=current_block_targets(caller.scope, client),
    )
    return render(request, "web/client_detail.html", {"card": card, "client": client})
