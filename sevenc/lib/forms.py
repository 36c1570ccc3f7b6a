"""Form helpers shared by every domain: domain errors onto forms, and form fields from the bounded kinds.

A view parses input with a form, calls one service, and on `DomainError` hands the error to
`add_domain_error`, which puts it on the field it names (or above the form). Number and text fields are
built from `sevenc.lib.bounds`, so a form refuses exactly what the service, the file formats and the
database refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from sevenc.lib.bounds import Number, Text
from sevenc.lib.errors import DomainError

T = TypeVar("T")


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the field it names, else as a non-field error."""
    if error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, str(error))


def form_errors_text(form: forms.Form) -> str:
    """All of a form's errors on one line (for a flash message or an htmx status)."""
    parts = []
    for field, errors in form.errors.items():
        text = " ".join(str(e) for e in errors)
        parts.append(text if field == "__all__" else f"{field}: {text}")
    return "; ".join(parts)


def number_field(kind: Number, **kwargs: Any) -> forms.Field:
    """A form field for a bounded number kind, with its range (and decimals) as the kind defines."""
    bounds: dict[str, Any] = {"min_value": kind.minimum, "max_value": kind.maximum}
    if kind.places == 0:
        return forms.IntegerField(min_value=int(kind.minimum), max_value=int(kind.maximum), **kwargs)
    if kind.places is None:
        return forms.FloatField(min_value=float(kind.minimum), max_value=float(kind.maximum), **kwargs)
    return forms.DecimalField(max_digits=kind.max_digits, decimal_places=kind.places, **bounds, **kwargs)


def text_field(kind: Text, *, textarea: bool = False, rows: int = 3, **kwargs: Any) -> forms.CharField:
    kwargs.setdefault("required", False)
    if textarea:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
    return forms.CharField(max_length=kind.max_length, **kwargs)


class CsvUploadForm(forms.Form):
    """One CSV file to import, read through `sevenc.lib.files.load_csv` (size, UTF-8, CSV syntax, the
    header's columns), so any bytes give a named error; `problems` lists a refused file's rows and columns."""

    file = forms.FileField(
        label="CSV file", widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"})
    )
    problems: tuple[str, ...] = ()

    def run(self, importer: Callable[..., T], *, required: Any, optional: Any = ()) -> T | None:
        """`importer(table=…)` on the uploaded file; None when refused (the problems or the refusal are then on
        the form, for the page to show)."""
        from sevenc.lib.files import MAX_FILE_BYTES, CsvFileError, load_csv

        upload = self.cleaned_data["file"]
        try:
            table = load_csv(
                upload.read(MAX_FILE_BYTES + 1), source=upload.name, required=required, optional=optional
            )
            return importer(table=table)
        except CsvFileError as error:
            self.problems = error.problems
        except DomainError as error:
            add_domain_error(self, error)
        return None
