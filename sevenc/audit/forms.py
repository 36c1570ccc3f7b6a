"""The History pages' filters: client (MSP page only), person, kind of object, action and a date range."""

from __future__ import annotations

from typing import Any

from django import forms

from sevenc.audit.queries import NOBODY, Filters, actions, kinds
from sevenc.clients.models import Client
from sevenc.tenancy.models import Membership
from sevenc.tenancy.scoping import Scope, scoped


class HistoryFilter(forms.Form):
    client = forms.ModelChoiceField(
        queryset=Client.objects.none(), required=False, empty_label="Every client"
    )
    person = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(required=False, label="Kind of object")
    action = forms.ChoiceField(required=False)
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data: Any, *, scope: Scope, with_client: bool) -> None:
        super().__init__(data)
        if with_client:
            self.fields["client"].queryset = scoped(Client, scope).order_by("name")  # type: ignore[attr-defined]
        else:
            del self.fields["client"]
        people = scoped(Membership, scope).select_related("user").order_by("user__username")
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", "Everyone"),
            *((str(m.user_id), m.user.get_full_name() or m.user.get_username()) for m in people),
            *NOBODY.items(),
        ]
        self.fields["kind"].choices = [("", "Every kind"), *kinds()]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", "Every action"), *((a, a) for a in actions())]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "must not be before the start of the range")
        return data

    def filters(self, *, client: Client | None = None) -> Filters:
        """The valid filters (a refused one is left out and shown with its error)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        chosen = client or data.get("client")
        return Filters(
            client_id=chosen.pk if chosen is not None else None,
            person=data.get("person") or "",
            kind=data.get("kind") or "",
            action=data.get("action") or "",
            since=data.get("since"),
            until=data.get("until") if "until" not in self.errors else None,
        )
