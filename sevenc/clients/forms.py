"""Client forms: they parse and check input; `sevenc.clients.services` makes the change."""

from __future__ import annotations

import calendar

from django import forms

from sevenc.clients.models import Client, Vertical
from sevenc.clients.services import EDITABLE_FIELDS, vcio_queryset
from sevenc.lib.bounds import NAME, SEATS
from sevenc.lib.forms import number_field
from sevenc.tenancy.scoping import Scope

MONTHS = [(n, calendar.month_name[n]) for n in range(1, 13)]


class VcioChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):  # type: ignore[no-untyped-def]
        return obj.get_full_name() or obj.get_username()


class ClientForm(forms.Form):
    name = forms.CharField(max_length=NAME.max_length)
    seats = number_field(SEATS, required=False, help_text="Users/seats")
    vertical = forms.ChoiceField(choices=Vertical.choices, initial=Vertical.OTHER)
    fiscal_year_start_month = forms.TypedChoiceField(
        choices=MONTHS, coerce=int, initial=1, label="Fiscal year starts in"
    )
    primary_contact_name = forms.CharField(
        max_length=NAME.max_length, required=False, label="Primary contact"
    )
    primary_contact_email = forms.EmailField(required=False, label="Contact e-mail")
    vcio = VcioChoiceField(queryset=None, required=False, label="vCIO", empty_label="— unassigned —")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    next_review_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Next review"
    )

    def __init__(self, *args, scope: Scope, client: Client | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if client is not None and "initial" not in kwargs:
            # The vCIO by its id: the choice field wants the id, and reading the user would cost a query.
            kwargs["initial"] = {key: getattr(client, key) for key in EDITABLE_FIELDS if key != "vcio"} | {
                "vcio": client.vcio_id,
                "version": client.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["vcio"].queryset = vcio_queryset(scope)  # type: ignore[attr-defined]


class DeleteClientForm(forms.Form):
    confirm_name = forms.CharField(label="Type the client's name to confirm", max_length=NAME.max_length)
