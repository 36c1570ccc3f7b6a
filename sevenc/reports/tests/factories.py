"""Test data for reports: completed assessments with chosen levels per block."""

from __future__ import annotations

import datetime as dt

from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import complete_assessment
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.clients.models import Client
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.services import hold_review
from sevenc.tenancy.access import Caller

# Level per block for the two quarters: most blocks improve, Clear gets worse.
Q2_LEVELS = {"CONT": 1, "COMP": 2, "CHRG": 1, "CONS": 0, "CTRL": 1, "CLEAR": 2, "COST": 1}
Q3_LEVELS = {"CONT": 3, "COMP": 2, "CHRG": 2, "CONS": 1, "CTRL": 1, "CLEAR": 1, "COST": 2}


def completed_assessment(
    client: Client,
    title: str,
    as_of: dt.date,
    levels: dict[str, int],
    notes: bool = True,
    framework_code: str = "7c",
) -> Assessment:
    framework = get_framework(framework_code)
    assessment = Assessment.objects.create(client=client, framework=framework, title=title, as_of=as_of)
    rows = []
    for item in Item.objects.filter(framework=framework).order_by("position"):
        level = levels.get(item.code.split(".")[0], 2)
        rows.append(
            Response(
                assessment=assessment,
                item=item,
                level=level,
                status=f"{item.title}: level {level} today." if notes else "",
                risk="Data could be lost for good." if notes and level <= 1 else "",
                solution="Put a named owner on it." if notes and level <= 1 else "",
            )
        )
    Response.objects.bulk_create(rows)
    return complete_assessment(actor=Caller.system(assessment.client.msp), assessment=assessment)


def hold(review: ReviewMeeting) -> ReviewMeeting:
    """Hold a review as the system would (the web test of holding signs in as a vCIO)."""
    return hold_review(actor=Caller.system(review.client.msp), review=review)
