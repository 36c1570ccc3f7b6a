"""A work item can be the client's share: owned by one of its parties from the responsibility matrix, shown
by name, listed by `sevenc worklist`, and chased by the client's vCIO through the reminders."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.execution.models import WorkItem
from sevenc.execution.reminders import reminders
from sevenc.execution.services import update_work_item
from sevenc.lib.errors import DomainError
from sevenc.raci.models import Party
from sevenc.raci.services import start_matrix


@pytest.fixture
def it_manager(client_co, system):
    start_matrix(actor=system, client=client_co, template="co-managed")
    return Party.objects.filter(client=client_co, kind="internal", is_ceo=False).first()


def _give(item, owner, actor):  # type: ignore[no-untyped-def]
    return update_work_item(
        actor=actor, item=item, start=item.start, due=item.due, estimated_hours=4, owner=owner
    )


def test_the_vcio_gives_a_work_item_to_a_client_party_on_its_page(client, vcio, items, it_manager):
    item = items[0]
    client.force_login(vcio)
    page = client.get(reverse("work_item", args=[item.pk])).content.decode()
    assert "The client&#x27;s parties" in page and f'value="p{it_manager.pk}"' in page
    response = client.post(
        reverse("work_item", args=[item.pk]),
        {
            "owner": f"p{it_manager.pk}",
            "start": item.start.isoformat(),
            "due": item.due.isoformat(),
            "estimated_hours": "4",
            "version": item.version,
        },
    )
    assert response.status_code == 302
    saved = WorkItem.objects.get(pk=item.pk)
    assert saved.owner_party == it_manager and saved.owner is None
    assert it_manager.name in client.get(reverse("work_item", args=[item.pk])).content.decode()


def test_a_party_of_another_client_cannot_own_the_work(items, staff, other_client, system):
    start_matrix(actor=system, client=other_client, template="co-managed")
    stranger = Party.objects.filter(client=other_client).first()
    with pytest.raises(DomainError, match="is not a party of") as refused:
        _give(items[0], stranger, staff["vcio"])
    assert refused.value.field == "owner"
    assert WorkItem.objects.get(pk=items[0].pk).owner_party is None


def test_an_owner_that_is_not_offered_is_a_form_error(client, vcio, items, it_manager):
    item = items[0]
    client.force_login(vcio)
    form = {"start": item.start.isoformat(), "due": item.due.isoformat(), "estimated_hours": "4"}
    response = client.post(reverse("work_item", args=[item.pk]), {**form, "owner": "p999999"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert WorkItem.objects.get(pk=item.pk).version == item.version


def test_party_owned_work_is_listed_by_party_name_and_chased_by_the_vcio(items, staff, it_manager, msp, vcio):
    today = timezone.localdate()
    WorkItem.objects.filter(pk=items[0].pk).update(start=today, due=today, owner=None)
    _give(WorkItem.objects.get(pk=items[0].pk), it_manager, staff["vcio"])
    rows = json.loads(CliRunner().invoke(app, ["worklist", "--msp", msp.name, "--json"]).stdout)
    assert {"title": items[0].title, "owner": it_manager.name}.items() <= next(
        row for row in rows if row["title"] == items[0].title
    ).items()
    found = {r.to: r for r in reminders([msp], today)}
    assert vcio.email in found
    assert f"owned by {it_manager.name}" in found[vcio.email].body()
