"""Assessment forms: they parse and check input; `sevenc.assessments.services` makes the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from sevenc.assessments.exchange import NOTE_FIELDS
from sevenc.assessments.starting import DEFAULT_FRAMEWORK
from sevenc.catalogue.models import Framework
from sevenc.lib.bounds import NAME, NOTE
from sevenc.lib.forms import text_field
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope, scoped

LEVEL_CHOICES = [("", "Unanswered"), *[(str(n), str(n)) for n in range(5)], ("na", "N/A")]


def quarter_title(day: dt.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def quarter_end(day: dt.date) -> dt.date:
    month = ((day.month - 1) // 3 + 1) * 3
    following = dt.date(day.year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class EngineerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):  # type: ignore[no-untyped-def]
        return obj.get_full_name() or obj.get_username()


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):  # type: ignore[no-untyped-def]
        return f"{obj.name} ({obj.version})"


class NewAssessmentForm(forms.Form):
    framework = FrameworkChoiceField(
        queryset=Framework.objects.order_by("code", "-loaded_at"),
        required=False,  # none chosen: 7C
        empty_label=None,
        help_text="7C by default; NIST CSF 2.0, or any framework loaded with sevenc catalogue load",
    )
    title = forms.CharField(max_length=NAME.max_length, help_text="Unique per client, e.g. the quarter")
    as_of = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="As of")
    assigned_engineer = EngineerChoiceField(
        queryset=None, required=False, label="Engineer", empty_label="— none (the vCIO fills it) —"
    )
    prefill = forms.BooleanField(
        required=False,
        initial=True,
        label="Start from the previous assessment on the same framework (answers, notes, weights)",
    )

    def __init__(  # type: ignore[no-untyped-def]
        self, *args, scope: Scope, today: dt.date, has_previous: bool, taken: Collection[str] = (), **kwargs
    ) -> None:
        day = today
        while quarter_title(day) in taken:  # suggest the first quarter without an assessment yet
            day = quarter_end(day) + dt.timedelta(days=1)
        default = Framework.objects.filter(code=DEFAULT_FRAMEWORK).order_by("-loaded_at", "-pk").first()
        kwargs.setdefault(
            "initial", {"title": quarter_title(day), "as_of": quarter_end(day), "framework": default}
        )
        super().__init__(*args, **kwargs)
        engineers = scoped(Membership, scope).filter(role=Role.ENGINEER).values("user_id")
        field = self.fields["assigned_engineer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = get_user_model().objects.filter(pk__in=engineers).order_by("first_name", "username")
        if not has_previous:
            del self.fields["prefill"]


class ResponseForm(forms.Form):
    """One item's save. The page sends only the fields the user changed (`changed`, kept by
    assessment.js) and the version it read; without `changed` (no JavaScript) every posted field counts."""

    level = forms.ChoiceField(choices=LEVEL_CHOICES, required=False)
    status = text_field(NOTE)
    risk = text_field(NOTE)
    solution = text_field(NOTE)
    evidence = text_field(NOTE)
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    changed = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def changed_fields(self) -> set[str]:
        names = {"level", *NOTE_FIELDS}
        if self.data.get("changed") is None:
            return {name for name in names if name in self.data}
        return {name.strip() for name in self.cleaned_data["changed"].split(",")} & names

    def answer(self) -> dict[str, Any]:
        """Keyword arguments for `record_response`: the answer only when the level changed."""
        if "level" not in self.changed_fields():
            return {}
        raw = self.cleaned_data["level"]
        if raw == "na":
            return {"level": None, "na": True}
        return {"level": int(raw) if raw else None}

    def notes(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in NOTE_FIELDS if key in self.changed_fields()}


class CompareForm(forms.Form):
    a = forms.IntegerField()
    b = forms.IntegerField()
