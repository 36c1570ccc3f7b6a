"""Fixtures of the matrix's Django tests: the system actor, a started matrix, a matrix with findings."""

from __future__ import annotations

import pytest

from sevenc.raci.services import set_cell, start_matrix, update_party
from sevenc.raci.state import state_of
from sevenc.reports.tests.conftest import history, planned  # noqa: F401  (shared fixtures: the QBR)
from sevenc.tenancy.access import Caller


@pytest.fixture
def system(msp) -> Caller:
    return Caller.system(msp)


@pytest.fixture
def matrix(system, client_co):
    """The fully managed template on every standard party: no area finding, only contracts and the SPOF."""
    return start_matrix(actor=system, client=client_co, template="fully-managed")


def state(client):  # type: ignore[no-untyped-def]
    return state_of(Caller.system(client.msp).scope, client)


def give(actor, client, area: str, party: str, letters: str):  # type: ignore[no-untyped-def]
    """Set one cell against the version stored now (a test's shortcut for a fresh read)."""
    current = state(client)
    found = current.party(party)
    return set_cell(
        actor=actor,
        party=found,
        area_code=area,
        letters=letters,
        expected_version=current.version(area, found),
    )


def sign_contracts(actor, client) -> None:  # type: ignore[no-untyped-def]
    for party in state(client).parties:
        if party.external:
            update_party(
                actor=actor,
                party=party,
                name=party.name,
                kind=party.kind,
                role=party.role,
                contract=f"SLA-{party.code}",
            )


@pytest.fixture
def findings_matrix(system, client_co, matrix):
    """Contracts on file except the ISP's; nobody accountable for the firewall review (RA-CONT-057: the
    MSP's RA made R); the MSP still the only R on the critical areas."""
    sign_contracts(system, client_co)
    isp = state(client_co).party("ISP")
    update_party(actor=system, party=isp, name=isp.name, kind="vendor", contract="")
    give(system, client_co, FIREWALL, "MSP", "R")
    return matrix


FIREWALL = "RA-CONT-057"
