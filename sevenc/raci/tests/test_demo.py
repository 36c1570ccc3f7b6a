"""The demo matrices: one per client, from a template that follows its size, with a few real findings."""

from __future__ import annotations

import datetime as dt

from sevenc.clients.models import Client
from sevenc.raci.demo import seed_raci
from sevenc.raci.tests.conftest import state

TODAY = dt.date(2027, 2, 1)


def test_every_client_gets_a_believable_matrix_with_a_few_real_findings(msp, client_co, other_client):
    big = Client.objects.create(
        msp=msp, name="Cedar Ridge Manufacturing", seats=215, vertical="manufacturing"
    )
    seed_raci(msp, today=TODAY)
    templates = {c.name: state(c).matrix.template for c in (client_co, other_client, big)}
    assert templates == {
        "Acme Dental": "fully-managed",
        "Harbor Law": "co-managed",
        "Cedar Ridge Manufacturing": "internal-msp-backup",
    }
    for client in (client_co, other_client, big):
        current = state(client)
        rules = [f.rule for f in current.review.findings]
        assert rules.count("no_contract") == 1, client
        assert rules.count("no_accountable") >= 1, client
        assert "sole_responsible" in rules, client
        assert 3 <= len(rules) <= 8, (client, rules)
        assert current.pure.ceo().name == (client.primary_contact_name or current.pure.ceo().name)
        renewals = [p.renewal for p in current.parties if p.renewal]
        assert renewals and all(
            TODAY - dt.timedelta(days=30) <= r <= TODAY + dt.timedelta(days=600) for r in renewals
        )
    assert state(client_co).party("ERP").name == "PracticeWorks Dental"


def test_the_demo_matrices_are_deterministic_and_built_once(msp, client_co):
    seed_raci(msp, today=TODAY)
    first = state(client_co)
    seed_raci(msp, today=TODAY)  # a second build leaves the matrix alone
    again = state(client_co)
    assert again.assignments == first.assignments
    assert [(p.code, p.name, p.contract) for p in again.parties] == [
        (p.code, p.name, p.contract) for p in first.parties
    ]
