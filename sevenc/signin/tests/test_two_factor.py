"""Two-factor sign-in: enrolment on the Security page, the second step, recovery codes, the MSP's rule."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sevenc.audit.models import Event
from sevenc.signin import twofactor
from sevenc.signin.tests.helpers import code_of, is_signed_in, sign_in

CODES = 10


def _enrol(user) -> tuple[TOTPDevice, list[str]]:  # type: ignore[no-untyped-def]
    device = twofactor.start_enrolment(user)
    return device, twofactor.confirm_enrolment(user, code_of(device))


@pytest.fixture
def no_device_slowdown(settings):  # type: ignore[no-untyped-def]
    """django-otp slows a device down after a wrong code (1 s, 2 s …); these tests type the right one next."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def test_enrolment_shows_a_qr_code_drawn_by_sevenc_and_the_secret_then_ten_recovery_codes_once(client, vcio):
    client.force_login(vcio)
    assert b"Set up two-factor sign-in" in client.get(reverse("two_factor")).content
    client.post(reverse("two_factor_start"))
    page = client.get(reverse("two_factor")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page  # an image served inline: no external QR service
    device = TOTPDevice.objects.get(user=vcio)
    assert not device.confirmed
    assert twofactor.secret_text(device) in page

    response = client.post(reverse("two_factor_confirm"), {"code": code_of(device)})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == CODES and len(set(codes)) == CODES
    assert all(code in response.content.decode() for code in codes)
    assert response["Cache-Control"].startswith("max-age=0")
    device.refresh_from_db()
    assert device.confirmed
    after = client.get(reverse("two_factor")).content.decode()
    assert "10 recovery codes left" in after and codes[0] not in after  # shown once
    assert Event.objects.filter(action="two-factor enrolled", object_name__contains="vcio").exists()


def test_a_wrong_code_does_not_confirm_the_enrolment(client, vcio):
    client.force_login(vcio)
    client.post(reverse("two_factor_start"))
    response = client.post(reverse("two_factor_confirm"), {"code": "000000"})
    assert response.status_code == 400
    assert b"That code is not right" in response.content
    assert not twofactor.is_enrolled(vcio)


def test_sign_in_asks_for_the_code_after_the_password_and_nothing_is_open_before_it(client, vcio):
    device, _ = _enrol(vcio)
    response = sign_in(client, "vcio")
    assert response.status_code == 302 and response["Location"] == reverse("signin_code")
    assert not is_signed_in(client)
    assert client.get(reverse("portfolio")).status_code == 302  # to the sign-in page
    assert client.get("/api/v1/clients").status_code == 401
    response = client.post(reverse("signin_code"), {"code": code_of(device, steps_ahead=1)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert is_signed_in(client)
    assert client.get(reverse("portfolio")).status_code == 200


def test_a_wrong_code_does_not_sign_in(client, vcio):
    _enrol(vcio)
    sign_in(client, "vcio")
    response = client.post(reverse("signin_code"), {"code": "123456"})
    assert response.status_code == 400
    assert b"That code is not right" in response.content
    assert not is_signed_in(client)


def test_a_recovery_code_signs_in_once(client, vcio, no_device_slowdown):
    _, codes = _enrol(vcio)
    sign_in(client, "vcio")
    assert client.post(reverse("signin_code"), {"code": codes[3].upper()}).status_code == 302
    assert is_signed_in(client)
    assert twofactor.recovery_codes_left(vcio) == CODES - 1
    client.logout()
    sign_in(client, "vcio")
    response = client.post(reverse("signin_code"), {"code": codes[3]})
    assert response.status_code == 400 and not is_signed_in(client)


def test_the_second_step_without_a_password_first_sends_back_to_sign_in(client, vcio):
    device, _ = _enrol(vcio)
    response = client.post(reverse("signin_code"), {"code": code_of(device, 1)})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not is_signed_in(client)


def test_new_recovery_codes_replace_the_old_ones(client, vcio, no_device_slowdown):
    _, old = _enrol(vcio)
    client.force_login(vcio)
    new = client.post(reverse("two_factor_recovery_codes")).context["codes"]
    assert set(new).isdisjoint(old)
    assert twofactor.verify(vcio, old[0]) is None
    assert twofactor.verify(vcio, new[0]) is not None
    assert Event.objects.filter(action="recovery codes regenerated").exists()


def test_turning_two_factor_off_needs_a_current_code_and_is_audited(client, vcio, no_device_slowdown):
    device, _ = _enrol(vcio)
    client.force_login(vcio)
    assert client.post(reverse("two_factor_disable"), {"code": "999999"}).status_code == 400
    assert twofactor.is_enrolled(vcio)
    assert client.post(reverse("two_factor_disable"), {"code": code_of(device, 1)}).status_code == 302
    assert not twofactor.is_enrolled(vcio)
    assert Event.objects.filter(action="two-factor disabled").exists()
    client.logout()
    sign_in(client, "vcio")
    assert is_signed_in(client)  # the password alone again


def test_the_msp_requirement_sends_an_owner_without_a_device_to_enrolment_first(client, msp, owner):
    msp.require_two_factor = True
    msp.save()
    response = sign_in(client, "owner")
    assert response["Location"] == reverse("signin_enrol")
    assert not is_signed_in(client)
    for blocked in (reverse("portfolio"), reverse("two_factor"), reverse("admin:index")):
        assert client.get(blocked).status_code == 302
        assert not is_signed_in(client)
    page = client.get(reverse("signin_enrol"))
    assert b"data:image/svg+xml;base64," in page.content
    device = TOTPDevice.objects.get(user=owner, confirmed=False)
    assert client.post(reverse("signin_enrol"), {"code": "000000"}).status_code == 400
    response = client.post(reverse("signin_enrol"), {"code": code_of(device)})
    assert response.status_code == 200 and len(response.context["codes"]) == CODES
    assert is_signed_in(client)
    assert twofactor.next_step(owner) == "code"  # from now on: the code after the password


def test_the_requirement_is_for_owners_and_vcios_only(client, msp, engineer):
    msp.require_two_factor = True
    msp.save()
    sign_in(client, "engineer")
    assert is_signed_in(client)


def test_a_required_second_factor_cannot_be_turned_off(client, msp, owner):
    device, _ = _enrol(owner)
    msp.require_two_factor = True
    msp.save()
    client.force_login(owner)
    response = client.post(reverse("two_factor_disable"), {"code": code_of(device, 1)})
    assert response.status_code == 400 and b"requires two-factor" in response.content
    assert twofactor.is_enrolled(owner)


def test_owners_set_the_requirement_on_the_msp_settings_page_and_it_is_audited(client, msp, owner):
    client.force_login(owner)
    url = reverse("admin:tenancy_msp_change", args=[msp.pk])
    assert b"require_two_factor" in client.get(url).content
    data = {
        "name": msp.name,
        "brand_color": msp.brand_color,
        "accent_color": msp.accent_color,
        "currency": msp.currency,
        "logo_svg": "",
        "require_two_factor": "on",
    }
    assert client.post(url, data).status_code == 302
    msp.refresh_from_db()
    assert msp.require_two_factor
    event = Event.objects.filter(model="tenancy.msp", action="changed").latest("at")
    assert "require_two_factor" in event.changes and event.actor == owner


def test_the_admin_has_no_sign_in_page_of_its_own(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_api_tokens_stay_the_non_interactive_path(client, msp, vcio):
    from sevenc.tenancy.access import Caller
    from sevenc.tokens.services import create_token

    _enrol(vcio)
    msp.require_two_factor = True
    msp.save()
    secret = create_token(actor=Caller.of_membership(vcio.membership), name="ci")[1]
    assert client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
