"""Who the trail names: the signed-in user on the web, a labelled command on the CLI, "system" otherwise —
and nothing a person types can pass for another actor."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from typer.testing import CliRunner

from sevenc.audit.context import acting, os_user
from sevenc.audit.models import Event
from sevenc.cli.main import app
from sevenc.clients.models import Client
from sevenc.team.services import add_member
from sevenc.tenancy.models import Role
from tests.fixtures import PASSWORD

DOC = {
    "framework": "7c",
    "client": "Acme Dental",
    "as_of": "2026-09-30",
    "title": "2026 Q3",
    "responses": [{"item": "CONT.1.1", "level": 3}],
}


def _client_form(client: Client, **changes):  # type: ignore[no-untyped-def]
    return {
        "name": client.name,
        "seats": client.seats,
        "vertical": client.vertical,
        "fiscal_year_start_month": client.fiscal_year_start_month,
        "version": client.version,
        **changes,
    }


def test_a_change_through_the_web_names_the_signed_in_user(client, owner, client_co):
    client.force_login(owner)
    response = client.post(reverse("client_edit", args=[client_co.pk]), _client_form(client_co, seats=50))
    assert response.status_code == 302
    event = Event.objects.get(model="clients.client", action="changed")
    assert (event.actor_id, event.actor_label, event.via) == (owner.pk, "owner", "web")
    assert event.changes == {"seats": [42, 50]}


def test_a_user_named_like_a_command_is_still_recorded_as_that_user_through_the_web(client, msp, client_co):
    forger = add_member(
        msp=msp, username="forger", email="f@example.com", role=Role.OWNER, password=PASSWORD
    ).user
    forger.first_name, forger.last_name = "cli: sevenc", "import (OS user root)"
    forger.save()
    client.force_login(forger)
    client.post(reverse("client_edit", args=[client_co.pk]), _client_form(client_co, seats=7))
    event = Event.objects.get(model="clients.client", action="changed")
    assert event.via == "web" and event.actor_id == forger.pk
    assert event.actor_label == "cli: sevenc import (OS user root) (forger)"  # their name, and who they are


def test_a_label_cannot_be_given_for_a_user_and_a_web_change_needs_a_user(owner):
    with pytest.raises(ValueError), acting(user=owner, label="cli: sevenc import", via="web"):
        pass
    with pytest.raises(ValueError), acting(label="cli: sevenc import", via="api"):
        pass
    with pytest.raises(ValueError), acting(label="  ", via="cli"):
        pass


def test_the_cli_label_carries_the_operating_system_user(client_co):
    with acting(label="cli: sevenc import"):
        client_co.seats = 43
        client_co.save()
    event = Event.objects.get(model="clients.client", action="changed")
    assert (event.via, event.actor_id) == ("cli", None)
    assert event.actor_label == f"cli: sevenc import (OS user {os_user()})"


def test_without_an_actor_a_change_is_recorded_as_the_system(client_co):
    client_co.seats = 44
    client_co.save()
    event = Event.objects.get(model="clients.client", action="changed")
    assert (event.via, event.actor_label) == ("system", "system")


@pytest.mark.django_db
def test_sevenc_import_records_the_command_as_its_actor(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(DOC))
    result = CliRunner().invoke(app, ["import", str(path), "--msp", "Brightpath"])
    assert result.exit_code == 0, result.stderr
    events = Event.objects.filter(msp__name="Brightpath")
    assert {e.model for e in events} >= {"tenancy.msp", "clients.client", "assessments.assessment"}
    assert {(e.via, e.actor_label) for e in events} == {("cli", f"cli: sevenc import (OS user {os_user()})")}
    imported = events.get(model="assessments.assessment", action="changed")
    assert imported.changes == {"responses": [None, "1 imported from an exchange file"]}


def test_a_password_reset_by_link_is_recorded_as_not_signed_in_and_hides_the_password(client, owner):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    token = default_token_generator.make_token(owner)
    page = client.get(reverse("password_reset_confirm", args=[uid, token]), follow=True)
    new = "a-brand-new-passphrase"
    client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert get_user_model().objects.get(pk=owner.pk).check_password(new)
    event = Event.objects.get(model="auth.user", object_id=str(owner.pk), action="changed")
    assert (event.via, event.actor_label, event.msp_id) == ("web", "not signed in", owner.membership.msp_id)
    assert event.changes == {"password": ["(hidden)", "(changed)"]}


def test_a_change_through_the_api_names_the_tokens_user_through_the_api(owner, client_co):
    from sevenc.api.tests.helpers import api_as

    response = api_as(owner).patch(f"/clients/{client_co.pk}", {"seats": 55, "version": client_co.version})
    assert response.status_code == 200, response.content
    event = Event.objects.get(model="clients.client", action="changed")
    assert (event.actor_id, event.actor_label, event.via) == (owner.pk, "owner", "api")
    assert event.changes == {"seats": [42, 55]}
