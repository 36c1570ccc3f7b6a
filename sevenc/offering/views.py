"""The MSP's offering pages (owners and vCIOs): coverage, the service catalogue, portfolio demand,
develop-next, upsell and their exports. Parse (forms) → one service → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from sevenc.catalogue.spec import BlockSpec
from sevenc.clients.models import Client
from sevenc.clients.services import vcio_queryset
from sevenc.lib.errors import DomainError
from sevenc.lib.files import MAX_FILE_BYTES
from sevenc.lib.forms import add_domain_error, form_errors_text
from sevenc.offering import tables
from sevenc.offering.coverage import CoverageReport
from sevenc.offering.exports import export
from sevenc.offering.forms import ExportForm, ImportForm, ServiceForm, TemplateServiceForm, VersionForm
from sevenc.offering.models import Service
from sevenc.offering.presenters import (
    LEVEL_LABELS,
    OfferingState,
    coverage_radar,
    offering_state,
)
from sevenc.offering.service_file import decode_service_file
from sevenc.offering.services import (
    create_service,
    export_services,
    import_services,
    link_template,
    recommend_upsell,
    retire_service,
    update_service,
)
from sevenc.offering.upsell import upsell_offers, upsell_totals
from sevenc.roadmap.models import Recommendation, RecommendationTemplate
from sevenc.tenancy.access import MANAGERS, Caller, allow
from sevenc.tenancy.scoping import get_scoped, scoped

CLIENTS_PER_PAGE = 20  # an upsell page of a 1,000-client MSP stays readable (and fast)


def _page(request: HttpRequest, template: str, tab: str, **context: Any) -> HttpResponse:
    return render(request, f"offering/{template}", {"tab": tab, "nav": "offering", **context})


def _block_row(report: CoverageReport, block: BlockSpec) -> dict[str, Any]:
    counts = report.counts(i.code for i in block.items())
    areas = [
        {
            "area": area,
            "share": report.areas[area.code],
            "items": [(i, report.items[i.code]) for i in area.items],
        }
        for area in block.areas
    ]
    return {
        "block": block,
        "share": report.blocks[block.code],
        "counts": counts,
        "covered_items": counts["in_house"] + counts["partner"],
        "total": sum(counts.values()),
        "areas": areas,
    }


@allow(*MANAGERS)
def coverage_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    state = offering_state(caller.scope)
    report = state.coverage
    blocks = [_block_row(report, block) for block in state.spec.blocks]
    return _page(
        request,
        "coverage.html",
        "coverage",
        state=state,
        report=report,
        counts=report.counts(),
        total=len(report.items),
        blocks=blocks,
        radar_svg=coverage_radar(report, state.spec) if state.services else "",
        labels=LEVEL_LABELS,
    )


@allow(*MANAGERS)
def services_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    return _services(request, caller, ImportForm())


def _services(request: HttpRequest, caller: Caller, import_form: ImportForm) -> HttpResponse:
    state = offering_state(caller.scope)
    return _page(request, "services.html", "services", state=state, import_form=import_form)


def _service_form(request: HttpRequest, caller: Caller, service: Service | None) -> HttpResponse:
    state = offering_state(caller.scope)
    initial: dict[str, Any] = {}
    if service is not None:
        data = dict(state.services).get(service)
        initial = ServiceForm.initial_of(service, list(data.items) if data else [])
    form = ServiceForm(request.POST or None, spec=state.spec, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            if service is None:
                saved = create_service(actor=caller, **fields)
            else:
                saved = update_service(actor=caller, service=service, expected_version=version, **fields)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Saved {saved.name!r}.")
            return redirect("offering_services")
    return _page(request, "service_form.html", "services", form=form, service=service)


@allow(*MANAGERS)
def service_new(request: HttpRequest, caller: Caller) -> HttpResponse:
    return _service_form(request, caller, None)


@allow(*MANAGERS)
def service_edit(request: HttpRequest, caller: Caller, service_pk: int) -> HttpResponse:
    return _service_form(request, caller, get_scoped(Service, caller.scope, pk=service_pk))


@require_POST
@allow(*MANAGERS)
def service_retire(request: HttpRequest, caller: Caller, service_pk: int) -> HttpResponse:
    service = get_scoped(Service, caller.scope, pk=service_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            retire_service(actor=caller, service=service, expected_version=form.cleaned_data["version"])
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{service.name!r} retired: it no longer counts as coverage or upsell.")
    return redirect("offering_services")


@require_POST
@allow(*MANAGERS)
def services_import(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = decode_service_file(upload.read(MAX_FILE_BYTES + 1), name=upload.name)
            result = import_services(actor=caller, data=data)
        except DomainError as error:
            form.add_error("file", f"Nothing imported. {error}")
        else:
            messages.success(
                request, f"Imported {upload.name}: {len(result.created)} new, {len(result.updated)} updated."
            )
            return redirect("offering_services")
    return _services(request, caller, form)


@allow(*MANAGERS)
def services_file(request: HttpRequest, caller: Caller) -> HttpResponse:
    response = HttpResponse(export_services(caller.scope).dumps(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="services.json"'
    return response


@allow(*MANAGERS)
def demand_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    state = offering_state(caller.scope)
    rows = [row for row in state.portfolio.demand(state.coverage.items) if row.clients]
    rows.sort(key=lambda r: (-r.demand, -r.clients, state.portfolio.position[r.item]))
    return _page(request, "demand.html", "demand", state=state, rows=rows, labels=LEVEL_LABELS)


@allow(*MANAGERS)
def develop_next_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    state = offering_state(caller.scope)
    rows = state.portfolio.develop_next(state.coverage.items)
    return _page(request, "develop_next.html", "develop-next", state=state, rows=rows, labels=LEVEL_LABELS)


def _vcio_filter(request: HttpRequest, caller: Caller) -> tuple[str | None, str, list[Any]]:
    """(username for the pure filter or None for all, the selected value, the choices)."""
    choices = list(vcio_queryset(caller.scope))
    wanted = request.GET.get("vcio", "")
    if wanted == "none":
        return "", wanted, choices
    for user in choices:
        if str(user.pk) == wanted:
            return user.get_username(), wanted, choices
    return None, "", choices


@allow(*MANAGERS)
def upsell_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    state = offering_state(caller.scope)
    vcio, selected, vcios = _vcio_filter(request, caller)
    offers = upsell_offers(state.portfolio, state.plain_services, vcio=vcio)
    totals = upsell_totals(state.portfolio, state.plain_services, vcio=vcio)
    on_roadmap = set(
        scoped(Recommendation, caller.scope)
        .filter(workshop_id__in=list(state.data.workshops.values()))
        .values_list("client_id", "item__code")
    )
    services = state.service_rows()
    ids = state.data.client_ids
    clients: dict[str, dict[str, Any]] = {}
    for total in totals:
        clients[total.client] = {"total": total, "pk": ids[total.client], "offers": []}
    for offer in offers:
        pk = ids[offer.client]
        clients[offer.client]["offers"].append(
            {
                "offer": offer,
                "service": services[offer.service],
                "items": [(code, (pk, code) in on_roadmap) for code in offer.items],
            }
        )
    page = Paginator(list(clients.values()), CLIENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "state": state,
        "clients": page,
        "page": page,
        "monthly": sum((t.monthly_revenue for t in totals), 0),
        "one_time": sum((t.one_time for t in totals), 0),
        "vcios": vcios,
        "selected": selected,
        "workshops": state.data.workshops,
    }
    return _page(request, "upsell.html", "upsell", **context)


@require_POST
@allow(*MANAGERS)
def upsell_recommend(
    request: HttpRequest, caller: Caller, client_pk: int, service_pk: int, item_code: str
) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    service = get_scoped(Service, caller.scope, pk=service_pk)
    try:
        rec = recommend_upsell(actor=caller, client=client, service=service, item_code=item_code)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Added {rec.title!r} to {client.name}'s recommendations ({rec.item.code})."
        )
    query = urlencode({"vcio": request.POST.get("vcio", ""), "page": request.POST.get("page", "")})
    return redirect(f"{reverse('offering_upsell')}?{query}#client-{client.pk}")


@require_POST
@allow(*MANAGERS)
def template_service(request: HttpRequest, caller: Caller, library_entry_pk: int) -> HttpResponse:
    template = get_scoped(RecommendationTemplate, caller.scope, pk=library_entry_pk)
    services = list(scoped(Service, caller.scope))
    form = TemplateServiceForm(request.POST, services=services)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        pk = form.cleaned_data["service"]
        service = None if pk is None else get_scoped(Service, caller.scope, pk=pk)
        try:
            link_template(actor=caller, template=template, service=service)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            shown = service.name if service else "no service"
            messages.success(request, f"Library entry {template.item.code} now points at {shown}.")
    return redirect("roadmap_library")


@allow(*MANAGERS)
def export_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form_errors_text(form), status=400, content_type="text/plain; charset=utf-8")
    which, fmt = form.cleaned_data["list"], form.cleaned_data["format"] or "csv"
    state = offering_state(caller.scope)
    table, title = _table(request, caller, state, which)
    content, content_type = export(table, fmt, title)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{which}.{fmt}"'
    return response


def _table(
    request: HttpRequest, caller: Caller, state: OfferingState, which: str
) -> tuple[tables.Table, str]:
    if which == "catalogue":
        return tables.catalogue_rows(state.plain_services), "Services"
    if which == "coverage":
        return tables.coverage_rows(state.coverage, state.spec), "Coverage"
    if which == "develop-next":
        return tables.develop_next_rows(state.portfolio.develop_next(state.coverage.items)), "Develop next"
    vcio, _, _ = _vcio_filter(request, caller)
    return tables.upsell_rows(upsell_offers(state.portfolio, state.plain_services, vcio=vcio)), "Upsell"
