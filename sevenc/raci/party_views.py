"""The parties pages: the list with contracts and renewals, one party's view ("what does the ISP own?"),
adding, editing and removing a party. Parse (forms) → one service → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sevenc.clients.models import Client
from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.raci.access import can_edit
from sevenc.raci.forms import PartyForm
from sevenc.raci.models import Party
from sevenc.raci.presenters import columns, party_holdings
from sevenc.raci.services import add_party, remove_party, update_party
from sevenc.raci.state import state_of
from sevenc.tenancy.access import MANAGERS, Caller, allow
from sevenc.tenancy.scoping import get_scoped

RENEWAL_WARNING = dt.timedelta(days=90)


def _renewal_state(party: Party, today: dt.date) -> str:
    if party.renewal is None:
        return ""
    if party.renewal < today:
        return "overdue"
    return "soon" if party.renewal - today <= RENEWAL_WARNING else ""


def _parties_page(
    request: HttpRequest, caller: Caller, client: Client, form: PartyForm | None = None, status: int = 200
) -> HttpResponse:
    state = state_of(caller.scope, client)
    today = timezone.localdate()
    rows = []
    if state is not None:
        findings = {f.party: f for f in state.review.findings if f.party}
        rows = [
            (column, _renewal_state(column.party, today), findings.get(column.party.code))
            for column in columns(state)
        ]
    context: dict[str, Any] = {
        "client": client,
        "state": state,
        "rows": rows,
        "can_edit": can_edit(caller),
        "form": form or PartyForm(initial={"kind": "vendor"}),
    }
    return render(request, "raci/parties.html", context, status=status)


@allow()
def parties_page(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    return _parties_page(request, caller, client)


@require_POST
@allow(*MANAGERS)
def party_add(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = PartyForm(request.POST)
    if form.is_valid():
        try:
            party = add_party(actor=caller, client=client, code=form.cleaned_data["code"], **form.details())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{party.code} added: give it its letters in the matrix.")
            return redirect("raci_parties", client_pk=client.pk)
    return _parties_page(request, caller, client, form, status=422)


def _party_page(
    request: HttpRequest, caller: Caller, party: Party, form: PartyForm | None = None, status: int = 200
) -> HttpResponse:
    client = party.client
    state = state_of(caller.scope, client)
    assert state is not None  # a party exists only with its client's matrix
    party = state.party(party.code) or party
    column = next(c for c in columns(state) if c.party.pk == party.pk)
    findings = [f for f in state.review.findings if f.party == party.code]
    sole = {area.code for area in state.areas if area.critical and _sole(state, area.code, party)}
    context = {
        "client": client,
        "party": party,
        "column": column,
        "findings": findings,
        "holdings": party_holdings(state, party),
        "sole": sole,
        "renewal": _renewal_state(party, timezone.localdate()),
        "can_edit": can_edit(caller),
        "form": form
        or PartyForm(
            adding=False,
            initial={
                "name": party.name,
                "kind": party.kind,
                "role": party.role,
                "contact": party.contact,
                "contract": party.contract,
                "renewal": party.renewal,
                "ceo": party.is_ceo,
                "version": party.version,
            },
        ),
    }
    return render(request, "raci/party.html", context, status=status)


def _sole(state: Any, area: str, party: Party) -> bool:
    return state.pure.holders(area, "R") == [party.code]


@allow()
def party_detail(request: HttpRequest, caller: Caller, party_pk: int) -> HttpResponse:
    party = get_scoped(Party, caller.scope, pk=party_pk)
    return _party_page(request, caller, party)


@require_POST
@allow(*MANAGERS)
def party_edit(request: HttpRequest, caller: Caller, party_pk: int) -> HttpResponse:
    party = get_scoped(Party, caller.scope, pk=party_pk)
    form = PartyForm(request.POST, adding=False)
    if form.is_valid():
        try:
            update_party(
                actor=caller, party=party, expected_version=form.cleaned_data["version"], **form.details()
            )
        except DomainError as error:
            if error.field == "version":  # show the party as the other person saved it
                messages.error(request, error.message)
                return redirect("raci_party", party_pk=party.pk)
            add_domain_error(form, error)
        else:
            messages.success(request, f"{party.code} saved.")
            return redirect("raci_party", party_pk=party.pk)
    return _party_page(request, caller, party, form, status=422)


@require_POST
@allow(*MANAGERS)
def party_remove(request: HttpRequest, caller: Caller, party_pk: int) -> HttpResponse:
    party = get_scoped(Party, caller.scope, pk=party_pk)
    try:
        remove_party(actor=caller, party=party)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("raci_party", party_pk=party.pk)
    messages.success(request, f"{party.code} removed with its letters.")
    return redirect("raci_parties", client_pk=party.client_id)
