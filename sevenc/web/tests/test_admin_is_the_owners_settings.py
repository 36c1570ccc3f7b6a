from django.urls import reverse

from sevenc.tenancy.models import Msp


def test_the_owner_edits_their_msps_branding(client, owner, msp):
    client.force_login(owner)
    url = reverse("admin:tenancy_msp_change", args=[msp.pk])
    response = client.post(
        url, {"name": msp.name, "brand_color": "#123456", "accent_color": "#654321", "logo_svg": ""}
    )
    assert response.status_code == 302
    msp.refresh_from_db()
    assert msp.brand_color == "#123456"


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
