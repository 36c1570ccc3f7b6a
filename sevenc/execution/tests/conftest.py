"""An approved roadmap with its work items, planned on a fixed day (whenever the tests run)."""

from __future__ import annotations

import datetime as dt

import pytest

from sevenc.execution.models import WorkItem
from sevenc.goals.tests.conftest import completed_assessment, workshop  # noqa: F401  (shared fixtures)
from sevenc.roadmap.services import approve_roadmap, optimise_roadmap, plan_quarters, propose_recommendations
from sevenc.tenancy.access import Caller

ON = dt.date(2026, 10, 5)


@pytest.fixture
def system(msp):
    return Caller.system(msp)


@pytest.fixture
def staff(owner, vcio, engineer):
    return {user.username: Caller.of_membership(user.membership) for user in (owner, vcio, engineer)}


@pytest.fixture
def approved(workshop, client_co, system, vcio):  # noqa: F811  (the shared fixture)
    client_co.vcio = vcio
    client_co.save()
    recs = propose_recommendations(workshop=workshop)
    policy, process = sorted(recs, key=lambda r: r.item.code)[:2]
    process.depends_on.set([policy])
    plan_quarters(client=client_co, after=ON, budget=20_000, capacity_hours=200, horizon=4)
    run = optimise_roadmap(actor=system, workshop=workshop, time_limit=2, on=ON)
    return approve_roadmap(actor=system, run=run, on=ON)


@pytest.fixture
def items(approved):
    return list(WorkItem.objects.filter(run=approved).select_related("recommendation").order_by("due"))
