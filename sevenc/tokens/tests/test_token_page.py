"""The API tokens page under a person's own settings: create (the secret shown once), list, revoke."""

from __future__ import annotations

from django.urls import reverse

from sevenc.tenancy.access import Caller
from sevenc.tokens.lookup import caller_for_token
from sevenc.tokens.models import ApiToken
from sevenc.tokens.services import create_token


def test_a_new_token_is_shown_once_and_then_only_listed(client, vcio):
    client.force_login(vcio)
    page = client.post(reverse("api_tokens"), {"name": "PSA sync"}).content.decode()
    token = ApiToken.objects.get(user=vcio, name="PSA sync")
    secret = page.split('id="new-secret" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith(token.prefix) and caller_for_token(secret).user == vcio
    again = client.get(reverse("api_tokens")).content.decode()
    assert "PSA sync" in again and secret not in again


def test_the_page_that_shows_a_secret_is_not_cached(client, vcio):
    client.force_login(vcio)
    response = client.post(reverse("api_tokens"), {"name": "x"})
    assert "no-store" in response["Cache-Control"]


def test_a_duplicate_name_is_shown_on_the_form(client, vcio):
    client.force_login(vcio)
    client.post(reverse("api_tokens"), {"name": "CI"})
    page = client.post(reverse("api_tokens"), {"name": "CI"}).content.decode()
    assert "already have a token called" in page
    assert ApiToken.objects.filter(user=vcio).count() == 1


def test_revoking_stops_the_token(client, vcio):
    token, secret = create_token(actor=Caller.of_membership(vcio.membership), name="old")
    client.force_login(vcio)
    client.post(reverse("api_token_revoke", args=[token.pk]))
    assert caller_for_token(secret) is None


def test_another_persons_token_cannot_be_revoked(client, vcio, owner):
    token, secret = create_token(actor=Caller.of_membership(owner.membership), name="owner's")
    client.force_login(vcio)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert caller_for_token(secret) is not None


def test_a_client_viewer_has_tokens_too(client, client_viewer, client_co):
    client.force_login(client_viewer)
    assert client.post(reverse("api_tokens"), {"name": "Power BI"}).status_code == 200
    assert ApiToken.objects.filter(user=client_viewer).count() == 1


def test_every_page_links_to_the_tokens_page(client, engineer):
    client.force_login(engineer)
    assert reverse("api_tokens") in client.get(reverse("my_work")).content.decode()
