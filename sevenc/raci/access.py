"""Who may change a responsibility matrix: the MSP's owners and vCIOs (and the system: the CLI, the demo).

Engineers and client viewers see the matrix; the views offer them no editing, and the services refuse it
too, so no other path (a forged POST, a script) gets round the rule.
"""

from __future__ import annotations

from sevenc.lib.errors import NotAllowed
from sevenc.tenancy.access import MANAGERS, SYSTEM, Caller

EDITORS = (*MANAGERS, SYSTEM)


def can_edit(actor: Caller) -> bool:
    return actor.role in EDITORS


def require_manager(actor: Caller) -> None:
    if not can_edit(actor):
        raise NotAllowed("only the MSP's owners and vCIOs may change a responsibility matrix", field="role")
