"""Which models the audit trail follows, and how each one is named and what its named actions are.

One table for every domain, by model label, so the audit package imports no domain (no import cycle) and a
new domain adds one line here: `tests` fail when a tenant-owned model is neither here nor in `EXEMPT`.
A change made with `QuerySet.update()` or `bulk_create()` sends no model signal: such services record it
themselves through `sevenc.audit.record` (see docs/architecture.md).
The one writer left unaudited on purpose is `sevenc generate` (sevenc/generator: test and benchmark data in
bulk, millions of rows; docs/deploy.md, "Audit trail").

A token's secret hash is masked by name, like every field called …hash, …token, …secret, password or key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SET = object()  # "a value where there was none", e.g. approved_at being set

# Never worth a line in the trail: bookkeeping that changes with every save.
NOISE = frozenset({"version", "updated_at", "created_at", "updated_by", "loaded_at"})


@dataclass(frozen=True)
class Track:
    """How the trail follows one model."""

    # (field, new value or SET, action): a save that makes the field so is that action, not "changed".
    actions: tuple[tuple[str, Any, str], ...] = ()
    created: str = "created"
    deleted: str = "deleted"
    skip: frozenset[str] = frozenset()  # fields left out (large or derived), besides NOISE
    m2m: tuple[str, ...] = ()  # many-to-many fields whose changes are recorded
    name: Callable[[Any], str] | None = None  # the object's readable name (default: str(obj))


def _status(*pairs: tuple[str, str]) -> tuple[tuple[str, Any, str], ...]:
    return tuple(("status", value, action) for value, action in pairs)


def _response_name(response: Any) -> str:
    return f"{response.item.code} in {response.assessment.title}"


def _cell_name(cell: Any) -> str:
    return f"{cell.area_code} × {cell.party.code}"


def _user_name(user: Any) -> str:
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def _membership_name(membership: Any) -> str:
    return f"{_user_name(membership.user)} as {membership.get_role_display()}"


def _token_name(token: Any) -> str:
    return f"API token {token.name!r} of {_user_name(token.user)}"


def _feed_name(feed: Any) -> str:
    return f"calendar feed of {_user_name(feed.user)}"


TRACKED: dict[str, Track] = {
    "tenancy.msp": Track(),
    "tenancy.membership": Track(name=_membership_name),
    "auth.user": Track(skip=frozenset({"last_login", "date_joined"}), name=_user_name),
    "clients.client": Track(),
    "assessments.assessment": Track(
        actions=_status(
            ("submitted", "submitted"), ("completed", "completed"), ("draft", "returned to draft")
        ),
        # completed_at/by: said by the action and the actor; level_digits: derived from the responses
        skip=frozenset({"completed_at", "completed_by", "level_digits"}),
    ),
    "assessments.response": Track(name=_response_name),
    "goals.workshop": Track(),
    "goals.goal": Track(m2m=("blocks", "items")),
    "roadmap.recommendationtemplate": Track(),
    "roadmap.initiative": Track(),
    "roadmap.recommendation": Track(
        actions=_status(
            ("approved", "approved"),
            ("in_progress", "started"),
            ("done", "completed"),
            ("deferred", "deferred"),
        ),
        skip=frozenset({"approved_at", "approved_by", "completed_at"}),
        m2m=("depends_on",),
    ),
    "roadmap.quarterplan": Track(),
    "roadmap.roadmaprun": Track(
        created="optimised",
        actions=(("approved_at", SET, "approved"),),
        skip=frozenset({"schedule", "projection", "budget", "seconds", "approved_by", "created_by"}),
    ),
    "roadmap.frontier": Track(created="computed", skip=frozenset({"points", "created_by"})),
    "roadmap.project": Track(
        actions=_status(
            ("approved", "approved"),
            ("in_progress", "started"),
            ("done", "completed"),
            ("deferred", "deferred"),
        ),
        skip=frozenset({"completed_at"}),
        m2m=("items", "after_recommendations", "after_projects"),
    ),
    "execution.workitem": Track(
        actions=_status(
            ("in_progress", "started"),
            ("blocked", "blocked"),
            ("done", "completed"),
            ("deferred", "deferred"),
        ),
        skip=frozenset({"completed_at"}),
    ),
    "execution.worktask": Track(actions=(("done", True, "ticked"), ("done", False, "unticked"))),
    "execution.progressnote": Track(),
    "execution.meeting": Track(),
    "reports.reviewmeeting": Track(
        created="planned",
        actions=_status(("held", "held")),
        skip=frozenset({"snapshot", "held_at", "held_by"}),  # the frozen report is the review's own record
    ),
    "raci.matrix": Track(created="started", skip=frozenset({"started_at", "started_by"})),
    "raci.party": Track(),
    "raci.cell": Track(name=_cell_name),
    "raci.msparea": Track(actions=(("retired_at", SET, "retired"),), m2m=("items",)),
    "offering.service": Track(m2m=("items",)),
    "feeds.calendarfeed": Track(deleted="revoked", name=_feed_name),
    # last_used_at moves on every use (at most once a minute): not a change anyone made.
    "tokens.apitoken": Track(deleted="revoked", name=_token_name, skip=frozenset({"last_used_at"})),
}

# Tenant-owned models the trail does not follow row by row, each for a stated reason.
EXEMPT: dict[str, str] = {
    "audit.event": "the trail itself",
    "jobs.job": "a record of work under way; what a job changes is recorded, acted as 'job: … started by …'",
    "assessments.latestscore": "derived from the completed assessments (each completion is recorded); kept in "
    "step by the completing service for the portfolio's sorting",
    "goals.blocktarget": "recorded as one event on their workshop (goals.services.set_targets)",
    "goals.itemtarget": "recorded as one event on their workshop (goals.services.set_targets)",
    # A person's second factor holds secrets (the authenticator key, recovery codes): recorded as one event
    # on the person instead ("two-factor enrolled", "… disabled", "recovery codes regenerated"; signin).
    "otp_totp.totpdevice": "a secret; recorded on its user by sevenc.signin.twofactor",
    "otp_static.staticdevice": "a secret; recorded on its user by sevenc.signin.twofactor",
    "otp_static.statictoken": "a recovery code is a secret; recorded on its user by sevenc.signin.twofactor",
}
