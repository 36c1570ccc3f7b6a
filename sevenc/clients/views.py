from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sevenc.clients.forms import ClientForm, DeleteClientForm
from sevenc.clients.imports import OPTIONAL, REQUIRED, import_clients
from sevenc.clients.models import Client, Vertical
from sevenc.clients.services import create_client, delete_client, update_client
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.forms import CsvUploadForm, add_domain_error
from sevenc.tenancy.access import MANAGERS, Caller, allow
from sevenc.tenancy.scoping import get_scoped


@allow(*MANAGERS)
def client_create(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = ClientForm(request.POST or None, scope=caller.scope)
    if request.method == "POST" and form.is_valid():
        try:
            data = {key: value for key, value in form.cleaned_data.items() if key != "version"}
            client = create_client(scope=caller.scope, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{client.name} added.")
            return redirect("client_detail", client_pk=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": None})


@allow(*MANAGERS)
def client_edit(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = ClientForm(request.POST or None, scope=caller.scope, client=client)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            update_client(scope=caller.scope, client=client, expected_version=data.pop("version"), **data)
        except Conflict as error:  # show the form again with what the other person saved
            messages.error(request, error.message)
            return redirect("client_edit", client_pk=client.pk)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Client saved.")
            return redirect("client_detail", client_pk=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": client})


@allow(*MANAGERS)
def client_delete(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = DeleteClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delete_client(scope=caller.scope, client=client, confirm_name=form.cleaned_data["confirm_name"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{client.name} and its history were deleted.")
            return redirect("portfolio")
    return render(request, "clients/client_delete.html", {"form": form, "client": client})


@allow(*MANAGERS)
def clients_import(request: HttpRequest, caller: Caller) -> HttpResponse:
    """Add many clients from one CSV file (docs/formats.md, "Clients CSV"): all or nothing."""
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created = form.run(partial(import_clients, scope=caller.scope), required=REQUIRED, optional=OPTIONAL)
        if created is not None:
            messages.success(request, f"{len(created)} client(s) imported.")
            return redirect("portfolio")
    context = {"form": form, "columns": (*REQUIRED, *OPTIONAL), "verticals": Vertical.values}
    return render(request, "clients/clients_import.html", context)
