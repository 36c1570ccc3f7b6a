"""Importing clients from CSV (web upload and CLI): all or nothing, every problem named by row and column."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.clients.imports import OPTIONAL, REQUIRED, import_clients
from sevenc.clients.models import Client
from sevenc.lib.files import CsvFileError, load_csv
from sevenc.tenancy.scoping import Scope
from tests.fixtures import PASSWORD

GOOD = (
    "Name,Seats,Vertical,Fiscal year start,Contact name,Contact email,vCIO\r\n"
    "Acme Dental,42,dental,7,Dana Reyes,dana@acme.example,vcio\r\n"
    "Harbor Law,,Legal,July,,,\r\n"
    "\r\n"
    "=Formula Inc,300,other,1,,,\r\n"
)


def _import(msp, text: str):  # type: ignore[no-untyped-def]
    table = load_csv(text.encode(), source="clients.csv", required=REQUIRED, optional=OPTIONAL)
    return import_clients(scope=Scope(msp), table=table)


def test_every_row_becomes_a_client_with_its_columns(msp, vcio):
    created = _import(msp, GOOD)
    assert [c.name for c in created] == ["Acme Dental", "Harbor Law", "=Formula Inc"]
    acme = Client.objects.get(msp=msp, name="Acme Dental")
    assert (acme.seats, acme.vertical, acme.fiscal_year_start_month) == (42, "dental", 7)
    assert (acme.primary_contact_name, acme.primary_contact_email, acme.vcio) == (
        "Dana Reyes",
        "dana@acme.example",
        vcio,
    )
    harbor = Client.objects.get(msp=msp, name="Harbor Law")
    assert (harbor.seats, harbor.vertical, harbor.fiscal_year_start_month, harbor.vcio) == (
        None,
        "legal",
        7,
        None,
    )


def test_a_semicolon_separated_file_from_a_european_spreadsheet_reads_the_same(msp):
    _import(msp, "name;seats\nAcme Dental;42\n")
    assert Client.objects.get(msp=msp).seats == 42


def test_nothing_is_imported_and_every_problem_is_named_by_row_and_column(msp, vcio, engineer):
    text = (
        "name,seats,vertical,fiscal_year_start,contact_email,vcio\n"
        "Acme Dental,42,dental,7,dana@acme.example,vcio\n"
        "Harbor Law,forty,legal,13,not-an-email,engineer\n"
        ",5,,,,\n"
        "Acme Dental,1,,,,\n"
        "Big Co,100000000,spaceships,,,\n"
    )
    with pytest.raises(CsvFileError) as caught:
        _import(msp, text)
    problems = caught.value.problems
    assert "row 3, column B (seats): 'forty' is not a whole number of seats" in problems
    assert "row 4, column A (name): required" in problems  # one problem per row: the first one found
    assert any(p.startswith("row 5, column A (name): 'Acme Dental' is already a client") for p in problems)
    assert any(p.startswith("row 6, column C (vertical): 'spaceships' is not a vertical") for p in problems)
    assert not Client.objects.filter(msp=msp).exists()
    assert "nothing imported" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("seats\n42\n", "row 1: missing column(s) name"),
        ("name,colour\nAcme,red\n", "row 1, column B: unknown column 'colour'"),
        ("name,Name\nAcme,Acme\n", "row 1, column B: name is also column A"),
        ("name\nAcme,42\n", "row 2: cells beyond the header in column(s) B"),
        ("", "row 1: the header is missing"),
        ("name\n", "no client rows below the header"),
    ],
)
def test_a_malformed_file_is_refused_with_its_place(msp, text, problem):
    with pytest.raises(CsvFileError) as caught:
        _import(msp, text)
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


def test_bytes_that_are_not_utf8_text_are_a_named_error(msp):
    with pytest.raises(CsvFileError.__mro__[1]) as caught:  # InputFileError
        load_csv(b"name\n\xff\xfe\x00", source="clients.csv", required=REQUIRED)
    assert str(caught.value).startswith("clients.csv:")


def test_the_web_upload_imports_and_lists_problems(client, msp, vcio):
    client.login(username="vcio", password=PASSWORD)
    url = reverse("clients_import")
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("c.csv", b"name,seats\nAcme,0\n", content_type="text/csv")
    page = client.post(url, {"file": bad})
    assert page.status_code == 200
    assert "row 2, column B (seats)" in page.content.decode()
    good = SimpleUploadedFile("c.csv", GOOD.encode(), content_type="text/csv")
    done = client.post(url, {"file": good})
    assert done.status_code == 302
    assert Client.objects.filter(msp=msp).count() == 3


def test_engineers_and_client_viewers_cannot_import(client, engineer):
    client.login(username="engineer", password=PASSWORD)
    assert client.get(reverse("clients_import")).status_code == 403


def test_the_cli_imports_or_exits_2(tmp_path, msp, vcio):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text("name,seats\nAcme,-1\n", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(app, ["import-clients", str(bad), "--msp", msp.name])
    assert refused.exit_code == 2 and "row 2, column B (seats)" in refused.stderr
    done = runner.invoke(app, ["import-clients", str(good), "--msp", msp.name])
    assert done.exit_code == 0, done.output
    assert "imported 3 client(s)" in done.output
