"""Who may do what to an assessment, by role and phase. Pure rules: plain values in, answers out.

Phase 1 (draft): the assigned engineer fills levels, status and evidence, then submits.
Phase 2 (draft or submitted): a vCIO or owner reviews, adjusts any level, adds risk and solution, and
completes — or returns a submitted assessment to the engineer. Completion makes it final for good.
Client viewers only read completed assessments. The CLI (role "system") may complete an imported one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sevenc.assessments.exchange import NOTE_FIELDS
from sevenc.lib.transitions import TransitionTable

DRAFT, SUBMITTED, COMPLETED = "draft", "submitted", "completed"
OWNER, VCIO, ENGINEER, CLIENT_VIEWER, SYSTEM = "owner", "vcio", "engineer", "client_viewer", "system"
MANAGERS = (OWNER, VCIO)
ENGINEER_NOTES = ("status", "evidence")  # facts; risk and solution are the vCIO's judgement

MOVES = TransitionTable.of(
    "assessment",
    [
        (DRAFT, SUBMITTED, (OWNER, VCIO, ENGINEER, SYSTEM)),  # an engineer only when assigned (`rights`)
        (SUBMITTED, DRAFT, (*MANAGERS, SYSTEM)),  # back to the engineer for another look
        (DRAFT, COMPLETED, (*MANAGERS, SYSTEM)),
        (SUBMITTED, COMPLETED, (*MANAGERS, SYSTEM)),
    ],
)


@dataclass(frozen=True)
class Rights:
    """What the caller may do to one assessment right now."""

    view: bool
    edit_levels: bool
    notes: tuple[str, ...]  # the note fields the caller may write
    submit: bool
    complete: bool
    reopen: bool = False

    @property
    def read_only(self) -> bool:
        return not self.edit_levels and not self.notes


def rights(*, role: str, status: str, assigned_to_caller: bool) -> Rights:
    def may(target: str) -> bool:
        return MOVES.permits(role=role, source=status, target=target)

    if role == CLIENT_VIEWER:
        return Rights(view=status == COMPLETED, edit_levels=False, notes=(), submit=False, complete=False)
    if status == COMPLETED:
        return Rights(view=True, edit_levels=False, notes=(), submit=False, complete=False)
    if role in (*MANAGERS, SYSTEM):
        return Rights(
            view=True,
            edit_levels=True,
            notes=NOTE_FIELDS,
            submit=may(SUBMITTED),
            complete=may(COMPLETED),
            reopen=may(DRAFT),
        )
    if role == ENGINEER and status == DRAFT and assigned_to_caller:
        return Rights(
            view=True, edit_levels=True, notes=ENGINEER_NOTES, submit=may(SUBMITTED), complete=False
        )
    return Rights(view=True, edit_levels=False, notes=(), submit=False, complete=False)
