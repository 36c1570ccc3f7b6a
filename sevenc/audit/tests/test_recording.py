"""What one change writes to the trail: who, through what, which object, and each field before → after."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from sevenc.assessments.services import complete_assessment, record_response
from sevenc.audit.context import acting
from sevenc.audit.models import Event
from sevenc.audit.services import record
from sevenc.clients.services import create_client, delete_client, update_client
from sevenc.goals.services import add_goal, delete_goal
from sevenc.lib.errors import NotAllowed
from sevenc.tenancy.access import Caller
from sevenc.web.tests.worlds import completed_assessment, draft_assessment


def _events(**lookup):  # type: ignore[no-untyped-def]
    return list(Event.objects.filter(**lookup).order_by("pk"))


def _edit(scope, client, **changes):  # type: ignore[no-untyped-def]
    fields = {
        "name": client.name,
        "seats": client.seats,
        "vertical": client.vertical,
        "fiscal_year_start_month": client.fiscal_year_start_month,
        **changes,
    }
    return update_client(scope=scope, client=client, **fields)


def test_an_edit_records_exactly_the_fields_that_changed_before_and_after(scope, client_co, owner):
    with acting(user=owner, via="web"):
        _edit(scope, client_co, name="Acme Dental Group", seats=45, vertical="healthcare")
    [event] = _events(model="clients.client", action="changed")
    assert event.changes == {
        "name": ["Acme Dental", "Acme Dental Group"],
        "seats": [42, 45],
        "vertical": ["Dental", "Healthcare"],  # a choice is recorded by its label
    }
    assert (event.actor_id, event.actor_label, event.via) == (owner.pk, "owner", "web")
    assert (event.msp_id, event.client_id, event.client_name) == (
        client_co.msp_id,
        client_co.pk,
        "Acme Dental Group",
    )
    assert (event.object_id, event.object_name) == (str(client_co.pk), "Acme Dental Group")


def test_a_save_that_changes_nothing_records_nothing(scope, client_co):
    before = Event.objects.count()
    _edit(scope, client_co)  # the version moves, which is bookkeeping, not a change
    assert Event.objects.count() == before


def test_a_created_row_records_its_starting_values_and_a_related_row_by_name(scope, vcio):
    client = create_client(scope=scope, name="Harbor Freight", seats=20, vcio=vcio)
    [event] = _events(model="clients.client", object_id=str(client.pk))
    assert event.action == "created"
    assert event.changes["name"] == [None, "Harbor Freight"]
    assert event.changes["seats"] == [None, 20]
    assert event.changes["vcio"] == [None, "vcio"]
    assert "version" not in event.changes and "created_at" not in event.changes


def test_a_response_records_level_and_note_with_the_item_code_as_its_name(msp, client_co):
    draft = draft_assessment(client_co)
    system = Caller.system(msp)
    record_response(
        actor=system, assessment=draft, item_code="CONT.1.1", level=2, notes={"risk": "No offsite copy"}
    )
    record_response(actor=system, assessment=draft, item_code="CONT.1.1", level=3)
    changed = _events(model="assessments.response", action="changed")
    assert [e.changes for e in changed] == [
        {"level": [None, 2], "risk": ["", "No offsite copy"]},
        {"level": [2, 3]},
    ]
    assert changed[0].object_name == "CONT.1.1 in 2026 Q4"
    assert changed[0].client_name == "Acme Dental"


def test_completing_an_assessment_is_recorded_as_completed_not_changed(msp, client_co):
    draft = draft_assessment(client_co)
    complete_assessment(actor=Caller.system(msp), assessment=draft)
    [event] = _events(model="assessments.assessment", object_id=str(draft.pk), action="completed")
    assert event.changes["status"] == ["Draft", "Completed"]


def _fail_after(change):  # type: ignore[no-untyped-def]
    """Make `change` in a transaction that then fails; returns how many events existed just before failing."""
    seen = []
    try:
        with transaction.atomic():
            change()
            seen.append(Event.objects.count())
            raise RuntimeError("the request failed after the save")
    except RuntimeError:
        pass
    return seen[0]


def test_a_change_rolled_back_leaves_no_event(scope, client_co):
    before = Event.objects.count()
    inside = _fail_after(lambda: _edit(scope, client_co, seats=99))
    assert inside == before + 1  # written inside the change's transaction …
    assert Event.objects.count() == before  # … and gone with it
    client_co.refresh_from_db()
    assert client_co.seats == 42


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_in_a_real_transaction_leaves_no_event(msp, client_co):
    before = Event.objects.count()
    scope = Caller.system(msp).scope
    assert _fail_after(lambda: _edit(scope, client_co, name="Renamed", seats=1)) == before + 1
    assert Event.objects.count() == before
    assert not Event.objects.filter(object_name="Renamed").exists()


def test_deleting_a_client_records_one_event_not_one_per_row_it_takes_along(scope, client_co):
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    before = Event.objects.count()
    delete_client(scope=scope, client=client_co, confirm_name="Acme Dental")
    [event] = Event.objects.all()[: Event.objects.count() - before]
    assert (event.action, event.model, event.object_name) == ("deleted", "clients.client", "Acme Dental")
    assert event.changes["seats"] == [42, None]
    # the client's history outlives it: its events keep their client id and name
    assert Event.objects.filter(client_id=client_co.pk, model="assessments.response").exists()


def test_a_deleted_goal_keeps_its_text_and_many_to_many_changes_are_named(client_co):
    assessment = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    from sevenc.goals.services import start_workshop

    workshop = start_workshop(client=client_co, baseline=assessment, held_on=dt.date(2026, 10, 5))
    goal = add_goal(
        workshop=workshop, text="Stay open", benefit_group="continuity", block_codes=["CONT", "COMP"]
    )
    [linked] = _events(model="goals.goal", action="changed")
    assert linked.changes == {"blocks": [[], ["COMP", "CONT"]]}
    delete_goal(goal=goal)
    [gone] = _events(model="goals.goal", action="deleted")
    assert gone.changes["text"] == ["Stay open", None]


def test_an_explicit_record_keeps_readable_values_and_skips_an_empty_change(client_co):
    record(client_co, "changed", {"due": (dt.date(2026, 1, 2).isoformat(), "2026-02-01")})
    record(client_co, "changed", {"due": ("same", "same")})
    [event] = _events(model="clients.client", action="changed")
    assert event.changes == {"due": ["2026-01-02", "2026-02-01"]}


def test_an_event_cannot_be_edited_or_deleted(client_co):
    event = Event.objects.filter(model="clients.client").first()
    event.action = "nothing happened"
    with pytest.raises(NotAllowed):
        event.save()
    with pytest.raises(NotAllowed):
        event.delete()


def test_within_one_block_a_renamed_client_is_named_as_it_is_now(scope, client_co):
    draft = draft_assessment(client_co)
    with acting(label="cli: sevenc import"):
        draft.title = "2026 Q4 a"
        draft.save()  # the block reads the client's name once …
        _edit(scope, client_co, name="Acme Renamed")
        draft.title = "2026 Q4 b"
        draft.save()  # … and a rename in the same block is what the next event says
    names = [e.client_name for e in _events(model="assessments.assessment", action="changed")]
    assert names == ["Acme Dental", "Acme Renamed"]
