"""A NIST CSF 2.0 assessment run from the web app: started by choosing the framework, filled, completed, and
then the client's scorecard, the comparison of two and the QBR work for it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from sevenc.assessments.models import Assessment
from sevenc.catalogue.services import get_framework
from sevenc.reports.services import hold_review, plan_review
from sevenc.reports.tests.factories import completed_assessment
from sevenc.tenancy.access import Caller
from tests.fixtures import PASSWORD


def test_a_csf_assessment_is_started_filled_and_completed_from_the_web(client, client_co, vcio):
    client.login(username="vcio", password=PASSWORD)
    csf = get_framework("nist-csf")
    form = client.get(reverse("assessment_create", args=[client_co.pk])).content.decode()
    assert "NIST Cybersecurity Framework 2.0" in form
    created = client.post(
        reverse("assessment_create", args=[client_co.pk]),
        {"framework": csf.pk, "title": "CSF 2026", "as_of": "2026-11-30"},
    )
    assert created.status_code == 302
    assessment = Assessment.objects.get(client=client_co, title="CSF 2026")
    assert assessment.framework == csf
    page = client.get(created["Location"]).content.decode()
    item = csf.items.order_by("position").first()
    assert item is not None and item.code in page and page.count('class="item') >= 106
    saved = client.post(
        reverse("assessment_item", args=[assessment.pk, item.code]), {"level": "3", "changed": "level"}
    )
    assert saved.status_code in (200, 302)
    assert assessment.responses.get(item=item).level == 3
    done = client.post(reverse("assessment_complete", args=[assessment.pk]))
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.itcq is not None


def test_scorecard_compare_and_qbr_work_on_csf_alone(client, client_co, vcio):
    levels = {"GV": 1, "ID": 2, "PR": 2, "DE": 1, "RS": 1, "RC": 0}
    first = completed_assessment(client_co, "CSF Q2", dt.date(2026, 6, 30), levels, framework_code="nist-csf")
    better = {**levels, "PR": 3, "RC": 2}
    second = completed_assessment(
        client_co, "CSF Q3", dt.date(2026, 9, 30), better, framework_code="nist-csf"
    )
    client.login(username="vcio", password=PASSWORD)
    overview = client.get(reverse("client_detail", args=[client_co.pk]))
    assert overview.status_code == 200 and "Protect" in overview.content.decode()
    compare = client.get(reverse("assessment_compare", args=[client_co.pk]), {"a": first.pk, "b": second.pk})
    assert compare.status_code == 200
    assert "Recover" in compare.content.decode()
    review = plan_review(client=client_co, date=dt.date(2026, 10, 14))
    hold_review(actor=Caller.of_membership(vcio.membership), review=review)
    review.refresh_from_db()
    assert review.snapshot["framework"]["code"] == "nist-csf"
    report = client.get(reverse("review_detail", args=[review.pk]))
    assert report.status_code == 200 and "CSF Q3" in report.content.decode()
    pdf = client.get(reverse("review_pdf", args=[review.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
