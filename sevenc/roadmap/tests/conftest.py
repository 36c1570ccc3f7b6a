import copy

import pytest

from sevenc.catalogue.spec import packaged_framework
from sevenc.goals.tests.conftest import completed_assessment, workshop  # noqa: F401  (shared fixtures)

BASE_PLAN = {
    "framework": "7c",
    "client": "Acme Dental",
    "as_of": "2026-09-30",
    "title": "2026 Q3 review",
    "responses": [
        {"item": "CONT.1.1", "level": 1},
        {"item": "CONT.1.2", "level": 0},
        {"item": "CONT.1.3", "level": 2},
        {"item": "CONT.2.1", "level": 3},
        {"item": "COST.1.1", "level": 1},
        {"item": "COST.1.2", "na": True},
    ],
    "targets": {"blocks": {"CONT": 80}, "items": {"COST.1.1": 3}},
    "recommendations": [
        {
            "id": "backup-policy",
            "item": "CONT.1.1",
            "one_time_cost": 1500,
            "monthly_cost": 0,
            "effort_hours": 12,
        },
        {
            "id": "backup-process",
            "item": "CONT.1.2",
            "one_time_cost": 2500,
            "monthly_cost": 150,
            "effort_hours": 24,
            "depends_on": ["backup-policy"],
        },
        {"id": "backup-owners", "item": "CONT.1.3", "one_time_cost": 0, "monthly_cost": 0, "effort_hours": 4},
        {
            "id": "it-budget",
            "item": "COST.1.1",
            "one_time_cost": 800,
            "effort_hours": 16,
            "pin_quarter": None,
        },
    ],
    "quarters": [
        {"label": "FY2027 Q1", "budget": 3000, "capacity_hours": 30, "recurring_ceiling": 600},
        {"label": "FY2027 Q2", "budget": 3000, "capacity_hours": 30, "recurring_ceiling": None},
        {"label": "FY2027 Q3", "budget": 3000, "capacity_hours": 30},
    ],
}


@pytest.fixture
def plan_doc() -> dict:
    return copy.deepcopy(BASE_PLAN)


@pytest.fixture
def resolve():
    spec = packaged_framework("7c")
    return lambda code, version: spec
