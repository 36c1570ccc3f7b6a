"""A restore is all or nothing: any fault in the document is named by its place, and nothing is created."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from sevenc.backup.document import backup_document, restore_document
from sevenc.backup.tests.world import build_backup_world
from sevenc.lib.backup import BackupFileError
from sevenc.tenancy.models import Membership, Msp
from tests.module_data import rows_restored


@pytest.fixture(scope="module")
def backed_up(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The world's backup, built once for the module (a world takes seconds; every test only changes its
    own copy of the document). As after a move, the MSP is gone and its people stay, until the module ends."""
    with rows_restored(django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            users = set(get_user_model().objects.values_list("pk", flat=True))
            msp = build_backup_world()
            text = json.dumps(backup_document(msp))
            msp.delete()
            # As inside a test's transaction, which never commits: the world's queued jobs stay queued
            # instead of running (and creating clients) when this block commits.
            connection.run_on_commit.clear()
        yield text
        with django_db_blocker.unblock():
            get_user_model().objects.exclude(pk__in=users).delete()


@pytest.fixture
def document(backed_up, db) -> dict:
    return json.loads(backed_up)


def _refused(document: dict, field: str | None = None, text: str = "") -> BackupFileError:
    users = get_user_model().objects.count()
    with pytest.raises(BackupFileError) as caught:
        restore_document(document, msp_name="New MSP")
    assert not Msp.objects.filter(name="New MSP").exists()
    assert get_user_model().objects.count() == users
    if field is not None:
        assert caught.value.field == field, caught.value
    assert text in str(caught.value)
    return caught.value


def test_an_unknown_item_code_is_named_by_its_place(document):
    n = next(n for n, a in enumerate(document["sections"]["assessments"]) if len(a["responses"]) > 2)
    document["sections"]["assessments"][n]["responses"][2]["item"] = "CONT.9.9"
    _refused(document, f"sections.assessments[{n}].responses[2].item", "'CONT.9.9' is not an item of 7c")


def test_an_amount_that_is_not_text_with_two_decimals_is_refused(document):
    document["sections"]["recommendations"][0]["one_time_cost"] = 12.5
    _refused(document, "sections.recommendations[0].one_time_cost", "12.50")


def test_true_is_not_a_number(document):
    document["sections"]["clients"][0]["seats"] = True
    _refused(document, "sections.clients[0].seats", "whole number")


def test_a_value_the_database_refuses_names_the_section(document):
    document["sections"]["clients"][0]["seats"] = 0  # the database's check: 1 to the most seats
    error = _refused(document, text="sections.clients: the database refused a row")
    assert error.field is None


def test_a_person_of_another_msp_cannot_become_a_member(document, db):
    rival = Msp.objects.create(name="Rival")
    Membership.objects.create(user=get_user_model().objects.get(username="Brig-vcio"), msp=rival, role="vcio")
    _refused(document, text="'Brig-vcio' is already a member of 'Rival'")


def test_a_reference_to_someone_not_in_the_people_section_is_refused(document):
    document["sections"]["people"] = [
        p for p in document["sections"]["people"] if p["username"] != "Brig-engineer"
    ]
    _refused(document, text="'Brig-engineer' is not in the people section")


def test_a_new_persons_username_and_email_are_checked_like_an_invitation(document):
    person = next(p for p in document["sections"]["people"] if p["username"] == "Brig-leaver")
    get_user_model().objects.filter(username="Brig-leaver").delete()
    person["email"] = "not-an-email"
    n = document["sections"]["people"].index(person)
    _refused(document, f"sections.people[{n}].email", "valid email")
    person["email"], person["username"] = "", "bad name!"
    _refused(document, f"sections.people[{n}].username", "valid username")


def test_an_unknown_section_is_refused_rather_than_dropped(document):
    document["sections"]["raci_matrix"] = []
    _refused(document, "sections", "unknown section(s) raci_matrix")


def test_a_missing_section_is_an_empty_one(document, db):
    for name in ("reviews", "meetings", "work_items", "frontiers"):
        del document["sections"][name]
    msp = restore_document(document, msp_name="Partial")
    assert msp.clients.count() == 2


def test_a_backup_from_before_services_and_party_owners_restores(document, db):
    for row in document["sections"]["work_items"]:
        del row["owner_party"]
    for row in document["sections"]["library"]:
        del row["service"]
    for name in ("services", "responsibility_areas", "matrices", "parties"):
        del document["sections"][name]
    msp = restore_document(document, msp_name="Older")
    assert msp.clients.count() == 2 and not msp.services.exists()


def _first_owned(document: dict) -> int:
    return next(n for n, row in enumerate(document["sections"]["work_items"]) if row["owner_party"])


def test_a_work_item_owned_by_an_unknown_party_is_named(document):
    n = _first_owned(document)
    document["sections"]["work_items"][n]["owner_party"] = "NOBODY"
    _refused(document, f"sections.work_items[{n}].owner_party", "no party")


def test_a_work_item_cannot_have_two_owners(document):
    n = _first_owned(document)
    document["sections"]["work_items"][n]["owner"] = "Brig-vcio"
    _refused(document, text="sections.work_items: the database refused a row")


def test_a_party_listed_twice_for_its_client_is_named(document):
    parties = document["sections"]["parties"]
    parties.append(dict(parties[0]))
    _refused(document, f"sections.parties[{len(parties) - 1}].code", "listed twice")


def test_cell_letters_out_of_order_are_refused_by_the_database(document):
    party = next(n for n, row in enumerate(document["sections"]["parties"]) if row["cells"])
    document["sections"]["parties"][party]["cells"][0]["letters"] = "IR"
    _refused(document, text="sections.parties: the database refused a row")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format="other"), "format"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(sections=[]), "sections"),
        (lambda d: d["sections"].update(clients={}), "sections.clients"),
        (
            lambda d: d["sections"]["clients"].append(dict(d["sections"]["clients"][0])),
            "sections.clients[2].name",
        ),
        (lambda d: d["sections"]["workshops"][0].update(baseline="nope"), "sections.workshops[0].baseline"),
        (
            lambda d: d["sections"]["assessments"][0].update(framework_version="0.1"),
            "sections.assessments[0].framework",
        ),
        (lambda d: d["sections"]["assessments"][0].update(status="lost"), "sections.assessments[0].status"),
        (
            lambda d: d["sections"]["assessments"][0].update(created_at="yesterday"),
            "sections.assessments[0].created_at",
        ),
        (
            lambda d: d["sections"]["roadmap_runs"][0]["schedule"].update({"CONT.9.9": None}),
            "sections.roadmap_runs[0].schedule",
        ),
        (lambda d: d["sections"]["library"][0].update(service="Nope"), "sections.library[0].service"),
        (
            lambda d: d["sections"]["services"].append(dict(d["sections"]["services"][0])),
            "sections.services[4].name",
        ),
        (lambda d: d["sections"]["services"][0].update(price=4.5), "sections.services[0].price"),
        (
            lambda d: d["sections"]["services"][0].update(items=["CONT.9.9"]),
            "sections.services[0].items",
        ),
        (lambda d: d["sections"]["parties"][0].update(kind="alien"), "sections.parties[0].kind"),
        (lambda d: d["sections"]["matrices"][0].update(client="Nobody"), "sections.matrices[0].client"),
        (
            lambda d: d["sections"]["matrices"][0].update(catalogue_version="0.0"),
            "sections.matrices[0].catalogue",
        ),
        (
            lambda d: d["sections"]["responsibility_areas"][0].update(items=["CTRL.9.9"]),
            "sections.responsibility_areas[0].items",
        ),
    ],
)
def test_each_fault_is_named(document, change, field):
    change(document)
    _refused(document, field)


def test_an_existing_msp_name_is_refused(document, db):
    Msp.objects.create(name="New MSP")
    with pytest.raises(BackupFileError, match="exists already"):
        restore_document(document, msp_name="New MSP")
