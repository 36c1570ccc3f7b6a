"""The catalogue services: the same checks as the service file, nothing stored on a refusal, versions,
all-or-nothing import, and an upsell line turned into a recommendation through the roadmap services."""

import json
import re
from decimal import Decimal

import pytest

from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.lib.errors import Conflict, DomainError, NotAllowed
from sevenc.offering.models import Service
from sevenc.offering.service_file import STARTER_FILE, read_service_file
from sevenc.offering.services import (
    export_services,
    import_services,
    link_template,
    plain_service,
    recommend_upsell,
    retire_service,
    update_service,
)
from sevenc.offering.tests.conftest import service
from sevenc.roadmap.models import DeliveredBy, Recommendation
from sevenc.roadmap.services import set_template
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership
from sevenc.tenancy.scoping import Scope


def system(msp):
    return Caller.system(msp)


def fields(**changes):
    base = {
        "name": "Managed Backup",
        "description": "",
        "delivery": "in_house",
        "partner": "",
        "status": "offered",
        "price_model": "per_seat_month",
        "price": Decimal("12.50"),
        "items": ["CONT.1.2", "CONT.1.1"],
    }
    return {**base, **changes}


def test_a_service_is_stored_with_its_items_in_framework_order(msp):
    row = service(msp, **fields())  # items given as CONT.1.2, CONT.1.1
    data = plain_service(row)
    assert (data.items, data.price, row.version) == (("CONT.1.1", "CONT.1.2"), Decimal("12.50"), 0)
    assert set(row.items.values_list("framework", flat=True)) == {get_framework("7c").pk}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"items": ["CONT.9.9"]}, "items[0]", "unknown item code 'CONT.9.9' in 7c"),
        ({"delivery": "outsourced"}, "delivery", "'outsourced': give one of in_house, partner"),
        ({"status": "maybe"}, "status", "'maybe': give one of offered, planned, retired"),
        (
            {"price_model": "hourly"},
            "price_model",
            "'hourly': give one of per_seat_month, flat_month, one_time",
        ),
        ({"price": Decimal(-1)}, "price", "-1 is out of range"),
        ({"price": True}, "price", "true is not a number"),
        ({"price": "12"}, "price", "'12' is text; give a number"),
        ({"delivery": "partner"}, "partner", "required when delivery is 'partner'"),
        ({"name": "  "}, "name", "required"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(msp, change, field, message):
    with pytest.raises(DomainError) as caught:
        service(msp, **fields(**change))
    assert caught.value.field == field and message in caught.value.message
    assert not Service.objects.exists()


def test_names_are_unique_per_msp_whatever_the_case_but_another_msp_may_use_them(msp, other_msp):
    service(msp, **fields())
    with pytest.raises(DomainError, match="a service called 'managed backup' exists already"):
        service(msp, **fields(name="managed backup"))
    service(other_msp, **fields())
    assert Service.objects.count() == 2


def test_an_edit_against_an_older_version_is_refused_and_keeps_the_other_edit(msp):
    row = service(msp, **fields())
    update_service(actor=system(msp), service=row, expected_version=0, **fields(price=Decimal(14)))
    with pytest.raises(Conflict, match="changed by someone else"):
        update_service(actor=system(msp), service=row, expected_version=0, **fields(price=Decimal(9)))
    row.refresh_from_db()
    assert (row.price, row.version) == (Decimal("14.00"), 1)


def test_renaming_onto_another_service_is_refused(msp):
    service(msp, **fields())
    other = service(msp, **fields(name="DRaaS"))
    with pytest.raises(DomainError, match="exists already"):
        update_service(actor=system(msp), service=other, **fields(name="MANAGED BACKUP"))


def test_retiring_keeps_the_service_and_twice_is_refused(msp):
    row = service(msp, **fields())
    retire_service(actor=system(msp), service=row, expected_version=0)
    row.refresh_from_db()
    assert (row.status, row.version) == ("retired", 1)
    with pytest.raises(DomainError, match="retired already"):
        retire_service(actor=system(msp), service=row)


def test_an_engineer_may_not_change_the_catalogue(msp, engineer):
    actor = Caller.of_membership(Membership.objects.get(user=engineer))
    with pytest.raises(NotAllowed):
        import_services(actor=actor, data={})
    with pytest.raises(NotAllowed):
        retire_service(actor=actor, service=service(msp, **fields()))


def test_the_starter_catalogue_imports_and_exports_back_to_the_same_services(msp):
    result = import_services(actor=system(msp), data=read_service_file(STARTER_FILE))
    assert (len(result.created), result.updated) == (28, [])
    exported = export_services(Scope(msp)).to_json()
    again = import_services(actor=system(msp), data=exported)
    assert (again.created, len(again.updated)) == ([], 28)
    assert export_services(Scope(msp)).to_json() == exported
    starter = {s["name"]: s for s in json.loads(json.dumps(read_service_file(STARTER_FILE)))["services"]}
    for entry in exported["services"]:
        assert entry["price"] == starter[entry["name"]]["price"]
        assert set(entry["items"]) == set(starter[entry["name"]]["items"])


def test_an_import_with_one_bad_entry_stores_nothing_and_names_it(msp):
    service(msp, **fields())
    doc = {
        "format": "sevenc-services",
        "version": 1,
        "framework": "7c",
        "services": [
            {**fields(name="Managed Backup", price=20), "price": 20},
            {**fields(name="DRaaS", price=1), "price": 1, "items": ["CONT.1.4", "NOPE"]},
        ],
    }
    with pytest.raises(DomainError) as caught:
        import_services(actor=system(msp), data=doc)
    assert str(caught.value) == "services[1] (name 'DRaaS'): items[1]: unknown item code 'NOPE' in 7c"
    assert list(Service.objects.values_list("name", "price")) == [("Managed Backup", Decimal("12.50"))]


def test_an_import_for_another_framework_is_refused(msp):
    doc = {"format": "sevenc-services", "version": 1, "framework": "nist-csf", "services": []}
    with pytest.raises(DomainError, match="services map onto '7c'"):
        import_services(actor=system(msp), data=doc)


def test_a_library_entry_points_at_a_service_of_its_own_msp_only(msp, other_msp):
    item = Item.objects.get(framework=get_framework("7c"), code="CONT.1.1")
    entry = set_template(msp=msp, item=item, title="Backup policy")
    row = service(msp, **fields())
    link_template(actor=system(msp), template=entry, service=row)
    entry.refresh_from_db()
    assert entry.service == row
    foreign = service(other_msp, **fields())
    with pytest.raises(DomainError, match="not a service of this MSP"):
        link_template(actor=system(msp), template=entry, service=foreign)
    link_template(actor=system(msp), template=entry, service=None)
    entry.refresh_from_db()
    assert entry.service is None


def test_an_upsell_line_becomes_a_recommendation_priced_for_the_client(portfolio, catalogue, msp):
    acme = portfolio["acme"]
    backup = recommend_upsell(
        actor=system(msp), client=acme, service=catalogue["Managed Backup"], item_code="CONT.1.1"
    )
    assert (backup.item.code, backup.target_level, backup.monthly_cost, backup.one_time_cost) == (
        "CONT.1.1",
        4,  # the latest workshop's CONT 80
        Decimal("525.00"),  # 42 seats × 12.50
        Decimal("0.00"),
    )
    assert (backup.title, backup.delivered_by, backup.workshop) == (
        "Managed Backup: Backup policy, regulation implementation",
        DeliveredBy.MSP,
        acme.workshops.order_by("-held_on").first(),
    )
    draas = recommend_upsell(actor=system(msp), client=acme, service=catalogue["DRaaS"], item_code="CONT.1.4")
    assert (draas.delivered_by, draas.partner_name, draas.monthly_cost) == (
        "partner",
        "Vaultline",
        Decimal(1150),
    )


def test_a_one_time_service_becomes_a_one_time_cost_and_the_item_target_applies(portfolio, catalogue, msp):
    acme = portfolio["acme"]
    budget = service(msp, "Budget Sprint", ["COST.1.1"], price_model="one_time", price=Decimal("800.50"))
    rec = recommend_upsell(actor=system(msp), client=acme, service=budget, item_code="COST.1.1")
    assert (rec.one_time_cost, rec.monthly_cost, rec.target_level) == (Decimal("800.50"), Decimal(0), 2)


def test_an_upsell_is_refused_without_a_workshop_twice_or_for_an_item_the_service_does_not_offer(
    portfolio, catalogue, msp
):
    actor = system(msp)
    with pytest.raises(DomainError, match="Harbor Law has no goals workshop yet") as caught:
        recommend_upsell(
            actor=actor, client=portfolio["harbor"], service=catalogue["DRaaS"], item_code="CONT.1.2"
        )
    assert caught.value.field == "workshop"
    acme = portfolio["acme"]
    recommend_upsell(actor=actor, client=acme, service=catalogue["DRaaS"], item_code="CONT.1.2")
    with pytest.raises(
        DomainError, match=re.escape("Acme Dental already has a recommendation for CONT.1.2: 'DRaaS: Backup")
    ):
        recommend_upsell(actor=actor, client=acme, service=catalogue["Managed Backup"], item_code="CONT.1.2")
    with pytest.raises(DomainError, match=re.escape("'Budget Tool' does not offer 'COST.1.1'")):
        recommend_upsell(
            actor=actor, client=acme, service=catalogue["Budget Tool"], item_code="COST.1.1"
        )  # planned
    with pytest.raises(DomainError, match=re.escape("does not offer 'CTRL.1.1'")):
        recommend_upsell(actor=actor, client=acme, service=catalogue["DRaaS"], item_code="CTRL.1.1")
    assert Recommendation.objects.filter(client=acme).count() == 1
