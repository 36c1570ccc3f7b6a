"""The History pages: an MSP's audit trail, per client and for the whole MSP, for its owners only.

Every other role gets 404 (the pages do not exist for them), like another MSP's users. Read-only: the trail
is written by the changes themselves and cannot be edited or deleted here.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from sevenc.audit.forms import HistoryFilter
from sevenc.audit.models import Event
from sevenc.audit.queries import CSV_HEADER, csv_rows, events, kind_name, lines
from sevenc.clients.models import Client
from sevenc.lib.tabular import write_csv
from sevenc.tenancy.access import Caller, allow
from sevenc.tenancy.scoping import get_scoped

PER_PAGE = 50
MAX_CSV_ROWS = 100_000


def _owners_only(caller: Caller) -> None:
    if not caller.is_owner:
        raise Http404("Not found.")


def _query_without_page(request: HttpRequest) -> str:
    query: QueryDict = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _history(request: HttpRequest, caller: Caller, client: Client | None) -> HttpResponse:
    form = HistoryFilter(request.GET or None, scope=caller.scope, with_client=client is None)
    form.is_valid()
    found = events(caller.scope, form.filters(client=client))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(event, kind_name(event.model), lines(event)) for event in page.object_list]
    context = {
        "nav": "history",
        "client": client,
        "form": form,
        "page": page,
        "rows": rows,
        "query": _query_without_page(request),
    }
    return render(request, "audit/history.html", context)


def _csv(request: HttpRequest, caller: Caller, client: Client | None, name: str) -> HttpResponse:
    form = HistoryFilter(request.GET or None, scope=caller.scope, with_client=client is None)
    form.is_valid()
    found = events(caller.scope, form.filters(client=client))[:MAX_CSV_ROWS]
    text = write_csv(CSV_HEADER, csv_rows(found.iterator(chunk_size=2000)))
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@allow()
def client_history(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    _owners_only(caller)
    return _history(request, caller, get_scoped(Client, caller.scope, pk=client_pk))


@require_safe
@allow()
def client_history_csv(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    _owners_only(caller)
    client = get_scoped(Client, caller.scope, pk=client_pk)
    return _csv(request, caller, client, f"history-client-{client.pk}.csv")


@require_safe
@allow()
def msp_history(request: HttpRequest, caller: Caller) -> HttpResponse:
    _owners_only(caller)
    return _history(request, caller, None)


@require_safe
@allow()
def msp_history_csv(request: HttpRequest, caller: Caller) -> HttpResponse:
    _owners_only(caller)
    return _csv(request, caller, None, "history.csv")


@require_safe
@allow()
def event_detail(request: HttpRequest, caller: Caller, event_pk: int) -> HttpResponse:
    _owners_only(caller)
    event = get_scoped(Event, caller.scope, pk=event_pk)
    context = {"nav": "history", "event": event, "kind": kind_name(event.model), "lines": lines(event)}
    return render(request, "audit/event.html", context)
