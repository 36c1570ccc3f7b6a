import datetime as dt

import pytest

from sevenc.assessments.services import complete_assessment, create_assessment, record_response
from sevenc.goals.services import set_targets, start_workshop
from sevenc.tenancy.access import Caller

BASELINE_LEVELS = {"CONT.1.1": 1, "CONT.1.2": 0, "CONT.1.3": 3, "CONT.2.1": 2, "COST.1.1": 1}


@pytest.fixture
def completed_assessment(client_co, spec7c):
    assessment = create_assessment(client=client_co, title="2026 Q3 review", as_of=dt.date(2026, 9, 30))
    for code, level in BASELINE_LEVELS.items():
        record_response(
            actor=Caller.system(client_co.msp),
            assessment=assessment,
            item_code=code,
            level=level,
            notes={"solution": f"Fix {code}"},
        )
    return complete_assessment(actor=Caller.system(client_co.msp), assessment=assessment)


@pytest.fixture
def workshop(client_co, completed_assessment):
    workshop = start_workshop(client=client_co, baseline=completed_assessment, held_on=dt.date(2026, 10, 5))
    return set_targets(workshop=workshop, block_targets={"CONT": 75}, item_targets={"COST.1.1": 2})
