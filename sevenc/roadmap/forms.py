"""Roadmap forms: they parse and check input; `sevenc.roadmap.services` makes the change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from sevenc.lib.bounds import CODE, HOURS, LONG_TEXT, MONEY, NAME, QUARTERS, TITLE
from sevenc.lib.forms import number_field, text_field
from sevenc.roadmap.models import DeliveredBy, Priority, QuarterPlan, Recommendation


class _Costs(forms.Form):
    one_time_cost = number_field(MONEY, initial=0, label="One-time cost")
    monthly_cost = number_field(MONEY, initial=0, label="Monthly cost")
    effort_hours = number_field(HOURS, initial=0, label="Effort (hours)")
    delivered_by = forms.ChoiceField(
        choices=DeliveredBy.choices, initial=DeliveredBy.MSP, label="Delivered by"
    )
    partner_name = text_field(NAME, label="Partner or vendor name")


class RecommendationForm(_Costs):
    title = text_field(TITLE, required=True)
    description = text_field(LONG_TEXT, textarea=True)
    initiative_theme = text_field(
        NAME, label="Initiative (theme)", widget=forms.TextInput(attrs={"list": "themes"})
    )
    priority = forms.TypedChoiceField(choices=Priority.choices, coerce=int, initial=Priority.MEDIUM)
    pin_quarter = forms.ChoiceField(required=False, label="Pinned quarter")
    excluded = forms.BooleanField(required=False, label="Exclude from the roadmap")
    depends_on = forms.ModelMultipleChoiceField(
        queryset=Recommendation.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    field_order = [
        "title",
        "description",
        "initiative_theme",
        "one_time_cost",
        "monthly_cost",
        "effort_hours",
    ]

    def __init__(
        self, *args: Any, siblings: QuerySet[Recommendation], quarters: QuerySet[QuarterPlan], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = siblings  # type: ignore[attr-defined]
        self.fields["depends_on"].label_from_instance = lambda r: f"{r.item.code} {r.title}"  # type: ignore[attr-defined]
        self.fields["pin_quarter"].choices = [  # type: ignore[attr-defined]
            ("", "— let the optimiser choose —"),
            *[(q.label, q.label) for q in quarters],
        ]

    @classmethod
    def initial_of(cls, rec: Recommendation) -> dict[str, Any]:
        return {
            "title": rec.title,
            "description": rec.description,
            "initiative_theme": rec.initiative.theme if rec.initiative else "",
            "one_time_cost": rec.one_time_cost,
            "monthly_cost": rec.monthly_cost,
            "effort_hours": rec.effort_hours,
            "delivered_by": rec.delivered_by,
            "partner_name": rec.partner_name,
            "priority": rec.priority,
            "pin_quarter": rec.pin_quarter,
            "excluded": rec.excluded,
            "depends_on": list(rec.depends_on.all()),
            "version": rec.version,
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Recommendation.Status.choices)
    next = forms.ChoiceField(
        choices=[("execution", "execution"), ("recommendations", "recommendations")], required=False
    )


class QuartersForm(forms.Form):
    budget = number_field(MONEY, label="One-time budget per quarter")
    capacity_hours = number_field(HOURS, label="Capacity (hours) per quarter")
    recurring_ceiling = number_field(MONEY, required=False, label="Recurring ceiling per quarter (optional)")
    horizon = number_field(QUARTERS, initial=8, label="Quarters")


class LibraryForm(_Costs):
    item = text_field(CODE, required=True, label="Item code")
    title = text_field(TITLE, required=True)
    description = text_field(LONG_TEXT, textarea=True, rows=2)
    field_order = ["item", "title", "description"]


class QuarterForm(forms.Form):
    """One quarter's limits, edited on the roadmap page."""

    budget = number_field(MONEY, label="One-time budget")
    capacity_hours = number_field(HOURS, label="Capacity (hours)")
    recurring_ceiling = number_field(MONEY, required=False, label="Recurring ceiling")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class YearBudgetForm(forms.Form):
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2200, widget=forms.HiddenInput)
    total = number_field(MONEY, label="One-time budget for the fiscal year")


class FrontierForm(forms.Form):
    factors = forms.CharField(
        max_length=200,
        initial="0.5, 0.75, 1, 1.25, 1.5",
        label="Budget factors",
        help_text="Each scales every quarter's one-time budget; capacity and recurring ceiling stay.",
    )

    def clean_factors(self) -> list[float]:
        values = []
        for n, part in enumerate(p.strip() for p in self.cleaned_data["factors"].split(",")):
            try:
                values.append(float(part))
            except ValueError:
                raise forms.ValidationError(f"factor {n + 1}: {part!r} is not a number") from None
        return values


class AdoptForm(forms.Form):
    factor = forms.FloatField()


class ProjectForm(_Costs):
    title = text_field(TITLE, required=True)
    description = text_field(LONG_TEXT, textarea=True, rows=2)
    items = text_field(LONG_TEXT, label="Items it raises (codes, comma-separated, optional)")
    pin_quarter = forms.ChoiceField(required=False, label="Pinned quarter")
    excluded = forms.BooleanField(required=False, label="Exclude from the roadmap")
    after_recommendations = forms.ModelMultipleChoiceField(
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Done only after these recommendations",
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    field_order = ["title", "description", "one_time_cost", "monthly_cost", "effort_hours", "items"]

    def __init__(
        self,
        *args: Any,
        recommendations: QuerySet[Recommendation],
        quarters: QuerySet[QuarterPlan],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["delivered_by"], self.fields["partner_name"]
        self.fields["after_recommendations"].queryset = recommendations  # type: ignore[attr-defined]
        self.fields["after_recommendations"].label_from_instance = lambda r: f"{r.item.code} {r.title}"  # type: ignore[attr-defined]
        self.fields["pin_quarter"].choices = [  # type: ignore[attr-defined]
            ("", "— let the optimiser choose —"),
            *[(q.label, q.label) for q in quarters],
        ]  # type: ignore[attr-defined]

    def item_codes(self) -> list[str]:
        return [code.strip() for code in self.cleaned_data["items"].split(",") if code.strip()]
