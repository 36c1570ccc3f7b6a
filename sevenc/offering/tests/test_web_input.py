"""Input through the web: the service form, the file upload, retiring, linking a library entry, turning an
upsell line into a recommendation, and the exports. Bad input names the field or entry; nothing is stored."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.offering.models import Service
from sevenc.offering.tests.conftest import service
from sevenc.roadmap.models import Recommendation
from sevenc.roadmap.services import set_template

FORM = {
    "name": "Managed Backup",
    "description": "Nightly image backups",
    "price_model": "per_seat_month",
    "price": "12.50",
    "delivery": "in_house",
    "partner": "",
    "status": "offered",
    "items": ["CONT.1.1", "CONT.1.2"],
    "version": "",
}


def test_a_vcio_adds_and_edits_a_service(client, vcio, msp):
    client.force_login(vcio)
    response = client.post(reverse("offering_service_new"), FORM)
    assert response.status_code == 302
    row = Service.objects.get(msp=msp)
    assert (row.price, sorted(row.items.values_list("code", flat=True))) == (
        Decimal("12.50"),
        ["CONT.1.1", "CONT.1.2"],
    )
    page = client.get(reverse("offering_service_edit", args=[row.pk])).content.decode()
    assert 'value="CONT.1.2" id="item-cont12" checked' in page
    edit = {**FORM, "delivery": "partner", "partner": "Vaultline", "items": ["CONT.1.4"], "version": "0"}
    assert client.post(reverse("offering_service_edit", args=[row.pk]), edit).status_code == 302
    row.refresh_from_db()
    assert (row.delivered_by, row.version, list(row.items.values_list("code", flat=True))) == (
        "Vaultline",
        1,
        ["CONT.1.4"],
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"price": "abc"}, "price", "Enter a number."),
        ({"price": "-5"}, "price", "greater than or equal to 0"),
        ({"price": "1.234"}, "price", "no more than 2 decimal places"),
        ({"items": ["CONT.9.9"]}, "items", "CONT.9.9 is not one of the available choices"),
        ({"delivery": "partner"}, "partner", "required when delivery is 'partner'"),
        ({"price_model": "hourly"}, "price_model", "hourly is not one of the available choices"),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
    ],
)
def test_a_bad_service_form_shows_the_error_on_its_field_and_stores_nothing(
    client, vcio, change, field, message
):
    client.force_login(vcio)
    response = client.post(reverse("offering_service_new"), {**FORM, **change})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Service.objects.exists()


def test_a_duplicate_name_and_a_stale_version_are_shown_on_the_form(client, vcio, msp):
    row = service(msp, "Managed Backup", ["CONT.1.1"])
    client.force_login(vcio)
    response = client.post(reverse("offering_service_new"), {**FORM, "name": "MANAGED backup"})
    assert response.context["form"].errors["name"] == ["a service called 'MANAGED backup' exists already"]
    client.post(reverse("offering_service_edit", args=[row.pk]), {**FORM, "version": "0", "price": "13"})
    stale = client.post(
        reverse("offering_service_edit", args=[row.pk]), {**FORM, "version": "0", "price": "99"}
    )
    assert "changed by someone else" in stale.content.decode()
    row.refresh_from_db()
    assert row.price == Decimal("13.00")


def _doc(*services):
    return {"format": "sevenc-services", "version": 1, "framework": "7c", "services": list(services)}


def _entry(name, items, **more):
    return {
        "name": name,
        "delivery": "in_house",
        "status": "offered",
        "price_model": "flat_month",
        "price": 100,
        "items": items,
        **more,
    }


def upload(client, name, content):
    return client.post(reverse("offering_services_import"), {"file": SimpleUploadedFile(name, content)})


def test_an_uploaded_service_file_is_imported(client, vcio, msp):
    client.force_login(vcio)
    response = upload(client, "services.json", json.dumps(_doc(_entry("Backup", ["CONT.1.1"]))).encode())
    assert response.status_code == 302
    yaml = b"format: sevenc-services\nversion: 1\nframework: 7c\nservices:\n  - {name: backup, delivery: in_house, status: planned, price_model: one_time, price: 5, items: [CONT.1.3]}\n"
    assert upload(client, "more.yaml", yaml).status_code == 302
    row = Service.objects.get(msp=msp)
    assert (row.name, row.status, row.price) == (
        "backup",
        "planned",
        Decimal(5),
    )  # same name, case-blind: replaced


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "s.json",
            json.dumps(_doc(_entry("A", ["CONT.1.1"]), _entry("B", ["CONT.9.9"]))).encode(),
            "services[1] (name &#x27;B&#x27;): items[0]: unknown item code &#x27;CONT.9.9&#x27; in 7c",
        ),
        (
            "s.json",
            json.dumps(_doc(_entry("A", ["CONT.1.1"], price=True))).encode(),
            "services[0] (name &#x27;A&#x27;): price: true is not a number",
        ),
        (
            "s.json",
            json.dumps(_doc(_entry("A", []), _entry("a", []))).encode(),
            "duplicate service name &#x27;a&#x27;",
        ),
        (
            "s.json",
            json.dumps(_doc(_entry("A", [], delivery="outsourced"))).encode(),
            "delivery: &#x27;outsourced&#x27;: give one of in_house, partner",
        ),
        ("s.json", json.dumps(_doc(_entry("A", [], price=-1))).encode(), "price: -1 is out of range"),
        ("s.json", b"{not json", "s.json: not valid JSON (line 1, column 2"),
        ("s.json", b'{"price": NaN}', "s.json: NaN is not a number"),
        ("s.yaml", b"a: &x 1\nb: *x\n", "YAML anchors and aliases"),
        ("s.json", b"\xff\xfe{}", "UTF-16"),
    ],
)
def test_a_bad_upload_names_the_problem_and_imports_nothing(client, vcio, msp, name, content, message):
    service(msp, "Kept", ["CONT.1.1"])
    client.force_login(vcio)
    response = upload(client, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing imported." in html and message in html
    assert list(Service.objects.values_list("name", flat=True)) == ["Kept"]


def test_retiring_from_the_list(client, vcio, msp):
    row = service(msp, "Old Fax", ["COST.1.2"])
    client.force_login(vcio)
    assert client.get(reverse("offering_service_retire", args=[row.pk])).status_code == 405
    client.post(reverse("offering_service_retire", args=[row.pk]), {"version": "0"})
    row.refresh_from_db()
    assert row.status == "retired"


def test_the_library_page_shows_and_sets_the_service_of_an_entry(client, vcio, msp):
    row = service(msp, "Managed Backup", ["CONT.1.1"])
    entry = set_template(
        msp=msp, item=Item.objects.get(framework=get_framework("7c"), code="CONT.1.1"), title="Backup"
    )
    client.force_login(vcio)
    response = client.post(reverse("offering_template_service", args=[entry.pk]), {"service": str(row.pk)})
    assert response.status_code == 302 and response["Location"] == reverse("roadmap_library")
    page = client.get(reverse("roadmap_library")).content.decode()
    assert f'<option value="{row.pk}" selected>Managed Backup</option>' in page
    client.post(reverse("offering_template_service", args=[entry.pk]), {"service": ""})
    entry.refresh_from_db()
    assert entry.service is None


def test_one_click_turns_an_upsell_line_into_a_recommendation_or_says_why_not(
    client, vcio, portfolio, catalogue
):
    client.force_login(vcio)
    acme, harbor = portfolio["acme"], portfolio["harbor"]
    url = reverse("offering_upsell_recommend", args=[acme.pk, catalogue["Managed Backup"].pk, "CONT.1.1"])
    response = client.post(url, {"vcio": str(vcio.pk), "page": "1"}, follow=True)
    assert "Added &#x27;Managed Backup: Backup policy" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"?vcio={vcio.pk}&page=1#client-{acme.pk}")
    assert Recommendation.objects.get(client=acme).monthly_cost == Decimal("525.00")
    assert "✓ CONT.1.1" in response.content.decode()  # the line now shows it is on the roadmap
    again = client.post(url, follow=True).content.decode()
    assert "already has a recommendation for CONT.1.1" in again
    refused = client.post(
        reverse("offering_upsell_recommend", args=[harbor.pk, catalogue["DRaaS"].pk, "CONT.1.2"]), follow=True
    ).content.decode()
    assert "Harbor Law has no goals workshop yet" in refused
    assert Recommendation.objects.filter(client=harbor).count() == 0


def test_exports_as_csv_and_xlsx_keep_formulas_as_text(client, vcio, msp, portfolio, catalogue):
    service(msp, "=HYPERLINK(1)", ["CONT.1.1"], price_model="one_time", price=1)
    client.force_login(vcio)
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("offering_export") + "?list=upsell&format=csv").content.decode())
        )
    )
    assert rows[0] == [
        "Client",
        "Service",
        "Price model",
        "Monthly revenue",
        "One-time",
        "Items below target",
    ]
    assert ["Acme Dental", "'=HYPERLINK(1)", "one_time", "", "1.00", "CONT.1.1"] in rows
    assert ["Acme Dental", "Managed Backup", "per_seat_month", "525.00", "", "CONT.1.1 CONT.1.2"] in rows
    book = load_workbook(
        io.BytesIO(client.get(reverse("offering_export") + "?list=catalogue&format=xlsx").content)
    )
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Service" and [v[0] for v in values if str(v[0]).startswith("'")] == [
        "'=HYPERLINK(1)"
    ]
    develop = client.get(reverse("offering_export") + "?list=develop-next&format=csv").content.decode()
    assert (
        develop.splitlines()[1] == 'COST.1.1,IT Budget Planning,planned,2,102,144,"Acme Dental, Harbor Law"'
    )
    coverage = client.get(reverse("offering_export") + "?list=coverage").content.decode().splitlines()
    assert coverage[1].startswith("framework,7c,") and len(coverage) == 1 + 1 + 7 + 27 + 139
    assert client.get(reverse("offering_export") + "?list=nope").status_code == 400


def test_the_service_file_download_reads_back_as_the_same_catalogue(client, vcio, catalogue):
    client.force_login(vcio)
    data = json.loads(client.get(reverse("offering_services_file")).content)
    assert [s["name"] for s in data["services"]] == [
        "Budget Tool",
        "DR Workshop",
        "DRaaS",
        "Managed Backup",
        "Old Fax",
    ]
    assert data["services"][2] == {
        "name": "DRaaS",
        "description": "",
        "delivery": "partner",
        "partner": "Vaultline",
        "status": "offered",
        "price_model": "flat_month",
        "price": 1150.0,
        "items": ["CONT.1.2", "CONT.1.4"],
    }
