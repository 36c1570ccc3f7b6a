import pytest
from django.urls import reverse

from sevenc.clients.models import Client
from sevenc.clients.services import ClientError, create_client, delete_client, update_client
from sevenc.tenancy.scoping import Scope


def test_a_vcio_adds_a_client_through_the_form(client, vcio, msp):
    client.force_login(vcio)
    response = client.post(
        reverse("client_create"),
        {
            "name": "  Orbit Dental ",
            "seats": "30",
            "vertical": "dental",
            "fiscal_year_start_month": "4",
            "vcio": vcio.pk,
        },
    )
    created = Client.objects.get(msp=msp, name="Orbit Dental")
    assert response.url == reverse("client_detail", args=[created.pk])
    assert (created.seats, created.fiscal_year_start_month, created.vcio) == (30, 4, vcio)


def test_a_duplicate_name_is_a_form_error_on_the_name(client, vcio, client_co):
    client.force_login(vcio)
    response = client.post(
        reverse("client_create"),
        {"name": client_co.name, "vertical": "dental", "fiscal_year_start_month": "1"},
    )
    assert response.status_code == 200
    assert "is already a client of this MSP" in response.context["form"].errors["name"][0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("seats", "0", "greater than or equal to 1"), ("fiscal_year_start_month", "13", "valid choice")],
)
def test_out_of_range_values_are_form_errors_naming_the_field(client, vcio, msp, field, value, message):
    client.force_login(vcio)
    data = {"name": "Orbit", "vertical": "dental", "fiscal_year_start_month": "1", field: value}
    response = client.post(reverse("client_create"), data)
    assert message in " ".join(response.context["form"].errors[field])
    assert not Client.objects.filter(msp=msp, name="Orbit").exists()


def test_an_engineer_cannot_add_or_edit_clients(client, engineer, client_co):
    client.force_login(engineer)
    assert client.get(reverse("client_create")).status_code == 403
    assert client.post(reverse("client_edit", args=[client_co.pk]), {"name": "X"}).status_code == 403


def test_the_vcio_of_a_client_must_belong_to_the_msp(msp, outsider, scope):
    with pytest.raises(ClientError) as error:
        create_client(scope=scope, name="Orbit", vcio=outsider)
    assert error.value.field == "vcio"


def test_an_engineer_cannot_be_a_clients_vcio(scope, engineer):
    with pytest.raises(ClientError, match="owner or vCIO"):
        create_client(scope=scope, name="Orbit", vcio=engineer)


def test_update_changes_the_fields_and_keeps_the_name_unique(scope, client_co, other_client):
    update_client(
        scope=scope,
        client=client_co,
        name="Acme Dental Group",
        seats=50,
        vertical="dental",
        fiscal_year_start_month=7,
    )
    client_co.refresh_from_db()
    assert (client_co.name, client_co.seats, client_co.fiscal_year_start_month) == (
        "Acme Dental Group",
        50,
        7,
    )
    with pytest.raises(ClientError, match="already a client"):
        update_client(
            scope=scope,
            client=client_co,
            name=other_client.name,
            seats=1,
            vertical="dental",
            fiscal_year_start_month=1,
        )


def test_delete_needs_the_exact_name(scope, client_co):
    with pytest.raises(ClientError):
        delete_client(scope=scope, client=client_co, confirm_name="acme")
    delete_client(scope=scope, client=client_co, confirm_name=client_co.name)
    assert not Client.objects.filter(pk=client_co.pk).exists()


def test_a_service_cannot_touch_another_msps_client(other_msp, client_co):
    with pytest.raises(Client.DoesNotExist):
        update_client(
            scope=Scope(other_msp),
            client=client_co,
            name="Mine",
            seats=1,
            vertical="dental",
            fiscal_year_start_month=1,
        )


def test_two_people_editing_one_client_do_not_overwrite_each_other(client, vcio, owner, client_co):
    from django.urls import reverse

    from sevenc.clients.models import Client

    url = reverse("client_edit", args=[client_co.pk])
    form = {
        "name": client_co.name,
        "seats": "42",
        "vertical": "dental",
        "fiscal_year_start_month": "1",
        "version": "0",
    }
    client.force_login(vcio)
    assert client.post(url, {**form, "seats": "50"}).status_code == 302
    client.force_login(owner)
    response = client.post(url, {**form, "primary_contact_name": "Dr. Keller"}, follow=True)
    assert "changed by someone else" in response.content.decode()
    stored = Client.objects.get(pk=client_co.pk)
    assert (stored.seats, stored.primary_contact_name, stored.version) == (50, "", 1)
