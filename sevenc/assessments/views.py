"""Assessment pages: create, the 139-item workspace with live scores, submit / return / complete, compare.
Parse → one service → render; refusals come back as `DomainError` and are shown, never a 500."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from sevenc.assessments import imports
from sevenc.assessments.comparison import comparison_page
from sevenc.assessments.forms import CompareForm, NewAssessmentForm, ResponseForm
from sevenc.assessments.models import Assessment
from sevenc.assessments.services import (
    complete_assessment,
    record_response,
    reopen_assessment,
    rights_of,
    submit_assessment,
)
from sevenc.assessments.sheets import assessment_sheet
from sevenc.assessments.starting import start_assessment
from sevenc.assessments.workflow import Rights
from sevenc.clients.models import Client
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.forms import CsvUploadForm, add_domain_error, form_errors_text
from sevenc.lib.htmx import is_htmx
from sevenc.tenancy.access import MANAGERS, STAFF, Caller, allow
from sevenc.tenancy.scoping import get_scoped, scoped

NOTE_LABELS = [
    ("status", "Status — what is in place"),
    ("evidence", "Evidence"),
    ("risk", "Risk — what could go wrong"),
    ("solution", "Recommendation"),
]


def _assessment(caller: Caller, assessment_pk: int) -> tuple[Assessment, Rights]:
    assessment = get_scoped(Assessment, caller.scope, pk=assessment_pk)  # 404 outside the caller's scope
    allowed = rights_of(caller, assessment)
    caller.require(allowed.view)
    return assessment, allowed


def _item_anchor(assessment: Assessment, item_code: str) -> str:
    return reverse("assessment_detail", args=[assessment.pk]) + f"#item-{item_code.replace('.', '-')}"


@allow(*MANAGERS)
def assessment_create(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    history = list(scoped(Assessment, caller.scope).filter(client=client).order_by("-as_of", "-pk"))
    previous = history[0] if history else None
    form = NewAssessmentForm(
        request.POST or None,
        scope=caller.scope,
        today=timezone.localdate(),
        has_previous=previous is not None,
        taken={a.title for a in history},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = start_assessment(
                client=client,
                title=data["title"],
                as_of=data["as_of"],
                framework=data["framework"],
                prefill=bool(data.get("prefill")),
                assigned_engineer=data["assigned_engineer"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Assessment {assessment.title} created.")
            return redirect("assessment_detail", assessment_pk=assessment.pk)
    return render(
        request, "assessments/assessment_new.html", {"form": form, "client": client, "previous": previous}
    )


@require_safe
@allow()
def assessment_detail(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    assessment, allowed = _assessment(caller, assessment_pk)
    sheet = assessment_sheet(assessment)
    levels = [(s.level, s.name, s.description) for s in sheet.spec.scale]
    return render(
        request,
        "assessments/assessment.html",
        {
            "sheet": sheet,
            "assessment": assessment,
            "client": assessment.client,
            "rights": allowed,
            "levels": levels,
            "note_fields": NOTE_LABELS,
        },
    )


@require_POST
@allow(*STAFF)
def assessment_item(request: HttpRequest, caller: Caller, assessment_pk: int, item_code: str) -> HttpResponse:
    """Save one item (only the fields that changed, against the version it was read at). htmx gets the
    new scores back as out-of-band fragments; after a conflict, also the item as it is stored now."""
    assessment, allowed = _assessment(caller, assessment_pk)
    caller.require(not allowed.read_only)
    form = ResponseForm(request.POST)
    error, conflict = "", False
    if form.is_valid():
        # Read-only fields on the page (an engineer's risk and solution) are posted unchanged; only what
        # the page let the caller edit is sent on (the service refuses anything else outright).
        notes = {key: value for key, value in form.notes().items() if key in allowed.notes}
        answer = form.answer() if allowed.edit_levels else {}
        try:
            record_response(
                actor=caller,
                assessment=assessment,
                item_code=item_code,
                notes=notes,
                expected_version=form.cleaned_data["version"],
                **answer,
            )
        except DomainError as exc:
            error, conflict = str(exc.message), isinstance(exc, Conflict)
    else:
        error = form_errors_text(form)
    if not is_htmx(request):
        if error:
            messages.error(request, f"{item_code}: {error}")
        return redirect(_item_anchor(assessment, item_code))
    assessment.refresh_from_db()
    sheet = assessment_sheet(assessment)
    item = next((i for b in sheet.blocks for a in b.areas for i in a.items if i.code == item_code), None)
    context = {
        "sheet": sheet,
        "item_code": item_code,
        "item": item,
        "error": error,
        "conflict": conflict,
        "rights": rights_of(caller, assessment),
        "assessment": assessment,
        "levels": [(s.level, s.name, s.description) for s in sheet.spec.scale],
        "note_fields": NOTE_LABELS,
    }
    return render(request, "assessments/_item_saved.html", context)


def _move(request: HttpRequest, caller: Caller, assessment_pk: int, change, done: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    assessment, _ = _assessment(caller, assessment_pk)
    try:
        moved = change(actor=caller, assessment=assessment)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done.format(a=moved))
    return redirect("assessment_detail", assessment_pk=assessment.pk)


@require_POST
@allow(*STAFF)
def assessment_submit(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    return _move(request, caller, assessment_pk, submit_assessment, "Submitted for the vCIO's review.")


@require_POST
@allow(*MANAGERS)
def assessment_reopen(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    return _move(request, caller, assessment_pk, reopen_assessment, "Returned to the engineer as a draft.")


@require_POST
@allow(*MANAGERS)
def assessment_complete(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    return _move(
        request,
        caller,
        assessment_pk,
        complete_assessment,
        "{a.title} completed and locked. ITCQ {a.itcq_display}.",
    )


@require_safe
@allow(*STAFF)
def assessment_compare(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = CompareForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Pick two assessments to compare.")
        return redirect("client_detail", client_pk=client.pk)
    of_client = scoped(Assessment, caller.scope).filter(client=client).select_related("framework")
    first = get_scoped(Assessment, caller.scope, pk=form.cleaned_data["a"], client=client)
    second = get_scoped(Assessment, caller.scope, pk=form.cleaned_data["b"], client=client)
    page = comparison_page(first, second)
    return render(
        request,
        "assessments/compare.html",
        {"page": page, "client": client, "assessments": list(of_client.order_by("-as_of", "-pk"))},
    )


@allow(*STAFF)
def responses_import(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    """Fill a draft from one CSV file (docs/formats.md, "Responses CSV"): all or nothing, with the same
    rights as the workspace."""
    assessment, allowed = _assessment(caller, assessment_pk)
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer = partial(imports.import_responses, actor=caller, assessment=assessment)
        saved = form.run(importer, required=imports.REQUIRED, optional=imports.OPTIONAL)
        if saved is not None:
            messages.success(request, f"{len(saved)} item(s) imported into {assessment.title}.")
            return redirect("assessment_detail", assessment_pk=assessment.pk)
    context = {
        "form": form,
        "assessment": assessment,
        "client": assessment.client,
        "rights": allowed,
        "columns": (*imports.REQUIRED, *imports.OPTIONAL),
    }
    return render(request, "assessments/responses_import.html", context)
