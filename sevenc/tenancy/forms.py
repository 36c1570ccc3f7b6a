"""Team forms (owner only): parse input; `sevenc.tenancy.team` makes the change."""

from __future__ import annotations

from django import forms

from sevenc.clients.models import Client
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import Scope, scoped


class _RoleFields(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VCIO)
    client: forms.ModelChoiceField[Client] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="— no client —",
        help_text="Only for a client viewer: whose scorecard",
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = scoped(Client, scope)  # type: ignore[attr-defined]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        is_viewer = data.get("role") == Role.CLIENT_VIEWER
        if is_viewer and not data.get("client"):
            self.add_error("client", "Choose the client this viewer may see.")
        if not is_viewer:
            data["client"] = None
        return data


class InviteForm(_RoleFields):
    username = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail")
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    field_order = ["first_name", "last_name", "username", "email", "role", "client"]


class RoleForm(_RoleFields):
    pass
