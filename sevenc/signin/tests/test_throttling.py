"""Throttling: sign-in locked per account and per address after five failures (django-axes, in the database),
a growing cool-off, password-reset requests and failed API tokens limited per address."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from sevenc.signin import throttling, twofactor
from sevenc.signin.tests.helpers import code_of, is_signed_in, sign_in
from sevenc.tenancy.access import Caller
from sevenc.tokens.services import create_token
from tests.fixtures import PASSWORD

LIMIT = 5


def _fail(client, username: str, times: int, **extra):  # type: ignore[no-untyped-def]
    response = None
    for _ in range(times):
        response = sign_in(client, username, "wrong-password-123", **extra)
    return response


def test_four_wrong_passwords_then_the_right_one_signs_in(client, vcio):
    assert _fail(client, "vcio", LIMIT - 1).status_code == 200
    sign_in(client, "vcio")
    assert is_signed_in(client)


def test_the_fifth_failure_locks_the_account_with_a_clear_message_and_the_right_password_waits(client, vcio):
    response = _fail(client, "vcio", LIMIT)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-ins" in text and "locked for 15 minutes" in text
    assert 'name="username"' in text  # the sign-in form, not a bare error page
    response = sign_in(client, "vcio")  # twenty wrong, then the right one: still no
    assert response.status_code == 429 and not is_signed_in(client)


def test_an_account_is_locked_from_every_address(client, vcio):
    _fail(client, "vcio", LIMIT, REMOTE_ADDR="203.0.113.1")
    response = sign_in(client, "vcio", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429 and not is_signed_in(client)


def test_an_address_trying_many_accounts_is_locked_for_all_of_them(client, vcio, engineer):
    for username in ("a", "b", "c", "d", "e"):
        _fail(client, username, 1, REMOTE_ADDR="203.0.113.9")
    response = sign_in(client, "engineer", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429 and not is_signed_in(client)
    sign_in(client, "engineer", REMOTE_ADDR="198.51.100.1")  # another address: the account is fine
    assert is_signed_in(client)


def test_the_lockout_is_kept_in_the_database_for_every_app_server(client, vcio):
    _fail(client, "vcio", LIMIT)
    assert sum(a.failures_since_start for a in AccessAttempt.objects.filter(username="vcio")) == LIMIT


def test_the_cool_off_grows_while_failures_go_on(client, vcio):
    request = RequestFactory().post("/login/", {"username": "vcio"})
    assert throttling.cool_off(request) == dt.timedelta(minutes=15)
    _fail(client, "vcio", 2 * LIMIT)
    assert throttling.cool_off(request) == dt.timedelta(minutes=30)
    response = _fail(client, "vcio", LIMIT)
    assert "locked for 60 minutes" in response.content.decode()


def test_wrong_second_step_codes_count_as_failed_sign_ins(client, vcio):
    device = twofactor.start_enrolment(vcio)
    twofactor.confirm_enrolment(vcio, code_of(device))
    sign_in(client, "vcio")
    for _ in range(LIMIT - 1):
        assert client.post(reverse("signin_code"), {"code": "000000"}).status_code == 400
    response = client.post(reverse("signin_code"), {"code": "000000"})
    assert response.status_code == 429 and b"Too many failed sign-ins" in response.content
    # the half-way state is gone, and the right code no longer helps
    response = client.post(reverse("signin_code"), {"code": code_of(device, 1)})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not is_signed_in(client)


def test_the_test_clients_login_without_a_request_is_not_throttled(client, vcio):
    _fail(client, "vcio", LIMIT)
    assert client.login(username="vcio", password=PASSWORD)  # no request: no web sign-in to throttle


def test_password_reset_requests_are_limited_per_e_mail_address(client, vcio):
    url = reverse("password_reset")
    for _ in range(3):
        assert client.post(url, {"email": "vcio@example.com"}).status_code == 302
    response = client.post(url, {"email": "vcio@example.com"})
    assert response.status_code == 429
    assert b"Too many password-reset requests" in response.content
    assert len(mail.outbox) == 3


def test_password_reset_requests_are_limited_per_address(client, db):
    url = reverse("password_reset")
    for n in range(5):
        assert client.post(url, {"email": f"nobody{n}@example.com"}).status_code == 302
    assert client.post(url, {"email": "someone@example.com"}).status_code == 429
    other = client.post(url, {"email": "someone@example.com"}, REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 302


@pytest.fixture
def token(vcio) -> str:
    return create_token(actor=Caller.of_membership(vcio.membership), name="ci")[1]


def test_failed_api_tokens_from_an_address_get_429_in_the_api_error_shape(client, token):
    for n in range(10):
        bad = client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer sevenc_wrong{n}")
        assert bad.status_code == 401
    response = client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 429
    body = response.json()
    assert set(body) == {"detail", "field"} and body["detail"].startswith("Too many failed API tokens")
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    elsewhere = client.get(
        "/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR="198.51.100.3"
    )
    assert elsewhere.status_code == 200


def test_good_tokens_are_never_counted(client, token):
    for _ in range(15):
        assert client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.1"),  # no proxy: the header is the client's own text, never trusted
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # one proxy: the address it appended
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
    ],
)
def test_the_client_address_behind_proxies_is_the_one_the_outermost_trusted_proxy_saw(
    settings, proxies, forwarded, expected
):
    settings.SEVENC_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert throttling.client_address(request) == expected


def test_a_request_without_an_address_or_with_a_forged_one_gets_the_unspecified_address(settings):
    """A test client's login() and management commands have no address; axes stores it in an inet column."""
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert throttling.client_address(request) == "0.0.0.0"
    settings.SEVENC_PROXY_COUNT = 1
    forged = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert throttling.client_address(forged) == "0.0.0.0"
