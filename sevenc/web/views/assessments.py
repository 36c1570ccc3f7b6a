from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sevenc.assessments.forms import CompareForm, NewAssessmentForm, ResponseForm
from sevenc.assessments.models import Assessment, AssessmentLocked
from sevenc.assessments.services import (
    AssessmentError,
    complete_assessment,
    create_assessment,
    record_response,
    submit_assessment,
)
from sevenc.assessments.workflow import Rights, rights
from sevenc.clients.models import Client
from sevenc.tenancy.scoping import get_scoped, scoped
from sevenc.web.access import MANAGERS, STAFF, Caller, allow, is_htmx
from sevenc.web.comparison import comparison_page
from sevenc.web.sheets import assessment_sheet

NOTE_LABELS = [
    ("status", "Status — what is in place"),
    ("evidence", "Evidence"),
    ("risk", "Risk — what could go wrong"),
    ("solution", "Recommendation"),
]


def _rights(caller: Caller, assessment: Assessment) -> Rights:
    return rights(
        role=caller.role,
        status=assessment.status,
        assigned_to_caller=assessment.assigned_engineer_id == caller.user.pk,
    )


def _assessment(caller: Caller, assessment_pk: int) -> tuple[Assessment, Rights]:
    assessment = get_scoped(Assessment, caller.scope, pk=assessment_pk)  # 404 outside the caller's scope
    allowed = _rights(caller, assessment)
    caller.require(allowed.view)
    return assessment, allowed


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
            assessment = create_assessment(
                client=client,
                title=data["title"],
                as_of=data["as_of"],
                prefill_from=previous if data.get("prefill") else None,
                assigned_engineer=data["assigned_engineer"],
            )
        except AssessmentError as error:
            field = str(error).split(":", 1)[0]
            form.add_error(field if field in form.fields else None, str(error).split(": ", 1)[-1])
        else:
            messages.success(request, f"Assessment {assessment.title} created.")
            return redirect("assessment_detail", assessment_pk=assessment.pk)
    return render(request, "web/assessment_new.html", {"form": form, "client": client, "previous": previous})


@allow()
def assessment_detail(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    assessment, allowed = _assessment(caller, assessment_pk)
    sheet = assessment_sheet(assessment)
    levels = [(s.level, s.name, s.description) for s in sheet.spec.scale]
    return render(
        request,
        "web/assessment.html",
        {
            "sheet": sheet,
            "assessment": assessment,
            "client": assessment.client,
            "rights": allowed,
            "levels": levels,
            "note_fields": NOTE_LABELS,
        },
    )


@allow(*MANAGERS, "engineer")
def assessment_item(request: HttpRequest, caller: Caller, assessment_pk: int, item_code: str) -> HttpResponse:
    """Save one item (level and notes). htmx gets the new scores back as out-of-band fragments."""
    assessment, allowed = _assessment(caller, assessment_pk)
    if request.method != "POST":
        return redirect(
            reverse("assessment_detail", args=[assessment.pk]) + f"#item-{item_code.replace('.', '-')}"
        )
    caller.require(allowed.edit_levels)
    form = ResponseForm(request.POST)
    error = ""
    if form.is_valid():
        level, na = form.answer()
        try:
            record_response(
                assessment=assessment,
                item_code=item_code,
                level=level,
                na=na,
                notes=form.notes(allowed.notes),
                by=caller.user,  # type: ignore[arg-type]
            )
        except (AssessmentError, AssessmentLocked) as exc:
            error = str(exc)
    else:
        error = "; ".join(f"{field}: {' '.join(str(e) for e in errs)}" for field, errs in form.errors.items())
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect(
            reverse("assessment_detail", args=[assessment.pk]) + f"#item-{item_code.replace('.', '-')}"
        )
    sheet = assessment_sheet(assessment)
    return render(
        request,
        "web/_item_saved.html",
        {"sheet": sheet, "item_code": item_code, "error": error, "rights": allowed},
    )


@allow(*MANAGERS, "engineer")
def assessment_submit(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    assessment, allowed = _assessment(caller, assessment_pk)
    if request.method == "POST":
        caller.require(allowed.submit)
        submit_assessment(assessment=assessment)
        messages.success(request, "Submitted for the vCIO's review.")
    return redirect("assessment_detail", assessment_pk=assessment.pk)


@allow(*MANAGERS)
def assessment_complete(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    assessment, allowed = _assessment(caller, assessment_pk)
    if request.method == "POST":
        caller.require(allowed.complete)
        complete_assessment(assessment=assessment, by=caller.user)  # type: ignore[arg-type]
        messages.success(
            request, f"{assessment.title} completed and locked. ITCQ {assessment.itcq or 0:.1f}."
        )
    return redirect("assessment_detail", assessment_pk=assessment.pk)


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
        "web/compare.html",
        {"page": page, "client": client, "assessments": list(of_client.order_by("-as_of", "-pk"))},
    )
