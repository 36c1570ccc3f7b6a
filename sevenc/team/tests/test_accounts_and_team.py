import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from sevenc.tenancy.models import Membership, Role
from tests.fixtures import PASSWORD


def test_passwords_are_hashed_with_argon2_in_production(db):
    from sevenc.config import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = get_user_model().objects.create_user(username="hashed", password="correct-horse-battery")
    assert user.password.startswith("argon2")


def test_signing_in_leads_to_the_portfolio_and_signing_out_back_to_sign_in(client, owner):
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.url == "/"
    assert client.get("/").status_code == 200
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    assert client.get("/").status_code == 302


def test_a_wrong_password_is_a_form_error(client, owner):
    response = client.post(reverse("login"), {"username": "owner", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def _link(message: str) -> str:
    match = re.search(r"https?://[^/\s]+(/password-reset/[^\s]+/)", message)
    assert match, message
    return match.group(1)


def test_password_reset_by_email_sets_a_new_password(client, owner):
    client.post(reverse("password_reset"), {"email": "owner@example.com"})
    assert len(mail.outbox) == 1
    form_url = client.get(_link(mail.outbox[0].body), follow=True).redirect_chain[-1][0]
    new = "a-brand-new-passphrase"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert client.login(username="owner", password=new)


def test_the_owner_invites_a_vcio_who_sets_a_password_from_the_email(
    client, owner, msp, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("team"),
            {"username": "newvcio", "email": "new@example.com", "first_name": "Nia", "role": Role.VCIO},
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="newvcio")
    assert (membership.msp, membership.role, membership.user.has_usable_password()) == (msp, Role.VCIO, False)
    assert "as vCIO" in mail.outbox[0].body
    client.logout()
    form_url = client.get(_link(mail.outbox[0].body), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "welcome-aboard-2026", "new_password2": "welcome-aboard-2026"})
    assert client.login(username="newvcio", password="welcome-aboard-2026")


def test_a_client_viewer_invitation_needs_a_client(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("team"), {"username": "v2", "email": "v2@example.com", "role": Role.CLIENT_VIEWER}
    )
    assert "Choose the client" in response.content.decode()
    assert not get_user_model().objects.filter(username="v2").exists()


def test_a_taken_username_is_a_form_error(client, owner, vcio):
    client.force_login(owner)
    response = client.post(reverse("team"), {"username": "vcio", "email": "x@example.com", "role": Role.VCIO})
    assert "is taken" in " ".join(response.context["form"].errors["username"])


def test_the_owner_changes_a_role(client, owner, engineer):
    client.force_login(owner)
    membership = Membership.objects.get(user=engineer)
    client.post(reverse("team_member", args=[membership.pk]), {f"m{membership.pk}-role": Role.VCIO})
    membership.refresh_from_db()
    assert membership.role == Role.VCIO


def test_the_last_owner_cannot_demote_themselves(client, owner):
    client.force_login(owner)
    membership = Membership.objects.get(user=owner)
    client.post(reverse("team_member", args=[membership.pk]), {f"m{membership.pk}-role": Role.VCIO})
    membership.refresh_from_db()
    assert membership.role == Role.OWNER


def test_only_the_owner_manages_the_team(client, vcio):
    client.force_login(vcio)
    assert client.get(reverse("team")).status_code == 403
