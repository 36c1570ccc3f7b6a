from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error, form_errors_text
from sevenc.team.forms import InviteForm, RoleForm, client_choices
from sevenc.team.services import change_role, invite_member
from sevenc.tenancy.access import OWNERS, Caller, allow
from sevenc.tenancy.models import Membership
from sevenc.tenancy.scoping import get_scoped, scoped


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
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Invitation sent to {membership.user.email}.")
            return redirect("team")
    members = (
        scoped(Membership, caller.scope).select_related("user", "client").order_by("role", "user__username")
    )
    choices = client_choices(caller.scope)
    rows = [
        (
            m,
            RoleForm(
                scope=caller.scope,
                client_choices=choices,
                initial={"role": m.role, "client": m.client_id},
                prefix=f"m{m.pk}",
            ),
        )
        for m in members
    ]
    return render(request, "team/team.html", {"nav": "team", "form": form, "rows": rows})


@require_POST
@allow(*OWNERS)
def team_member(request: HttpRequest, caller: Caller, membership_pk: int) -> HttpResponse:
    membership = get_scoped(Membership, caller.scope, pk=membership_pk)
    form = RoleForm(request.POST, scope=caller.scope, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            change_role(scope=caller.scope, membership=membership, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{membership.user.get_username()} is now {form.cleaned_data['role']}.")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("team")
