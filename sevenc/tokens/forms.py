"""The new-token form: it parses; `sevenc.tokens.services.create_token` makes the token."""

from __future__ import annotations

from django import forms

from sevenc.lib.bounds import NAME
from sevenc.lib.forms import text_field


class TokenForm(forms.Form):
    name = text_field(NAME, required=True, help_text="What it is for, e.g. “PSA sync” or “Power BI”.")
    expires_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Expires on",
        help_text="Optional: the token stops working on this day.",
    )
