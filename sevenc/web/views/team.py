from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sevenc.tenancy.forms import InviteForm, RoleForm
from sevenc.tenancy.models import Membership
from sevenc.tenancy.scoping import get_scoped, scoped
from sevenc.tenancy.services import TenancyError
from sevenc.tenancy.team import change_role, invite_member
from sevenc.web.access import OWNERS, Caller, allow


def _add_error(form: InviteForm, error: TenancyError) -> None:
    """Attach a service error to the field it names ("email: …", "username 'x' is taken")."""
    field, sep, message = str(error).partition(": ")
    if sep and field in form.fields:
        form.add_error(field, message)
    elif str(error).startswith("username"):
        form.add_error("username", str(error))
    else:
        form.add_error(None, str(error))


@allow(*OWNERS)
def team(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = InviteForm(request.POST or None, scope=caller.scope)
    if request.method == "POST" and form.is_valid():
        try:
            membership = invite_member(
                scope=caller.scope,
                invited_by=caller.user.get_full_name() or caller.user.get_username(),  # type: ignore[attr-defined]
                **form.cleaned_data,
            )
        except TenancyError as error:
            _add_error(form, error)
        else:
            messages.success(request, f"Invitation sent to {membership.user.email}.")
            return redirect("team")
    members = (
        scoped(Membership, caller.scope).select_related("user", "client").order_by("role", "user__username")
    )
    rows = [
        (m, RoleForm(scope=caller.scope, initial={"role": m.role, "client": m.client_id}, prefix=f"m{m.pk}"))
        for m in members
    ]
    return render(request, "web/team.html", {"nav": "team", "form": form, "rows": rows})


@allow(*OWNERS)
def team_member(request: HttpRequest, caller: Caller, membership_pk: int) -> HttpResponse:
    membership = get_scoped(Membership, caller.scope, pk=membership_pk)
    if request.method != "POST":
        return redirect("team")
    form = RoleForm(request.POST, scope=caller.scope, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            change_role(scope=caller.scope, membership=membership, **form.cleaned_data)
        except TenancyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{membership.user.get_username()} is now {form.cleaned_data['role']}.")
    else:
        messages.error(
            request, "; ".join(" ".join(str(e) for e in errors) for errors in form.errors.values())
        )
    return redirect("team")
