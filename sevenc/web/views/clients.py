from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sevenc.clients.forms import ClientForm, DeleteClientForm
from sevenc.clients.models import Client
from sevenc.clients.services import ClientError, create_client, delete_client, update_client
from sevenc.goals.services import current_block_targets
from sevenc.tenancy.scoping import get_scoped
from sevenc.web.access import MANAGERS, Caller, allow
from sevenc.web.scorecard import client_scorecard


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


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


def _save_error(form: ClientForm, error: ClientError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@allow(*MANAGERS)
def client_create(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = ClientForm(request.POST or None, scope=caller.scope)
    if request.method == "POST" and form.is_valid():
        try:
            client = create_client(scope=caller.scope, **form.cleaned_data)
        except ClientError as error:
            _save_error(form, error)
        else:
            messages.success(request, f"{client.name} added.")
            return redirect("client_detail", client_pk=client.pk)
    return render(request, "web/client_form.html", {"form": form, "client": None})


@allow(*MANAGERS)
def client_edit(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = ClientForm(request.POST or None, scope=caller.scope, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            update_client(scope=caller.scope, client=client, **form.cleaned_data)
        except ClientError as error:
            _save_error(form, error)
        else:
            messages.success(request, "Client saved.")
            return redirect("client_detail", client_pk=client.pk)
    return render(request, "web/client_form.html", {"form": form, "client": client})


@allow(*MANAGERS)
def client_delete(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = DeleteClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delete_client(scope=caller.scope, client=client, confirm_name=form.cleaned_data["confirm_name"])
        except ClientError as error:
            form.add_error("confirm_name", error.message)
        else:
            messages.success(request, f"{client.name} and its history were deleted.")
            return redirect("portfolio")
    return render(request, "web/client_delete.html", {"form": form, "client": client})
