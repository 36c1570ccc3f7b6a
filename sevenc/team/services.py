"""The MSP's team: members with a role (a client viewer tied to one client), invitations, role changes.
One transaction each."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sevenc.clients.models import Client
from sevenc.lib.errors import DomainError
from sevenc.lib.fields import clean_text
from sevenc.tenancy.models import Membership, Msp, Role
from sevenc.tenancy.scoping import Scope, scoped


class TeamError(DomainError):
    """A change to the team that cannot be made; `field` names the input at fault."""


def add_member(
    *,
    msp: Msp,
    username: str,
    email: str,
    role: str,
    password: str | None = None,
    client: Client | None = None,
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    if role not in Role.values:
        raise TeamError(f"{role!r} must be one of {', '.join(Role.values)}", field="role")
    if (role == Role.CLIENT_VIEWER) != (client is not None):
        raise TeamError("a client viewer needs exactly one client; other roles have none", field="client")
    if client is not None and client.msp_id != msp.pk:
        raise TeamError("not a client of this MSP", field="client")
    user_model = get_user_model()
    username = clean_text(user_model, "username", username, required=True)
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise TeamError("letters, digits and @ . + - _ only", field="username") from None
    email = clean_text(user_model, "email", email)
    first_name = clean_text(user_model, "first_name", first_name)
    last_name = clean_text(user_model, "last_name", last_name)
    with transaction.atomic():
        if user_model.objects.filter(username=username).exists():
            raise TeamError(f"{username!r} is taken", field="username")
        user: User = user_model.objects.create_user(  # type: ignore[attr-defined]
            username=username, email=email, password=password, first_name=first_name, last_name=last_name
        )
        return Membership.objects.create(user=user, msp=msp, role=role, client=client)


def create_msp_with_owner(*, name: str, username: str, email: str) -> Membership:
    """A new MSP and its first owner, who has no password yet (they choose one through a set-password link):
    how a fresh installation gets its first tenant. A name already in use is refused."""
    name = clean_text(Msp, "name", name, required=True)
    with transaction.atomic():
        if Msp.objects.select_for_update().filter(name=name).exists():
            raise TeamError(f"there is already an MSP called {name!r}", field="name")
        msp = Msp.objects.create(name=name)
        return add_member(msp=msp, username=username, email=email, role=Role.OWNER)


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
        raise TeamError("required to send the invitation", field="email")
    if client is not None and not scoped(Client, scope).filter(pk=client.pk).exists():
        raise TeamError("not a client of this MSP", field="client")
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
        raise TeamError(f"{role!r} must be one of {', '.join(Role.values)}", field="role")
    if (role == Role.CLIENT_VIEWER) != (client is not None):
        raise TeamError("a client viewer needs exactly one client; other roles have none", field="client")
    if client is not None and not scoped(Client, scope).filter(pk=client.pk).exists():
        raise TeamError("not a client of this MSP", field="client")
    with transaction.atomic():
        target = scoped(Membership, scope).select_for_update(of=("self",)).get(pk=membership.pk)
        owners = scoped(Membership, scope).filter(role=Role.OWNER).exclude(pk=target.pk)
        if target.role == Role.OWNER and role != Role.OWNER and not owners.exists():
            raise TeamError("the MSP must keep at least one owner", field="role")
        target.role = role
        target.client = client
        target.save(update_fields=["role", "client"])
        return target
