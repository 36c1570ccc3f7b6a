"""Who may move a recommendation or a roadmap run from which state to which. Pure rules, no Django here.

The client approves (a vCIO may record the client's yes for them), MSP staff run the work, managers may
put work back. "done" is final. The CLI and the demo act as "system".
"""

from __future__ import annotations

from sevenc.lib.transitions import TransitionTable

OWNER, VCIO, ENGINEER, CLIENT_VIEWER, SYSTEM = "owner", "vcio", "engineer", "client_viewer", "system"
MANAGERS = (OWNER, VCIO, SYSTEM)
STAFF = (OWNER, VCIO, ENGINEER, SYSTEM)
APPROVERS = (OWNER, VCIO, CLIENT_VIEWER, SYSTEM)

PROPOSED, APPROVED, IN_PROGRESS, DONE, DEFERRED = "proposed", "approved", "in_progress", "done", "deferred"
OPEN = (PROPOSED, APPROVED, IN_PROGRESS)

RECOMMENDATION_MOVES = TransitionTable.of(
    "recommendation",
    [
        (PROPOSED, APPROVED, APPROVERS),
        (PROPOSED, DEFERRED, APPROVERS),
        (APPROVED, IN_PROGRESS, STAFF),
        (APPROVED, DEFERRED, APPROVERS),
        (APPROVED, PROPOSED, MANAGERS),
        (IN_PROGRESS, DONE, STAFF),
        (IN_PROGRESS, DEFERRED, MANAGERS),
        (DEFERRED, PROPOSED, MANAGERS),
    ],
)

RUN_PROPOSED, RUN_APPROVED = "proposed", "approved"
RUN_MOVES = TransitionTable.of("roadmap", [(RUN_PROPOSED, RUN_APPROVED, APPROVERS)])
