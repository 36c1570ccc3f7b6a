"""The owner's team management: invite people with a role, change a role. One transaction each."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sevenc.clients.models import Client
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope, scoped
from sevenc.tenancy.services import TenancyError, add_member


def set_password_link(user: AbstractBaseUser) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)  # type: ignore[arg-type]
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL.rstrip("/") + path


def _send_invitation(membership: Membership, invited_by: str) -> None:
    user = membership.user
    send_mail(
        subject=f"You are invited to {membership.msp.name} on sevenc",
        message=(
            f"Hello {user.first_name or user.username},\n\n"
            f"{invited_by} invited you to {membership.msp.name} as {membership.get_role_display()}.\n"
            f"Your username is {user.username}. Choose your password here:\n\n"
            f"{set_password_link(user)}\n\nThe link works once and expires in a few days.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def invite_member(
    *,
    scope: Scope,
    username: str,
    email: str,
    role: str,
    client: Client | None = None,
    first_name: str = "",
    last_name: str = "",
    invited_by: str = "Your MSP",
) -> Membership:
    """Create the user without a usable password and e-mail them a link to choose one."""
    if not email.strip():
        raise TenancyError("email: required to send the invitation")
    if client is not None and not scoped(Client, scope).filter(pk=client.pk).exists():
        raise TenancyError("client: not a client of this MSP")
    with transaction.atomic():
        membership = add_member(
            msp=scope.msp,
            username=username.strip(),
            email=email.strip(),
            role=role,
            client=client,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
        transaction.on_commit(lambda: _send_invitation(membership, invited_by))
        return membership


def change_role(
    *, scope: Scope, membership: Membership, role: str, client: Client | None = None
) -> Membership:
    if role not in Role.values:
        raise TenancyError(f"role: {role!r} must be one of {', '.join(Role.values)}")
    if (role == Role.CLIENT_VIEWER) != (client is not None):
        raise TenancyError("client: a client viewer needs exactly one client; other roles have none")
    if client is not None and not scoped(Client, scope).filter(pk=client.pk).exists():
        raise TenancyError("client: not a client of this MSP")
    with transaction.atomic():
        target = scoped(Membership, scope).select_for_update().get(pk=membership.pk)
        owners = scoped(Membership, scope).filter(role=Role.OWNER).exclude(pk=target.pk)
        if target.role == Role.OWNER and role != Role.OWNER and not owners.exists():
            raise TenancyError("role: the MSP must keep at least one owner")
        target.role = role
        target.client = client
        target.save(update_fields=["role", "client"])
        return target
