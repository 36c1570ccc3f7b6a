from __future__ import annotations

from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The 6 digits your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )


class AuthenticatorCodeForm(CodeForm):
    """Confirming a new authenticator: only its 6 digits will do."""

    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        help_text="The 6 digits your authenticator app shows for sevenc.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
