"""Responsibility matrix forms: they parse and check input; `sevenc.raci.services` / `areas` make the change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from sevenc.lib.bounds import CODE, NAME, NOTE, TITLE
from sevenc.lib.forms import text_field
from sevenc.raci.catalogue import load_catalogue
from sevenc.raci.matrix import BLOCKS
from sevenc.raci.models import KIND_CHOICES
from sevenc.raci.parties import STANDARD_PARTIES
from sevenc.raci.templates import load_templates

DATE = forms.DateInput(attrs={"type": "date"})


def version_field() -> forms.IntegerField:
    """The version the form was read at, sent back so a save against a newer one is refused."""
    return forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class StartMatrixForm(forms.Form):
    template = forms.ChoiceField(label="Start from", widget=forms.RadioSelect)
    parties = forms.MultipleChoiceField(
        label="Parties the client has",
        widget=forms.CheckboxSelectMultiple,
        help_text="A template fills only the parties the client has; a missing one shows up as a gap.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        templates = load_templates()
        self.fields["template"].choices = [  # type: ignore[attr-defined]
            (t.code, f"{t.name}: {t.description}") for t in templates.values()
        ]
        self.fields["template"].initial = next(iter(templates))
        self.fields["parties"].choices = [  # type: ignore[attr-defined]
            (p.code, f"{p.code} — {p.role}") for p in STANDARD_PARTIES
        ]
        self.fields["parties"].initial = [p.code for p in STANDARD_PARTIES]


class PartyForm(forms.Form):
    code = text_field(CODE, label="Code", help_text="Short and unique, e.g. SOFTWARE-2; it never changes")
    name = text_field(NAME, required=True, label="Name")
    kind = forms.ChoiceField(choices=KIND_CHOICES, label="Kind")
    role = text_field(NAME, label="Role or vendor type")
    contact = text_field(NAME, label="Contact")
    contract = text_field(NAME, label="Contract / SLA reference")
    renewal = forms.DateField(widget=DATE, required=False, label="Renewal date")
    ceo = forms.BooleanField(required=False, label="This party is the CEO")
    version = version_field()

    def __init__(self, *args: Any, adding: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if adding:
            self.fields["code"].required = True
        else:
            del self.fields["code"]

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data[key] for key in ("name", "kind", "role", "contact", "contract", "renewal", "ceo")}


class CellForm(forms.Form):
    """One cell save from the grid: which area × party, the letters typed, the version read."""

    area = text_field(CODE, required=True)
    party = text_field(CODE, required=True)
    letters = forms.CharField(required=False, max_length=12, strip=True)
    version = forms.IntegerField(min_value=0)


class CsvImportForm(forms.Form):
    file = forms.FileField(label="Matrix CSV", help_text="The layout of the CSV export (docs/formats.md)")


def _duty_choices() -> list[tuple[str, str]]:
    duties = load_catalogue().duties
    return [
        ("", "None: the area starts empty in new matrices"),
        *((k, f"{k}: {v}") for k, v in duties.items()),
    ]


class AreaForm(forms.Form):
    code = text_field(
        CODE, label="Code", help_text="Your own code, e.g. X-CCTV-01 (not RA-…); it never changes"
    )
    title = text_field(TITLE, required=True, label="Duty", help_text="A concrete, checkable duty")
    block = forms.ChoiceField(choices=[(b, b) for b in BLOCKS], label="Block")
    items = text_field(NOTE, required=True, label="7C items it serves (codes, comma-separated)")
    critical = forms.BooleanField(required=False, label="Critical: neglect stops or endangers the business")
    duty = forms.ChoiceField(required=False, label="Template category")
    version = version_field()

    def __init__(self, *args: Any, adding: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duty"].choices = _duty_choices()  # type: ignore[attr-defined]
        if adding:
            self.fields["code"].required = True
        else:
            del self.fields["code"]

    def item_codes(self) -> list[str]:
        return [code.strip() for code in self.cleaned_data["items"].split(",") if code.strip()]


class GridFilterForm(forms.Form):
    """The grid's filters (GET): one block, some parties, only the rows with findings."""

    block = forms.ChoiceField(required=False, label="Block")
    party = forms.MultipleChoiceField(required=False, label="Parties", widget=forms.CheckboxSelectMultiple)
    findings = forms.BooleanField(required=False, label="Only areas with findings")

    def __init__(self, *args: Any, parties: Iterable[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [("", "All blocks"), *((b, b) for b in BLOCKS)]  # type: ignore[attr-defined]
        self.fields["party"].choices = list(parties)  # type: ignore[attr-defined]

    def filters(self) -> tuple[str, list[str], bool]:
        if not self.is_valid():
            return "", [], False
        data = self.cleaned_data
        return data["block"], data["party"], data["findings"]
