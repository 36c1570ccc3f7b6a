"""Shared fixtures: one MSP with a user of every role, a client, and another MSP's owner (the outsider)."""

from __future__ import annotations

import datetime as dt

import pytest

from sevenc.catalogue.services import framework_spec, get_framework
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.team.services import add_member
from sevenc.tenancy.models import Membership, Msp, Role
from sevenc.tenancy.scoping import Scope

PASSWORD = "correct-horse-battery"


@pytest.fixture
def spec7c(db) -> FrameworkSpec:
    return framework_spec(get_framework("7c"))


@pytest.fixture
def msp(db) -> Msp:
    return Msp.objects.create(name="Brightpath IT")


@pytest.fixture
def other_msp(db) -> Msp:
    return Msp.objects.create(name="Rival Networks")


@pytest.fixture
def client_co(msp) -> Client:
    return Client.objects.create(msp=msp, name="Acme Dental", seats=42, vertical="dental")


@pytest.fixture
def other_client(msp) -> Client:
    return Client.objects.create(msp=msp, name="Harbor Law", seats=60, vertical="legal")


@pytest.fixture
def scope(msp) -> Scope:
    return Scope(msp)


def _member(msp: Msp, username: str, role: str, client: Client | None = None) -> Membership:
    return add_member(
        msp=msp,
        username=username,
        email=f"{username}@example.com",
        role=role,
        password=PASSWORD,
        client=client,
    )


@pytest.fixture
def owner(msp):
    return _member(msp, "owner", Role.OWNER).user


@pytest.fixture
def vcio(msp):
    return _member(msp, "vcio", Role.VCIO).user


@pytest.fixture
def engineer(msp):
    return _member(msp, "engineer", Role.ENGINEER).user


@pytest.fixture
def client_viewer(msp, client_co):
    return _member(msp, "viewer", Role.CLIENT_VIEWER, client=client_co).user


@pytest.fixture
def outsider(other_msp):
    return _member(other_msp, "outsider", Role.OWNER).user


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 9, 30)
