"""Goals workshop forms: they parse and check input; `sevenc.goals.services` makes the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet

from sevenc.assessments.models import Assessment
from sevenc.goals.gaps import BENEFIT_CHOICES
from sevenc.lib.bounds import CODE, LEVEL, NAME, NOTE, PERCENT
from sevenc.lib.forms import number_field, text_field

DATE = forms.DateInput(attrs={"type": "date"})


class BaselineChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} (ITCQ {obj.itcq_display})"


class StartWorkshopForm(forms.Form):
    baseline = BaselineChoice(
        queryset=Assessment.objects.none(), label="Baseline assessment", empty_label=None
    )
    held_on = forms.DateField(widget=DATE, label="Held on", initial=dt.date.today)
    target_date = forms.DateField(widget=DATE, required=False, label="Targets due")

    def __init__(self, *args: Any, baselines: QuerySet[Assessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["baseline"].queryset = baselines  # type: ignore[attr-defined]


class TargetsForm(forms.Form):
    """One target field per block (`block_<CODE>`), one optional item target, the target date."""

    item_code = text_field(CODE, label="Item target (code)")
    item_level = number_field(LEVEL, required=False, label="Level 0–4 (empty clears)")
    target_date = forms.DateField(widget=DATE, required=False, label="Targets due")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, blocks: Iterable[tuple[str, str]], **kwargs: Any) -> None:
        """`blocks`: (code, name) of the framework's blocks, in order."""
        super().__init__(*args, **kwargs)
        self.block_codes = []
        for code, name in blocks:
            self.block_codes.append(code)
            self.fields[f"block_{code}"] = number_field(
                PERCENT,
                required=False,
                label=f"Target for {name}",
                widget=forms.NumberInput(attrs={"aria-label": f"Target for {name}", "class": "num-input"}),
            )

    def block_targets(self) -> dict[str, float]:
        values = {code: self.cleaned_data.get(f"block_{code}") for code in self.block_codes}
        return {code: value for code, value in values.items() if value is not None}

    def item_targets(self) -> dict[str, int | None]:
        code = self.cleaned_data["item_code"]
        return {code: self.cleaned_data["item_level"]} if code else {}


class GoalForm(forms.Form):
    text = text_field(NOTE, required=True, label="Goal")
    benefit_group = forms.ChoiceField(choices=BENEFIT_CHOICES, label="Benefit group")
    owner = text_field(NAME, label="Owner")
    due_date = forms.DateField(widget=DATE, required=False, label="Due")
    blocks = forms.MultipleChoiceField(required=False, choices=(), widget=forms.CheckboxSelectMultiple)
    items = text_field(NOTE, label="Items it needs (codes, comma-separated)")

    def __init__(self, *args: Any, block_choices: Iterable[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["blocks"].choices = list(block_choices)  # type: ignore[attr-defined]

    def item_codes(self) -> list[str]:
        return [code.strip() for code in self.cleaned_data["items"].split(",") if code.strip()]
