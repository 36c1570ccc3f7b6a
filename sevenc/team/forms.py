"""Team forms (owner only): parse input; `sevenc.team.services` makes the change."""

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

    def __init__(
        self, *args, scope: Scope, client_choices: list[tuple[object, str]] | None = None, **kwargs
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = scoped(Client, scope)  # type: ignore[attr-defined]
        if client_choices is not None:  # read once for a page of many forms: no query per form
            self.fields["client"].choices = client_choices  # type: ignore[attr-defined]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        is_viewer = data.get("role") == Role.CLIENT_VIEWER
        if is_viewer and not data.get("client"):
            self.add_error("client", "Choose the client this viewer may see.")
        if not is_viewer:
            data["client"] = None
        return data


def client_choices(scope: Scope) -> list[tuple[object, str]]:
    """The client select's options, for `_RoleFields(client_choices=…)`."""
    return [("", "— no client —"), *((c.pk, str(c)) for c in scoped(Client, scope).only("pk", "name"))]


class InviteForm(_RoleFields):
    username = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail")
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    field_order = ["first_name", "last_name", "username", "email", "role", "client"]


class RoleForm(_RoleFields):
    pass
