"""Execution forms: they parse and check input; `sevenc.execution.services` makes the change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from sevenc.clients.models import Client
from sevenc.execution.models import Meeting, WorkItem
from sevenc.lib.bounds import HOURS, LONG_TEXT, NOTE, TITLE
from sevenc.lib.forms import number_field, text_field

DATE = forms.DateInput(attrs={"type": "date"})


class WorkItemForm(forms.Form):
    """The owner is a person of the MSP ("u<id>") or one of the client's parties ("p<id>")."""

    owner = forms.ChoiceField(required=False)
    start = forms.DateField(widget=DATE)
    due = forms.DateField(widget=DATE)
    estimated_hours = number_field(HOURS, label="Estimated hours")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: QuerySet[Any], parties: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._owners = {f"u{p.pk}": p for p in people} | {f"p{p.pk}": p for p in parties}
        groups: list[Any] = [("", "— no owner —")]
        groups.append(("Your team", [(f"u{p.pk}", p.get_full_name() or p.get_username()) for p in people]))
        if parties:
            groups.append(
                (
                    "The client's parties",
                    [(f"p{p.pk}", f"{p.name} ({p.get_kind_display()})") for p in parties],
                )
            )
        self.fields["owner"].choices = groups  # type: ignore[attr-defined]

    def clean_owner(self) -> Any:
        return self._owners.get(self.cleaned_data.get("owner") or "")

    @staticmethod
    def owner_key(item: WorkItem) -> str:
        if item.owner_id:
            return f"u{item.owner_id}"
        return f"p{item.owner_party_id}" if item.owner_party_id else ""

    @classmethod
    def initial_of(cls, item: WorkItem) -> dict[str, Any]:
        return {
            "owner": cls.owner_key(item),
            "start": item.start,
            "due": item.due,
            "estimated_hours": item.estimated_hours,
            "version": item.version,
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=WorkItem.Status.choices)
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class TaskForm(forms.Form):
    title = text_field(TITLE, required=True, label="New task")


class TaskDoneForm(forms.Form):
    done = forms.BooleanField(required=False)


class NoteForm(forms.Form):
    text = text_field(NOTE, required=True, textarea=True, rows=2, label="Progress note")


class MeetingForm(forms.Form):
    cadence = forms.ChoiceField(choices=Meeting.Cadence.choices, widget=forms.HiddenInput)
    date = forms.DateField(widget=forms.HiddenInput)
    agenda = text_field(LONG_TEXT, widget=forms.HiddenInput)
    decisions = text_field(LONG_TEXT, textarea=True, rows=3, help_text="One per line.")
    notes = text_field(LONG_TEXT, textarea=True, rows=3)
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class WorklistFilter(forms.Form):
    client = forms.ModelChoiceField(queryset=Client.objects.none(), required=False, empty_label="All clients")
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Open (planned, in progress, blocked)"), *WorkItem.Status.choices],
    )
    owner = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, clients: QuerySet[Client], people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients  # type: ignore[attr-defined]
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            ("", "Me"),
            ("all", "Everyone"),
            *[(str(p.pk), p.get_full_name() or p.get_username()) for p in people],
        ]
