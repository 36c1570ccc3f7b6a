"""The kinds of job sevenc knows: a name, the function the worker runs, and who may start one again.

A domain declares its kinds in its own `jobs.py`, which `JobsConfig.ready` imports in every process:

    @job_kind("roadmap.optimise", roles=MANAGERS)
    def optimise(run: JobRun) -> None:
        ...                                  # long work: no transaction held, progress through `run`
        with run.finishing() as outcome:     # one transaction: store the result, mark the job done
            outcome.result = {"run": store(...).pk}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sevenc.jobs.workflow import OWNER, SYSTEM, VCIO

if TYPE_CHECKING:
    from sevenc.jobs.runner import JobRun

Handler = Callable[["JobRun"], None]
MANAGERS = (OWNER, VCIO, SYSTEM)


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Handler
    roles: tuple[str, ...]  # who may start a failed or stuck job of this kind again


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, roles: tuple[str, ...] = MANAGERS) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of jobs of kind `name` (e.g. "reports.batch")."""

    def register(handler: Handler) -> Handler:
        known = KINDS.get(name)
        if known is not None and known.handler.__qualname__ != handler.__qualname__:
            raise ValueError(f"job kind {name!r} is declared twice")
        KINDS[name] = JobKind(name, handler, tuple(roles))
        return handler

    return register


def kind_of(name: str) -> JobKind | None:
    return KINDS.get(name)
