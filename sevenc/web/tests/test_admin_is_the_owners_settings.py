import datetime as dt
import io

import pytest
from django.urls import reverse

from sevenc.tenancy.models import Msp


def test_the_owner_edits_their_msps_branding(client, owner, msp):
    client.force_login(owner)
    url = reverse("admin:tenancy_msp_change", args=[msp.pk])
    response = client.post(
        url,
        {
            "name": msp.name,
            "brand_color": "#123456",
            "accent_color": "#654321",
            "logo_svg": "",
            "currency": "EUR",
        },
    )
    assert response.status_code == 302
    msp.refresh_from_db()
    assert msp.brand_color == "#123456"
    assert msp.currency == "EUR"


def test_the_owner_cannot_set_a_currency_that_does_not_exist(client, owner, msp):
    client.force_login(owner)
    url = reverse("admin:tenancy_msp_change", args=[msp.pk])
    form = {"name": msp.name, "brand_color": "#123456", "accent_color": "#654321", "logo_svg": ""}
    response = client.post(url, {**form, "currency": "XYZ"})
    assert response.status_code == 200
    assert "XYZ" in response.content.decode()
    msp.refresh_from_db()
    assert msp.currency == "USD"


def test_the_owner_cannot_see_another_msp_in_the_admin(client, outsider, msp):
    client.force_login(outsider)
    changelist = client.get(reverse("admin:tenancy_msp_changelist")).content.decode()
    assert msp.name not in changelist
    response = client.get(reverse("admin:tenancy_msp_change", args=[msp.pk]))
    assert response.status_code == 302  # Django admin: "does not exist", back to the index
    assert Msp.objects.get(pk=msp.pk).name == msp.name


def test_the_owner_reads_the_framework_templates(client, owner, spec7c):
    client.force_login(owner)
    assert client.get(reverse("admin:catalogue_framework_changelist")).status_code == 200
    assert (
        "CONT.1.1"
        in client.get(reverse("admin:catalogue_item_changelist"), {"q": "CONT.1.1"}).content.decode()
    )


def test_other_roles_cannot_enter_the_admin(client, vcio, client_viewer):
    for user in (vcio, client_viewer):
        client.force_login(user)
        assert client.get(reverse("admin:index")).status_code == 302  # to the admin's sign-in


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("brand_color", "navy", "Give a colour as #RRGGBB"),
        ("accent_color", "#12345", "Give a colour as #RRGGBB"),
        ("logo_svg", "<html><script>alert(1)</script></html>", "must be an &lt;svg&gt; document"),
        ("logo_svg", '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "DOCTYPE"),
        ("name", "", "This field is required"),
    ],
)
def test_settings_are_validated_on_save_and_nothing_is_stored(client, owner, msp, field, value, message):
    client.force_login(owner)
    data = {
        "name": msp.name,
        "brand_color": "#224466",
        "accent_color": "#aa5500",
        "logo_svg": "",
        field: value,
    }
    response = client.post(reverse("admin:tenancy_msp_change", args=[msp.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    msp.refresh_from_db()
    assert (msp.brand_color, msp.accent_color) == ("#1f4e79", "#e07a1f")


def test_exports_never_trust_the_stored_colour(client_co):
    from openpyxl import load_workbook

    from sevenc.reports.tests.factories import Q3_LEVELS, completed_assessment
    from sevenc.reports.xlsx import assessment_workbook

    assessment = completed_assessment(client_co, "2026 Q3", dt.date(2026, 9, 30), Q3_LEVELS)
    assessment.client.msp.brand_color = (
        "navy"  # as if stored before validation existed (the database refuses it now)
    )
    book = load_workbook(io.BytesIO(assessment_workbook(assessment)))
    assert book["Items"]["A1"].fill.fgColor.rgb.endswith("1F4E79")
