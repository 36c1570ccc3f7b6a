"""QBR pages: a client's reviews, one review (its report), holding it, its PDF and its spreadsheets.

Client viewers see their own client's held reviews only: a planned review is work in progress of the MSP.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.reports.forms import ReviewForm
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.pdf import held_review_pdf, report_context
from sevenc.reports.services import hold_review, plan_review, update_review
from sevenc.reports.snapshot import build_snapshot
from sevenc.reports.xlsx import assessment_workbook, roadmap_workbook
from sevenc.tenancy.access import EVERYONE, MANAGERS, STAFF, Caller, allow
from sevenc.tenancy.scoping import get_scoped, scoped

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible_review(caller: Caller, review_pk: int) -> ReviewMeeting:
    review = get_scoped(ReviewMeeting, caller.scope, pk=review_pk)
    if caller.is_client_viewer and not review.is_held:
        raise Http404("No review matches the given query.")
    return review


def _snapshot(review: ReviewMeeting) -> dict[str, Any]:
    # A planned review previews today's data; a held one shows only what was frozen when it was held.
    if review.is_held and review.snapshot is not None:
        return review.snapshot  # type: ignore[no-any-return]
    return build_snapshot(review)


@allow(*EVERYONE)
def review_list(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    reviews = scoped(ReviewMeeting, caller.scope).filter(client=client).order_by("-date", "-pk")
    if caller.is_client_viewer:
        reviews = reviews.filter(status=ReviewMeeting.Status.HELD)
    form = None
    if caller.can_manage:
        form = ReviewForm(request.POST or None, initial={"date": client.next_review_date})
        if request.method == "POST" and form.is_valid():
            try:
                data = {key: value for key, value in form.cleaned_data.items() if key != "version"}
                review = plan_review(client=client, **data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Review planned. Record the minutes, then mark it held.")
                return redirect("review_detail", review_pk=review.pk)
    elif request.method == "POST":
        caller.require(False)
    return render(request, "reports/review_list.html", {"client": client, "reviews": reviews, "form": form})


@allow(*EVERYONE)
def review_detail(request: HttpRequest, caller: Caller, review_pk: int) -> HttpResponse:
    review = _visible_review(caller, review_pk)
    form = None
    if not review.is_held and caller.can_manage:
        initial = {key: getattr(review, key) for key in ReviewForm.base_fields}
        form = ReviewForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                update_review(review=review, expected_version=data.pop("version"), **data)
            except Conflict as error:  # show the minutes as the other person saved them
                messages.error(request, error.message)
                return redirect("review_detail", review_pk=review.pk)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Minutes saved.")
                return redirect("review_detail", review_pk=review.pk)
    elif request.method == "POST":
        caller.require(False)
    context = report_context(_snapshot(review))
    context.update(review=review, client=review.client, form=form)
    return render(request, "reports/review_detail.html", context)


@require_POST
@allow(*MANAGERS)
def review_hold(request: HttpRequest, caller: Caller, review_pk: int) -> HttpResponse:
    review = get_scoped(ReviewMeeting, caller.scope, pk=review_pk)
    try:
        hold_review(actor=caller, review=review)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Review held: its report is now frozen as the record of what was shown.")
    return redirect("review_detail", review_pk=review.pk)


@require_safe
@allow(*EVERYONE)
def review_pdf(request: HttpRequest, caller: Caller, review_pk: int) -> HttpResponse:
    review = _visible_review(caller, review_pk)
    if not review.is_held or review.snapshot is None:
        messages.error(request, "Mark the review held first: a PDF is the frozen record of a held review.")
        return redirect("review_detail", review_pk=review.pk)
    response = HttpResponse(held_review_pdf(review.snapshot), content_type="application/pdf")
    filename = f"{slugify(review.snapshot['client']['name'])}-qbr-{review.date.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@allow(*EVERYONE)
def review_roadmap_xlsx(request: HttpRequest, caller: Caller, review_pk: int) -> HttpResponse:
    review = _visible_review(caller, review_pk)
    snapshot = _snapshot(review)
    if not snapshot.get("roadmap"):
        raise Http404("This review has no roadmap.")
    response = HttpResponse(roadmap_workbook(snapshot), content_type=XLSX)
    filename = f"{slugify(snapshot['client']['name'])}-roadmap-{review.date.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@allow(*STAFF)
def assessment_xlsx(request: HttpRequest, caller: Caller, assessment_pk: int) -> HttpResponse:
    assessment = get_scoped(Assessment, caller.scope, pk=assessment_pk)
    response = HttpResponse(
        assessment_workbook(assessment),
        content_type=XLSX,
    )
    filename = f"{slugify(assessment.client.name)}-{slugify(assessment.title)}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
