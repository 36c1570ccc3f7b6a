import datetime as dt

import pytest
from django.db.models import RestrictedError

from sevenc.assessments.services import create_assessment
from sevenc.clients.models import Client
from sevenc.clients.services import delete_client
from sevenc.goals.models import Goal, Workshop
from sevenc.goals.services import GoalError, add_goal, gap_analysis, set_targets, start_workshop
from sevenc.lib.errors import DomainError
from sevenc.lib.records import RecordFinal
from sevenc.tenancy.scoping import Scope, scoped


def test_gap_analysis_uses_the_workshop_targets(workshop):
    analysis = gap_analysis(workshop)
    gaps = analysis.gap_index()
    # CONT target 75 → level 3 for every CONT item; COST.1.1 has its own target of 2.
    assert (gaps["CONT.1.1"].current_level, gaps["CONT.1.1"].target_level) == (1, 3)
    assert "CONT.1.3" not in gaps  # already at 3
    assert gaps["COST.1.1"].target_level == 2
    assert "CONT.1.4" in analysis.assess_first


def test_a_workshop_needs_a_completed_assessment_of_the_same_client(
    client_co, other_client, completed_assessment
):
    draft = create_assessment(client=client_co, title="draft", as_of=dt.date(2026, 12, 31))
    with pytest.raises(GoalError, match="complete the assessment first"):
        start_workshop(client=client_co, baseline=draft, held_on=dt.date(2026, 10, 5))
    with pytest.raises(GoalError, match="same client"):
        start_workshop(client=other_client, baseline=completed_assessment, held_on=dt.date(2026, 10, 5))


def test_bad_targets_change_nothing(workshop):
    with pytest.raises(
        DomainError, match=r"targets.blocks\['CONT'\]: 130 is out of range: give a number from 0 to 100"
    ):
        set_targets(workshop=workshop, block_targets={"CONT": 130, "COST": 50})
    assert dict(workshop.block_targets.values_list("block__code", "score")) == {"CONT": 75}


def test_goal_links_blocks_and_items_and_a_benefit_group(workshop):
    goal = add_goal(
        workshop=workshop,
        text="Never lose a day of patient records",
        benefit_group="continuity",
        owner="Dr. Maria Keller",
        due_date=dt.date(2027, 6, 30),
        block_codes=["CONT"],
        item_codes=["CONT.1.1", "CONT.1.5"],
    )
    assert [b.code for b in goal.blocks.all()] == ["CONT"]
    assert sorted(i.code for i in goal.items.all()) == ["CONT.1.1", "CONT.1.5"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": " ", "benefit_group": "sales"}, "text: required"),
        ({"text": "Grow", "benefit_group": "luck"}, "benefit_group: 'luck' is not one of"),
        ({"text": "Grow", "benefit_group": "sales", "item_codes": ["NOPE.1"]}, "unknown block or item code"),
    ],
)
def test_bad_goal_is_refused_and_nothing_stored(workshop, kwargs, message):
    with pytest.raises(DomainError, match=message):
        add_goal(workshop=workshop, **kwargs)
    assert not workshop.goals.exists()


def test_other_msps_cannot_see_a_workshop(workshop, other_msp, msp):
    assert scoped(Workshop, Scope(other_msp)).count() == 0
    assert scoped(Workshop, Scope(msp)).get() == workshop
    assert scoped(Goal, Scope(other_msp)).count() == 0


def test_a_client_with_a_workshop_can_still_be_deleted_whole(client_co, workshop, scope):
    delete_client(scope=scope, client=client_co, confirm_name=client_co.name)
    assert not Client.objects.filter(pk=client_co.pk).exists()


def test_a_workshops_baseline_cannot_be_deleted_on_its_own(workshop):
    with pytest.raises(RecordFinal):  # a completed assessment is final; RESTRICT backs it in the database
        workshop.baseline.delete()
    with pytest.raises(RestrictedError):
        type(workshop.baseline).objects.filter(pk=workshop.baseline.pk).delete()
