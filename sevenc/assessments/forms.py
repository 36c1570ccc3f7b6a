"""Assessment forms: they parse and check input; `sevenc.assessments.services` makes the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django import forms
from django.contrib.auth import get_user_model

from sevenc.assessments.exchange import NOTE_FIELDS
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope, scoped

LEVEL_CHOICES = [("", "Unanswered"), *[(str(n), str(n)) for n in range(5)], ("na", "N/A")]
NOTE_MAX = 5000


def quarter_title(day: dt.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def quarter_end(day: dt.date) -> dt.date:
    month = ((day.month - 1) // 3 + 1) * 3
    following = dt.date(day.year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class EngineerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):  # type: ignore[no-untyped-def]
        return obj.get_full_name() or obj.get_username()


class NewAssessmentForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="Unique per client, e.g. the quarter")
    as_of = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="As of")
    assigned_engineer = EngineerChoiceField(
        queryset=None, required=False, label="Engineer", empty_label="— none (the vCIO fills it) —"
    )
    prefill = forms.BooleanField(
        required=False,
        initial=True,
        label="Start from the previous assessment's answers and notes",
    )

    def __init__(  # type: ignore[no-untyped-def]
        self, *args, scope: Scope, today: dt.date, has_previous: bool, taken: Collection[str] = (), **kwargs
    ) -> None:
        day = today
        while quarter_title(day) in taken:  # suggest the first quarter without an assessment yet
            day = quarter_end(day) + dt.timedelta(days=1)
        kwargs.setdefault("initial", {"title": quarter_title(day), "as_of": quarter_end(day)})
        super().__init__(*args, **kwargs)
        engineers = scoped(Membership, scope).filter(role=Role.ENGINEER).values("user_id")
        field = self.fields["assigned_engineer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = get_user_model().objects.filter(pk__in=engineers).order_by("first_name", "username")
        if not has_previous:
            del self.fields["prefill"]


class ResponseForm(forms.Form):
    level = forms.ChoiceField(choices=LEVEL_CHOICES, required=False)
    status = forms.CharField(required=False, max_length=NOTE_MAX)
    risk = forms.CharField(required=False, max_length=NOTE_MAX)
    solution = forms.CharField(required=False, max_length=NOTE_MAX)
    evidence = forms.CharField(required=False, max_length=NOTE_MAX)

    def answer(self) -> tuple[int | None, bool]:
        raw = self.cleaned_data["level"]
        if raw == "na":
            return None, True
        return (int(raw) if raw else None), False

    def notes(self, allowed: tuple[str, ...]) -> dict[str, str]:
        """Only the note fields the caller may write and actually sent (a missing field is left alone)."""
        return {key: self.cleaned_data[key] for key in NOTE_FIELDS if key in allowed and key in self.data}


class CompareForm(forms.Form):
    a = forms.IntegerField()
    b = forms.IntegerField()
