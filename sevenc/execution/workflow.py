"""Who may move a work item from which status to which. Pure rules, no Django here.

MSP staff run the work; an engineer starts, blocks and finishes it, a vCIO or owner may also defer it or
bring it back. "done" is final. The CLI and the demo act as "system".
"""

from __future__ import annotations

from sevenc.lib.transitions import TransitionTable

OWNER, VCIO, ENGINEER, SYSTEM = "owner", "vcio", "engineer", "system"
MANAGERS = (OWNER, VCIO, SYSTEM)
STAFF = (OWNER, VCIO, ENGINEER, SYSTEM)

PLANNED, IN_PROGRESS, BLOCKED, DONE, DEFERRED = "planned", "in_progress", "blocked", "done", "deferred"
STATUSES = (PLANNED, IN_PROGRESS, BLOCKED, DONE, DEFERRED)
OPEN = (PLANNED, IN_PROGRESS, BLOCKED)

WORK_MOVES = TransitionTable.of(
    "work item",
    [
        (PLANNED, IN_PROGRESS, STAFF),
        (PLANNED, BLOCKED, STAFF),
        (PLANNED, DONE, STAFF),
        (PLANNED, DEFERRED, MANAGERS),
        (IN_PROGRESS, BLOCKED, STAFF),
        (IN_PROGRESS, DONE, STAFF),
        (IN_PROGRESS, PLANNED, MANAGERS),
        (IN_PROGRESS, DEFERRED, MANAGERS),
        (BLOCKED, IN_PROGRESS, STAFF),
        (BLOCKED, DEFERRED, MANAGERS),
        (DEFERRED, PLANNED, MANAGERS),
    ],
)

# What the recommendation says once its work item moves (the recommendation mirrors its work item).
RECOMMENDATION_STATUS = {
    PLANNED: "approved",
    IN_PROGRESS: "in_progress",
    BLOCKED: "in_progress",
    DONE: "done",
    DEFERRED: "deferred",
}
