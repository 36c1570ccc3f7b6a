"""The areas page: the shipped catalogue (read-only, versioned) and the MSP's own areas, which owners and
vCIOs add, edit, retire and restore. Parse (forms) → one service → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.raci.access import can_edit
from sevenc.raci.areas import (
    add_area,
    catalogue_areas,
    msp_areas,
    retire_area,
    shipped_catalogue,
    update_area,
)
from sevenc.raci.forms import AreaForm
from sevenc.raci.models import MspArea
from sevenc.raci.presenters import block_names
from sevenc.tenancy.access import MANAGERS, STAFF, Caller, allow
from sevenc.tenancy.scoping import get_scoped


def _edit_form(area: MspArea) -> AreaForm:
    return AreaForm(
        adding=False,
        initial={
            "title": area.title,
            "block": area.block,
            "items": ", ".join(i.code for i in area.items.all()),
            "critical": area.critical,
            "duty": area.duty,
            "version": area.version,
        },
    )


def _page(
    request: HttpRequest,
    caller: Caller,
    *,
    form: AreaForm | None = None,
    editing: MspArea | None = None,
    edit_form: AreaForm | None = None,
    status: int = 200,
) -> HttpResponse:
    catalogue = shipped_catalogue()
    shipped = catalogue_areas(catalogue)
    context: dict[str, Any] = {
        "catalogue": catalogue,
        "shipped": shipped,
        "shipped_blocks": [
            (code, name, [a for a in shipped if a.block == code]) for code, name in block_names().items()
        ],
        "own": msp_areas(caller.scope, retired=True),
        "can_edit": can_edit(caller),
        "form": form or AreaForm(),
        "editing": editing,
        "edit_form": edit_form or (_edit_form(editing) if editing is not None else None),
        "nav": "areas",
    }
    return render(request, "raci/areas.html", context, status=status)


@allow(*STAFF)
def areas_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    return _page(request, caller)


@allow(*MANAGERS)
def area_detail(request: HttpRequest, caller: Caller, area_pk: int) -> HttpResponse:
    area = get_scoped(MspArea, caller.scope, pk=area_pk)
    return _page(request, caller, editing=area)


@require_POST
@allow(*MANAGERS)
def area_add(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = AreaForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            area = add_area(
                actor=caller,
                code=data["code"],
                title=data["title"],
                block=data["block"],
                items=form.item_codes(),
                critical=data["critical"],
                duty=data["duty"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{area.code} added: it is a row of every matrix from now on.")
            return redirect("raci_areas")
    return _page(request, caller, form=form, status=422)


@require_POST
@allow(*MANAGERS)
def area_edit(request: HttpRequest, caller: Caller, area_pk: int) -> HttpResponse:
    area = get_scoped(MspArea, caller.scope, pk=area_pk)
    form = AreaForm(request.POST, adding=False)
    if form.is_valid():
        data = form.cleaned_data
        try:
            update_area(
                actor=caller,
                area=area,
                title=data["title"],
                block=data["block"],
                items=form.item_codes(),
                critical=data["critical"],
                duty=data["duty"],
                expected_version=data["version"],
            )
        except DomainError as error:
            if error.field == "version":
                messages.error(request, error.message)
                return redirect("raci_area", area_pk=area.pk)
            add_domain_error(form, error)
        else:
            messages.success(request, f"{area.code} saved.")
            return redirect("raci_areas")
    return _page(request, caller, editing=area, edit_form=form, status=422)


@require_POST
@allow(*MANAGERS)
def area_retire(request: HttpRequest, caller: Caller, area_pk: int) -> HttpResponse:
    area = get_scoped(MspArea, caller.scope, pk=area_pk)
    retire = request.POST.get("restore") != "1"
    retire_area(actor=caller, area=area, retired=retire)
    if retire:
        messages.success(request, f"{area.code} retired: new matrices leave it out; existing ones keep it.")
    else:
        messages.success(request, f"{area.code} restored: it is a row of every matrix again.")
    return redirect("raci_areas")
