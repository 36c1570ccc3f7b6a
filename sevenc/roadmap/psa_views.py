"""The PSA export as a download from the web app: one client's roadmap, or every client's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from sevenc.clients.models import Client
from sevenc.roadmap.psa import psa_download
from sevenc.tenancy.access import STAFF, Caller, allow
from sevenc.tenancy.scoping import get_scoped


def _proposed(request: HttpRequest) -> bool:
    return request.GET.get("proposed") in ("1", "true", "yes")


@require_safe
@allow(*STAFF)
def client_psa_csv(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    """The client's approved roadmap (`?proposed=1`: with the open proposals) in the PSA layout."""
    client = get_scoped(Client, caller.scope, pk=client_pk)
    return psa_download(caller.scope, client, proposed=_proposed(request))


@require_safe
@allow(*STAFF)
def portfolio_psa_csv(request: HttpRequest, caller: Caller) -> HttpResponse:
    """Every client's approved roadmap in one file, for a PSA's bulk import."""
    return psa_download(caller.scope, proposed=_proposed(request))
