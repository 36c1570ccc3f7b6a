"""Approval plans the work; work items move along their workflow, keep their dates consistent with their
dependencies, and never lose an update."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

import pytest

from sevenc.execution.models import WorkItem
from sevenc.execution.services import (
    add_note,
    add_task,
    set_task_done,
    set_work_status,
    update_work_item,
)
from sevenc.lib.errors import Conflict, DomainError, NotAllowed
from sevenc.lib.records import RecordFinal
from sevenc.roadmap.models import QuarterPlan, Recommendation
from sevenc.roadmap.services import approve_roadmap, optimise_roadmap


def test_approval_turns_each_scheduled_recommendation_into_a_dated_owned_work_item(approved, items, vcio):
    scheduled = [rid for rid, label in approved.schedule.items() if label]
    assert len(items) == len(scheduled) >= 2
    for item in items:
        quarter = QuarterPlan.objects.get(client=item.client, label=item.quarter)
        assert quarter.start <= item.start <= item.due <= quarter.end
        assert item.owner == vcio and item.status == "planned"
        assert item.estimated_hours == item.recommendation.effort_hours
        assert item.recommendation.due_date == item.due
    first_quarter = [i for i in items if i.quarter == items[0].quarter]
    assert len({i.due for i in first_quarter}) == len(first_quarter)  # spread, not all on quarter-end


def test_a_prerequisite_is_due_before_its_dependant_starts(items):
    by_rec = {item.recommendation_id: item for item in items}
    for item in items:
        for prerequisite in item.recommendation.depends_on.all():
            if prerequisite.pk in by_rec:
                assert by_rec[prerequisite.pk].due < item.start


def test_the_workflow_moves_the_recommendation_along_and_done_is_final(items, staff):
    item = items[0]
    engineer = staff["engineer"]
    item = set_work_status(actor=engineer, item=item, status="in_progress")
    assert Recommendation.objects.get(pk=item.recommendation_id).status == "in_progress"
    with pytest.raises(NotAllowed):
        set_work_status(actor=engineer, item=item, status="deferred")  # the vCIO's call
    item = set_work_status(actor=engineer, item=item, status="done")
    rec = Recommendation.objects.get(pk=item.recommendation_id)
    assert rec.status == "done" and rec.completed_at is not None
    with pytest.raises(Conflict, match="no further change"):
        set_work_status(actor=staff["vcio"], item=item, status="in_progress")
    with pytest.raises(RecordFinal):
        update_work_item(actor=staff["vcio"], item=item, start=item.start, due=item.due, estimated_hours=1)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"due": -1}, "due", "is before the start"),
        ({"estimated_hours": True}, "estimated_hours", "true is not a number"),
        ({"estimated_hours": Decimal("10000000")}, "estimated_hours", "out of range"),
        ({"status": "finished"}, "status", "'finished' is not one of"),
    ],
)
def test_bad_edits_are_refused_naming_the_field_and_nothing_changes(items, staff, change, field, message):
    item = items[0]
    if "status" in change:
        change_it = functools.partial(
            set_work_status, actor=staff["vcio"], item=item, status=change["status"]
        )
    else:
        due = item.start + dt.timedelta(days=change.get("due", 3))
        hours = change.get("estimated_hours", 5)
        change_it = functools.partial(
            update_work_item, actor=staff["vcio"], item=item, start=item.start, due=due, estimated_hours=hours
        )
    with pytest.raises(DomainError, match=message) as refused:
        change_it()
    assert refused.value.field == field
    stored = WorkItem.objects.get(pk=item.pk)
    assert (stored.due, stored.status, stored.version) == (item.due, item.status, item.version)


def test_an_unknown_owner_is_refused(items, staff, outsider, client_viewer):
    for stranger in (outsider, client_viewer):
        with pytest.raises(DomainError, match="must be an owner, vCIO or engineer") as refused:
            update_work_item(
                actor=staff["vcio"],
                item=items[0],
                start=items[0].start,
                due=items[0].due,
                estimated_hours=4,
                owner=stranger,
            )
        assert refused.value.field == "owner"


def test_a_dependant_cannot_start_before_its_prerequisite_is_due(items, staff):
    by_rec = {item.recommendation_id: item for item in items}
    dependant = next(i for i in items if i.recommendation.depends_on.filter(pk__in=by_rec).exists())
    prerequisite = by_rec[dependant.recommendation.depends_on.first().pk]
    with pytest.raises(DomainError, match="starts before its prerequisite") as refused:
        update_work_item(
            actor=staff["vcio"], item=dependant, start=prerequisite.due, due=dependant.due, estimated_hours=4
        )
    assert refused.value.field == "start"
    with pytest.raises(DomainError, match="which depends on it"):
        update_work_item(
            actor=staff["vcio"],
            item=prerequisite,
            start=prerequisite.start,
            due=dependant.start,
            estimated_hours=4,
        )


def test_two_people_changing_one_item_do_not_lose_an_update(items, staff):
    item = items[0]
    read_by_both = item.version
    update_work_item(
        actor=staff["vcio"],
        item=item,
        start=item.start,
        due=item.due,
        estimated_hours=12,
        expected_version=read_by_both,
    )
    with pytest.raises(Conflict, match="changed by someone else"):
        set_work_status(
            actor=staff["engineer"], item=item, status="in_progress", expected_version=read_by_both
        )
    assert WorkItem.objects.get(pk=item.pk).status == "planned"


def test_ticking_the_last_task_offers_to_finish_the_item(items, staff):
    item = items[0]
    first = add_task(actor=staff["engineer"], item=item, title="Order the NAS")
    second = add_task(actor=staff["engineer"], item=item, title="Configure the nightly job")
    assert set_task_done(actor=staff["engineer"], task=first, done=True) is False
    assert set_task_done(actor=staff["engineer"], task=second, done=True) is True
    note = add_note(actor=staff["engineer"], item=item, text="Ran the first restore test")
    assert note.author == staff["engineer"].user
    with pytest.raises(DomainError, match="title: required"):
        add_task(actor=staff["engineer"], item=item, title="  ")


def test_a_replan_keeps_work_under_way_and_closes_what_it_drops(approved, items, workshop, system):
    started = set_work_status(actor=system, item=items[0], status="in_progress")
    Recommendation.objects.filter(pk=items[-1].recommendation_id).update(excluded=True)
    later = dt.date(2026, 11, 2)
    run = optimise_roadmap(actor=system, workshop=workshop, time_limit=2, on=later)
    approve_roadmap(actor=system, run=run, on=later)
    started.refresh_from_db()
    assert (started.status, started.start, started.due) == ("in_progress", items[0].start, items[0].due)
    dropped = WorkItem.objects.get(pk=items[-1].pk)
    assert dropped.status == "deferred" and dropped.closed_at is not None
    assert "does not schedule it" in dropped.notes.first().text
    with pytest.raises(Conflict, match="belongs to a roadmap that was replaced"):
        set_work_status(actor=system, item=dropped, status="planned")
