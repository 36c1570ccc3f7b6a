"""The roadmap's background jobs: optimising a workshop's roadmap (also after adopting a frontier point's
budgets) and computing its budget → ITCQ frontier.

The pages start them (`start_optimise`, `start_adopt`, `start_frontier`) and show their cards; the worker
solves with no transaction held, then stores the run or frontier inside the job's finishing transaction, so
a result is stored once however often the work is delivered or started again (sevenc/jobs/runner.py).
One roadmap job and one frontier job at a time per workshop.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.urls import reverse

from sevenc.goals.models import Workshop
from sevenc.jobs.kinds import MANAGERS, job_kind
from sevenc.jobs.models import Job
from sevenc.jobs.runner import JobRun
from sevenc.jobs.services import start_job
from sevenc.roadmap.optimiser.frontier import FrontierError, check_factors
from sevenc.roadmap.projects import Frontier
from sevenc.roadmap.services.common import RoadmapError
from sevenc.roadmap.services.frontier import adopt_frontier_budgets, solve_frontier, store_frontier
from sevenc.roadmap.services.runs import plan_roadmap, store_roadmap
from sevenc.tenancy.access import Caller

OPTIMISE, FRONTIER = "roadmap.optimise", "roadmap.frontier"
TIME_LIMIT = 10.0  # seconds per solve, as before the work moved off the request path


def roadmap_subject(workshop_pk: int) -> str:
    return f"roadmap:workshop:{workshop_pk}"


def frontier_subject(workshop_pk: int) -> str:
    return f"frontier:workshop:{workshop_pk}"


def start_optimise(
    *, actor: Caller, workshop: Workshop, start: dict[str, Any] | None = None
) -> tuple[Job, bool]:
    """Queue the optimisation of the workshop's roadmap (from `start`, a frontier point's schedule, if
    given): (the job, True), or (the one already under way, False)."""
    params: dict[str, Any] = {"workshop": workshop.pk}
    if start is not None:
        params["start"] = start
    return start_job(
        actor=actor,
        kind=OPTIMISE,
        subject=roadmap_subject(workshop.pk),
        title=f"Optimising the roadmap of {workshop.client.name}",
        client=workshop.client,
        params=params,
        result_url=reverse("roadmap_page", args=[workshop.client_id]),
    )


def start_adopt(*, actor: Caller, frontier: Frontier, factor: Any) -> tuple[Job, bool]:
    """One frontier point's budgets become the quarters' budgets, and the roadmap is optimised again from
    its schedule in the background. Both or neither: a roadmap job already under way refuses it (JobBusy),
    and the budgets stay as they were."""
    with transaction.atomic():
        schedule = adopt_frontier_budgets(actor=actor, frontier=frontier, factor=factor)
        return start_optimise(actor=actor, workshop=frontier.workshop, start=schedule)


def start_frontier(*, actor: Caller, workshop: Workshop, factors: Sequence[Any]) -> tuple[Job, bool]:
    """Queue the budget → ITCQ frontier at these factors. Factors out of range are refused here, on the
    form, rather than by a job that would fail a moment later."""
    try:
        factors = check_factors(factors)
    except FrontierError as exc:
        raise RoadmapError(str(exc), field="factors") from None
    return start_job(
        actor=actor,
        kind=FRONTIER,
        subject=frontier_subject(workshop.pk),
        title=f"Computing the budget frontier of {workshop.client.name}",
        client=workshop.client,
        params={"workshop": workshop.pk, "factors": list(factors)},
        result_url=reverse("roadmap_page", args=[workshop.client_id]) + "#frontier-h",
    )


@job_kind(OPTIMISE, roles=MANAGERS)
def optimise(run: JobRun) -> None:
    workshop = run.get(Workshop, run.params["workshop"], what="workshop")
    run.progress(message=f"Solving: the best schedule, proven within {TIME_LIMIT:g} s at most.")
    planned = plan_roadmap(workshop=workshop, time_limit=TIME_LIMIT, start=run.params.get("start"))
    with run.finishing() as outcome:
        stored = store_roadmap(actor=run.actor, planned=planned)
        gap = 100 * (stored.gap or 0)
        outcome.message = f"Optimised: {stored.solver_status}, proven gap {gap:.2f} %."
        outcome.result = {"run": stored.pk}


@job_kind(FRONTIER, roles=MANAGERS)
def frontier(run: JobRun) -> None:
    workshop = run.get(Workshop, run.params["workshop"], what="workshop")
    factors = run.params["factors"]
    run.progress(0, len(factors), "Solving the roadmap at each budget level.")

    def solved(done: int, total: int) -> None:
        run.progress(done, total, f"Solved {done} of {total} budget levels.")

    points = solve_frontier(workshop=workshop, factors=factors, time_limit=TIME_LIMIT, on_point=solved)
    with run.finishing() as outcome:
        stored = store_frontier(actor=run.actor, workshop=workshop, points=points)
        outcome.message = "Frontier computed: what each budget buys is below."
        outcome.result = {"frontier": stored.pk}
