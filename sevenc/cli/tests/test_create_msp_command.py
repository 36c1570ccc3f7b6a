"""`sevenc create-msp`: a fresh installation's first MSP and owner, who sets a password through the link."""

from __future__ import annotations

from django.urls import reverse
from typer.testing import CliRunner

from sevenc.audit.models import Event
from sevenc.cli.main import app
from sevenc.tenancy.models import Membership, Msp, Role

runner = CliRunner()


def test_create_msp_makes_the_msp_and_an_owner_who_chooses_a_password_at_the_printed_link(db, client):
    result = runner.invoke(
        app, ["create-msp", "--name", "Northwind IT", "--owner", "ada", "--email", "ada@northwind.example"]
    )
    assert result.exit_code == 0, result.output
    membership = Membership.objects.get(user__username="ada")
    assert (membership.msp.name, membership.role) == ("Northwind IT", Role.OWNER)
    assert not membership.user.has_usable_password()
    link = result.stdout.strip().splitlines()[-1]
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1:8000" in link else link
    form = client.get(path, follow=True)
    assert form.status_code == 200 and b"new_password1" in form.content
    chosen = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-passphrase-2026", "new_password2": "a-long-passphrase-2026"},
    )
    assert chosen.status_code == 302
    assert client.login(username="ada", password="a-long-passphrase-2026")
    assert client.get(reverse("portfolio")).status_code == 200
    assert Event.objects.filter(actor_label__startswith="cli: sevenc create-msp").exists()


def test_create_msp_refuses_a_name_in_use_or_a_bad_username_with_exit_2_and_writes_nothing(db):
    Msp.objects.create(name="Northwind IT")
    taken = runner.invoke(
        app, ["create-msp", "--name", "Northwind IT", "--owner", "ada", "--email", "a@b.example"]
    )
    assert taken.exit_code == 2
    assert "already an MSP called 'Northwind IT'" in taken.output
    bad = runner.invoke(
        app, ["create-msp", "--name", "Other IT", "--owner", "no spaces!", "--email", "a@b.example"]
    )
    assert bad.exit_code == 2
    assert "username" in bad.output or "letters, digits" in bad.output
    assert not Msp.objects.filter(name="Other IT").exists()  # the MSP is not left without its owner
