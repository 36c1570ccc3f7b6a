"""Review forms: they parse and check input; `sevenc.reports.services` makes the change."""

from __future__ import annotations

from django import forms

from sevenc.lib.bounds import LONG_TEXT, NAME

LINES_HELP = "One per line."


class ReviewForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Meeting date")
    title = forms.CharField(
        max_length=NAME.max_length, required=False, help_text='Leave empty for "Quarterly business review".'
    )
    attendees = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT.max_length,
        help_text=LINES_HELP,
    )
    agenda = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT.max_length,
        help_text=LINES_HELP,
    )
    decisions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT.max_length,
        help_text=LINES_HELP,
    )
    next_steps = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT.max_length,
        help_text=LINES_HELP,
        label="Next steps",
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
