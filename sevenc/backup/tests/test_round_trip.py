"""backup → restore → backup gives the same bytes but for the MSP's name, and the restored MSP works."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from sevenc.assessments.models import Assessment
from sevenc.backup.document import backup_bytes, backup_document, restore_bytes
from sevenc.backup.tests.world import build_backup_world
from sevenc.execution.models import WorkItem
from sevenc.raci.models import Matrix, MspArea, Party
from sevenc.reports.models import ReviewMeeting
from sevenc.roadmap.models import Recommendation, RecommendationTemplate, RoadmapRun
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped
from sevenc.tokens.lookup import digest
from sevenc.tokens.services import create_token


@pytest.fixture
def original(db) -> Msp:
    return build_backup_world()


def _renamed(data: bytes, old: str, new: str) -> bytes:
    document = json.loads(data)
    assert document["msp"] == old
    document["msp"] = new
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


def _move(msp: Msp) -> bytes:
    """Back the MSP up and delete it (its people stay, without a membership): the backup of a server."""
    data = backup_bytes(msp)
    msp.delete()
    return data


def test_backup_restore_backup_is_byte_identical_but_for_the_msps_name(original):
    first = _move(original)
    restored = restore_bytes(first, msp_name="Brightpath IT (restored)")
    second = backup_bytes(restored)
    assert second == _renamed(first, "Brightpath IT", "Brightpath IT (restored)")
    assert second != first  # the name differs: where the MSP's name is frozen (a held report) it stays


def test_a_restore_rebuilds_each_completed_assessments_level_digits(original):
    def digits(msp: Msp) -> dict[tuple[str, str], str]:
        rows = Assessment.objects.filter(client__msp=msp).values_list("client__name", "title", "level_digits")
        return {(client, title): value for client, title, value in rows}

    before = digits(original)
    assert any(before.values()) and "" in before.values()  # completed ones and a draft
    restored = restore_bytes(_move(original), msp_name="Brightpath IT (restored)")
    assert digits(restored) == before


def test_the_backup_holds_every_section_and_no_secret(original):
    document = backup_document(original)
    sections = document["sections"]
    for name in ("people", "clients", "assessments", "workshops", "recommendations", "projects", "quarters"):
        assert sections[name], name
    for name in ("roadmap_runs", "frontiers", "work_items", "meetings", "reviews", "library", "initiatives"):
        assert sections[name], name
    for name in ("services", "responsibility_areas", "matrices", "parties"):
        assert sections[name], name
    assert any(row["owner_party"] for row in sections["work_items"])
    assert any(row["service"] for row in sections["library"])
    assert any(row["cells"] for row in sections["parties"])
    owner = original.memberships.get(role="owner")
    _, secret = create_token(actor=Caller.of_membership(owner), name="backup test")
    text = json.dumps(backup_document(original))
    assert secret not in text and secret[:12] not in text and digest(secret) not in text
    assert '"password' not in text
    for user in get_user_model().objects.filter(membership__msp=original):
        assert user.password not in text
    assert '"id"' not in text  # natural keys only (the frozen report's assessment ids are taken out too)


def test_the_restored_msp_keeps_its_meaning(original):
    restored = restore_bytes(_move(original), msp_name="Copy")
    scope = Scope(restored)
    client = scoped(type(restored.clients.first()), scope).get(name="Acme Dental")
    assert {m.user.username: m.role for m in restored.memberships.select_related("user")} == {
        "Brig-owner": "owner",
        "Brig-vcio": "vcio",
        "Brig-engineer": "engineer",
        "Brig-viewer": "client_viewer",
        "Brig-leaver": "engineer",
    }
    viewer = restored.memberships.get(role="client_viewer")
    assert viewer.client == client
    assert not viewer.user.has_usable_password() or viewer.user.check_password  # linked as it was
    run = scoped(RoadmapRun, scope).get(approved_at__isnull=False)
    rec_ids = {str(pk) for pk in scoped(Recommendation, scope).values_list("pk", flat=True)}
    assert set(k for k in run.schedule if not k.startswith("p")) <= rec_ids
    item = scoped(WorkItem, scope).order_by("pk").first()
    assert item is not None and item.run == run and item.tasks.count() == 2 and item.notes.count() == 1
    held = scoped(ReviewMeeting, scope).get(status="held")
    assert (
        held.snapshot["assessment"]["id"]
        == client.assessments.get(title=held.snapshot["assessment"]["title"]).pk
    )
    assert restored.currency == "EUR" and restored.brand_color == "#123456"
    shared = scoped(WorkItem, scope).select_related("owner_party").get(owner_party__isnull=False)
    assert shared.owner is None and shared.owner_party is not None and shared.owner_party.client == client
    entry = scoped(RecommendationTemplate, scope).select_related("service").get()
    assert entry.service is not None and entry.service.name == "Backup, verified"
    assert set(entry.service.items.values_list("code", flat=True)) >= {"CONT.1.1"}
    vendor = scoped(Party, scope).get(client=client, code="SOFTWARE-2")
    assert vendor.cells.get(area_code="CCTV").letters == "RC"
    assert scoped(MspArea, scope).get(code="FAX").retired_at is not None
    assert scoped(Matrix, scope).get().client == client


def test_people_are_created_without_a_usable_password_when_missing(original):
    data = _move(original)
    get_user_model().objects.filter(username__startswith="Brig-").delete()
    restored = restore_bytes(data, msp_name="Elsewhere")
    users = get_user_model().objects.filter(membership__msp=restored)
    assert users.count() == 5
    assert not any(user.has_usable_password() for user in users)
    assert not get_user_model().objects.get(username="Brig-leaver").is_active


def test_every_tenant_owned_model_is_in_a_backup_section_or_left_out_on_purpose():
    """A new domain's models must get a section (sevenc/<domain>/backup.py) or a stated reason."""
    from django.apps import apps

    from sevenc.backup.document import NOT_BACKED_UP, sections

    held = {label for section in sections() for label in section.models}
    tenant = {m._meta.label for m in apps.get_models() if hasattr(m, "TENANT_PATH")} | {"tenancy.Msp"}
    assert tenant - held - set(NOT_BACKED_UP) == set(), "add a backup section (docs/architecture.md)"
    assert held <= tenant | {"tenancy.Msp"}
