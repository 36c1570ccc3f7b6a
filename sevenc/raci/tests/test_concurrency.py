"""Two vCIOs save the same cell at the same moment, in two threads with their own database connections:
exactly one save wins, the other is refused with the winner's letters (the party row is locked first).

PostgreSQL only: the SQLite test database lives in memory with a shared cache, whose table locks do not
wait (a file database, as sevenc runs it, waits up to 20 s and begins each transaction IMMEDIATE)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from sevenc.raci.services import CellConflict, set_cell, start_matrix
from sevenc.raci.tests.conftest import state
from sevenc.tenancy.access import Caller


@pytest.mark.parametrize("area", ["RA-CONT-001", "RA-CONT-002"])  # a filled cell (MSP: RA), then an empty one
def test_of_two_simultaneous_saves_of_one_cell_exactly_one_wins(transactional_db, msp, client_co, area):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database whose locks wait: run with SEVENC_DATABASE_URL=postgres://…")
    actor = Caller.system(msp)
    start_matrix(actor=actor, client=client_co, template="fully-managed")
    code = "MSP" if area == "RA-CONT-001" else "ISP"
    party = state(client_co).party(code)
    version = state(client_co).version(area, party)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(letters: str) -> None:
        try:
            barrier.wait()
            set_cell(actor=actor, party=party, area_code=area, letters=letters, expected_version=version)
            outcomes[letters] = "saved"
        except CellConflict as exc:
            outcomes[letters] = f"refused, stored {exc.letters}"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(letters,)) for letters in ("R", "C")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    winner = next(letters for letters, outcome in outcomes.items() if outcome == "saved")
    loser = "C" if winner == "R" else "R"
    assert outcomes[loser] == f"refused, stored {winner}"
    after = state(client_co)
    assert (after.letters(area, after.party(code)), after.version(area, after.party(code))) == (
        winner,
        version + 1,
    )
