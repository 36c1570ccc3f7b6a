"""The matrix pages: the grid editor (the client's Responsibility tab), starting a matrix, one cell's save
(htmx: the cell back, the findings and the loads out of band), CSV import, XLSX and CSV exports.

Parse (forms) → one service → render. Everyone of the MSP and the client's own viewers see the matrix;
owners and vCIOs change it (the services refuse anyone else as well).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sevenc.clients.models import Client
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.forms import add_domain_error, form_errors_text
from sevenc.lib.htmx import is_htmx
from sevenc.raci.access import can_edit
from sevenc.raci.csv_layout import RaciCsvError, matrix_csv
from sevenc.raci.exports import matrix_workbook
from sevenc.raci.forms import CellForm, CsvImportForm, GridFilterForm, StartMatrixForm
from sevenc.raci.models import Party
from sevenc.raci.presenters import area_flags, columns, finding_groups, grid, summary, template_name
from sevenc.raci.services import MAX_CSV_BYTES, CellConflict, import_csv, set_cell, start_matrix
from sevenc.raci.state import MatrixState, state_of
from sevenc.tenancy.access import MANAGERS, Caller, allow
from sevenc.tenancy.scoping import get_scoped, scoped

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _findings_context(state: MatrixState) -> dict[str, Any]:
    return {"groups": finding_groups(state), "summary": summary(state)}


def _page(
    request: HttpRequest,
    caller: Caller,
    client: Client,
    *,
    start_form: StartMatrixForm | None = None,
    import_form: CsvImportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    state = state_of(caller.scope, client)
    context: dict[str, Any] = {
        "client": client,
        "state": state,
        "can_edit": can_edit(caller),
        "lead": "Who is Responsible, Accountable, Consulted and Informed for each duty of the client's IT.",
    }
    if state is None:
        context["start_form"] = start_form or StartMatrixForm()
        return render(request, "raci/matrix.html", context, status=status)
    filters = GridFilterForm(request.GET or None, parties=[(p.code, p.code) for p in state.parties])
    block, parties, flagged = filters.filters()
    context |= {
        "filters": filters,
        "filtered": bool(block or parties or flagged),
        "grid": grid(state, block=block, parties=parties, flagged=flagged),
        "template_name": template_name(state.matrix.template),
        "import_form": import_form or CsvImportForm(),
        **_findings_context(state),
    }
    return render(request, "raci/matrix.html", context, status=status)


@allow()
def matrix_page(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    return _page(request, caller, client)


@require_POST
@allow(*MANAGERS)
def matrix_start(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = StartMatrixForm(request.POST)
    if form.is_valid():
        try:
            start_matrix(
                actor=caller,
                client=client,
                template=form.cleaned_data["template"],
                parties=form.cleaned_data["parties"],
            )
        except Conflict as error:  # started meanwhile, by someone else: show theirs
            messages.error(request, error.message)
            return redirect("raci_matrix", client_pk=client.pk)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, "Matrix started: review the findings, then fill in the parties' contracts."
            )
            return redirect("raci_matrix", client_pk=client.pk)
    return _page(request, caller, client, start_form=form, status=422)


@require_POST
@allow(*MANAGERS)
def cell_save(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    """Save one cell. htmx gets the cell as stored now (with the other person's letters after a conflict),
    the findings, the row's flags and the shown columns' loads; a plain POST is redirected back."""
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = CellForm(request.POST)
    error, conflict = "", False
    party: Party | None = None
    data: dict[str, Any] = {"party": ""}
    if not form.is_valid():
        error = form_errors_text(form)
    else:
        data = form.cleaned_data
        party = scoped(Party, caller.scope).filter(client=client, code=data["party"]).first()
    if party is None:
        error = error or f"{data['party']!r} is not a party of this matrix"
    else:
        try:
            set_cell(
                actor=caller,
                party=party,
                area_code=data["area"],
                letters=data["letters"],
                expected_version=data["version"],
            )
        except CellConflict as exc:
            error, conflict = exc.message, True
        except DomainError as exc:
            error = f"{data['area']} × {party.code}: {exc.message}"
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect("raci_matrix", client_pk=client.pk)
    state = state_of(caller.scope, client)
    area_code = form.cleaned_data.get("area", "") if form.is_valid() else ""
    area = state.area(area_code) if state is not None else None
    if state is None or party is None or area is None:
        # 200, so that htmx swaps the message in (it leaves 4xx answers alone)
        return render(request, "raci/_status.html", {"error": error or "Nothing saved."})
    shown = [code for code in request.POST.get("columns", "").split(",") if code]
    context = {
        "client": client,
        "area": area,
        "party": party,
        "letters": state.letters(area.code, party),
        "version": state.version(area.code, party),
        "flags": area_flags(state).get(area.code, ()),
        "loads": columns(state, shown) if shown else (),
        "error": error,
        "conflict": conflict,
        "can_edit": True,
        **_findings_context(state),
    }
    return render(request, "raci/_cell_saved.html", context)


@require_POST
@allow(*MANAGERS)
def matrix_import(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = CsvImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            changed = import_csv(
                actor=caller, client=client, data=upload.read(MAX_CSV_BYTES + 1), source=upload.name
            )
        except RaciCsvError as error:
            form.add_error("file", list(error.problems))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"CSV imported: {changed} cell(s) changed.")
            return redirect("raci_matrix", client_pk=client.pk)
    return _page(request, caller, client, import_form=form, status=422)


def _export_state(caller: Caller, client_pk: int) -> MatrixState:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    state = state_of(caller.scope, client)
    if state is None:
        raise Http404("This client has no responsibility matrix yet.")
    return state


def _download(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allow()
def matrix_xlsx(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    state = _export_state(caller, client_pk)
    name = f"{slugify(state.client.name)}-responsibility.xlsx"
    return _download(matrix_workbook(state), XLSX, name)


@allow()
def matrix_csv_export(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    state = _export_state(caller, client_pk)
    name = f"{slugify(state.client.name)}-responsibility.csv"
    # Excel opens UTF-8 CSV correctly only with a byte-order mark; the importer ignores it.
    return _download("\ufeff" + matrix_csv(state.pure), "text/csv; charset=utf-8", name)
