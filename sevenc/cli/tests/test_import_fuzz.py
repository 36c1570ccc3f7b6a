"""The inputs of issue 15 fuzzed like every other CLI input (see test_input_fuzz.py): a backup restored
with `sevenc restore`, and the clients and responses CSV files. Exit 0, or exit 2 naming the problem; never a
traceback; and a refused file leaves nothing behind."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from sevenc.assessments.services import create_assessment
from sevenc.cli.tests.fuzz import NASTY, assert_exits_cleanly, json_files, text_mutations
from sevenc.cli.tests.test_input_fuzz import examples, invoke
from sevenc.clients.models import Client
from sevenc.tenancy.models import Msp

STAMP = "2026-10-05T09:00:00.000000+00:00"
BACKUP: dict[str, Any] = {
    "format": "sevenc-backup",
    "version": 1,
    "msp": "Fuzzed",
    "sections": {
        "settings": {
            "brand_color": "#123456",
            "accent_color": "#0F766E",
            "currency": "EUR",
            "logo_svg": "",
            "created_at": STAMP,
        },
        "people": [
            {"username": "fuzz-vcio", "first_name": "", "last_name": "", "email": "", "is_active": True,
             "role": "vcio", "client": None},
        ],
        "clients": [
            {"name": "Acme Dental", "seats": 42, "vertical": "dental", "fiscal_year_start_month": 7,
             "primary_contact_name": "", "primary_contact_email": "", "next_review_date": "2026-12-01",
             "version": 0, "created_at": STAMP, "vcio": "fuzz-vcio"},
        ],
        "assessments": [
            {"client": "Acme Dental", "framework": "7c", "framework_version": "1.0", "title": "2026 Q3",
             "as_of": "2026-09-30", "status": "draft", "weights": {}, "block_weights": {}, "itcq": None,
             "completeness": None, "block_scores": {}, "created_at": STAMP, "completed_at": None,
             "assigned_engineer": None, "completed_by": None,
             "responses": [
                 {"item": "CONT.1.1", "level": 3, "na": False, "status": "Nightly", "risk": "", "solution": "",
                  "evidence": "", "version": 1, "updated_at": STAMP, "updated_by": "fuzz-vcio"},
             ]},
        ],
        "quarters": [
            {"client": "Acme Dental", "label": "FY2027 Q1", "fiscal_year": 2027, "start": "2026-07-01",
             "end": "2026-09-30", "budget": "6000.00", "capacity_hours": "60.0", "recurring_ceiling": None,
             "version": 0},
        ],
    },
}  # fmt: skip

CELLS = st.one_of(
    NASTY.map(lambda v: v if isinstance(v, str) else str(v)),
    st.sampled_from(["Acme", "42", "dental", "July", "13", "vcio", "CONT.1.1", "N/A", "3", "x@y.z", ""]),
    st.text(max_size=30),
)
HEADERS = st.lists(
    st.sampled_from(
        ["name", "seats", "vertical", "fiscal_year_start", "contact_email", "vcio", "item", "level", "risk",
         "status", "Name", " NAME ", "colour", ""]
    ),
    min_size=0,
    max_size=7,
)  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 2), max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";"])))
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


ANY_CSV = st.one_of(
    csv_files(),
    csv_files(),
    st.binary(max_size=200),
    csv_files().flatmap(lambda b: text_mutations(b.decode())),
)


def _forget_restores() -> None:
    Msp.objects.filter(name="Restored").delete()
    get_user_model().objects.filter(username__startswith="fuzz-").delete()


@pytest.mark.django_db
@examples(40)
@given(content=json_files(BACKUP))
def test_restore_survives_any_backup_file_and_is_all_or_nothing(tmp_path, content):
    _forget_restores()
    path = tmp_path / "backup.json"
    path.write_bytes(content)
    result = invoke("restore", path, "--msp", "Restored")
    assert_exits_cleanly(result)
    if result.exit_code == 2:
        assert not Msp.objects.filter(name="Restored").exists()
        assert not Client.objects.filter(msp__name="Restored").exists()


@pytest.mark.django_db
@examples(60)
@given(content=ANY_CSV)
def test_import_clients_survives_any_csv_and_is_all_or_nothing(tmp_path, msp, vcio, content):
    before = Client.objects.filter(msp=msp).count()
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    result = invoke("import-clients", path, "--msp", msp.name)
    assert_exits_cleanly(result)
    if result.exit_code == 2:
        assert Client.objects.filter(msp=msp).count() == before
    Client.objects.filter(msp=msp).delete()


@pytest.mark.django_db
@examples(60)
@given(content=ANY_CSV)
def test_import_responses_survives_any_csv_and_is_all_or_nothing(tmp_path, msp, client_co, content):
    draft = client_co.assessments.first() or create_assessment(
        client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31)
    )
    path = tmp_path / "responses.csv"
    path.write_bytes(content)
    args = ("--msp", msp.name, "--client", client_co.name, "--assessment", draft.title)
    result = invoke("import-responses", path, *args)
    assert_exits_cleanly(result)
    if result.exit_code == 2:
        assert not draft.responses.exists()
    draft.responses.all().delete()


def test_the_documents_the_mutations_start_from_are_accepted(tmp_path, db):
    path = tmp_path / "backup.json"
    import json

    path.write_text(json.dumps(BACKUP))
    result = invoke("restore", path, "--msp", "Restored")
    assert result.exit_code == 0, result.output
