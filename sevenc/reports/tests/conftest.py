"""Report fixtures: a client with two completed quarterly assessments and a planned review."""

from __future__ import annotations

import datetime as dt

import pytest

from sevenc.assessments.models import Assessment
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.services import plan_review
from sevenc.reports.tests.factories import Q2_LEVELS, Q3_LEVELS, completed_assessment


@pytest.fixture
def history(client_co) -> tuple[Assessment, Assessment]:
    q2 = completed_assessment(client_co, "2026 Q2", dt.date(2026, 6, 30), Q2_LEVELS)
    q3 = completed_assessment(client_co, "2026 Q3", dt.date(2026, 9, 30), Q3_LEVELS)
    return q2, q3


@pytest.fixture
def planned(client_co, history) -> ReviewMeeting:
    return plan_review(
        client=client_co,
        date=dt.date(2026, 10, 14),
        attendees="Dr. Maria Keller (CEO)\nVictor Chen (vCIO)",
        agenda="Q3 results\nBudget 2027",
        decisions="Approve the offsite backup project",
        next_steps="Victor sends the backup proposal by 31 October",
    )
