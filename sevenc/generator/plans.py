"""Workshops (targets, goals), recommendations from the gaps, and for the roadmap clients their quarters, an
approved roadmap run (the greedy schedule of the optimiser package, projected and costed by its pure code)
and the work it planned, under way as of the day: done, in progress, blocked, planned, with tasks and notes.

Written in bulk, the way the services would have left it: recommendations of an approved run carry its
quarter and due date and follow their work item's status (`execution.workflow.RECOMMENDATION_STATUS`).
Everything about a client's plan is decided first, keyed by item code, then each table is written once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sevenc.clients.models import Client
from sevenc.execution.models import ProgressNote, WorkItem, WorkTask
from sevenc.execution.scheduling import Job, spread
from sevenc.execution.workflow import BLOCKED, DONE, IN_PROGRESS, PLANNED, RECOMMENDATION_STATUS
from sevenc.generator.bulk import insert_rows
from sevenc.generator.portfolio import Latest, People
from sevenc.generator.shapes import ClientShape, block_target
from sevenc.goals.gaps import GapAnalysis, analyse
from sevenc.goals.models import BlockTarget, Goal, ItemTarget, Workshop
from sevenc.roadmap.models import Priority, QuarterPlan, Recommendation, RecommendationTemplate, RoadmapRun
from sevenc.roadmap.optimiser.greedy import greedy_schedule
from sevenc.roadmap.optimiser.plan_entries import RecommendationInput
from sevenc.roadmap.optimiser.planning import tasks_for
from sevenc.roadmap.optimiser.projection import BudgetLine, Spend, budget_by_quarter, budget_by_year, project
from sevenc.roadmap.optimiser.quarters import FiscalQuarter, quarter_of, upcoming_quarters
from sevenc.roadmap.optimiser.schedule import QuarterLimit, objective

HORIZON = 4
BATCH = 100
GOALS = (
    ("Keep serving customers through any outage", "continuity", ("CONT",)),
    ("Cut IT spend per seat", "systems", ("COST",)),
    ("Pass the next compliance audit without findings", "business_processes", ("COMP", "CTRL")),
    ("Onboard new staff in a day", "people", ("CONS",)),
    ("Know what IT costs and what it delivers", "operations", ("CLEAR", "COST")),
)
TASKS = (
    "Agree the scope and owner with the client",
    "Order or configure what is needed",
    "Roll out and document",
    "Hand over and confirm at the weekly meeting",
)
NOTES = {
    BLOCKED: "Waiting for the client's change window; chased at the weekly meeting.",
    IN_PROGRESS: "Kick-off done; first half of the rollout finished.",
}
TASKS_DONE = {DONE: 4, IN_PROGRESS: 2, BLOCKED: 1, PLANNED: 0}


def _lines(lines: Sequence[BudgetLine]) -> list[dict[str, object]]:
    return [{"period": b.period, "one_time": b.one_time, "recurring": b.recurring} for b in lines]


@dataclass
class Work:
    """A scheduled recommendation's work item, before it is written."""

    quarter: str
    start: dt.date
    due: dt.date
    status: str
    owner_id: int | None


@dataclass
class Plan:
    client: Client
    shape: ClientShape
    latest: Latest
    workshop: Workshop
    analysis: GapAnalysis
    quarters: list[FiscalQuarter] = field(default_factory=list)
    run: RoadmapRun | None = None
    work: dict[str, Work] = field(default_factory=dict)  # item code → its work


class PlanWriter:
    def __init__(
        self,
        people: People,
        blocks: dict[str, int],
        library: dict[int, RecommendationTemplate],
        items: dict[str, int],
        today: dt.date,
    ) -> None:
        self.people, self.blocks, self.library, self.items, self.today = people, blocks, library, items, today
        self.position = {code: n for n, code in enumerate(items)}
        self.counts = {"workshops": 0, "recommendations": 0, "roadmaps": 0, "work items": 0}

    def write(
        self, chosen: Sequence[tuple[Client, ClientShape, Latest]], advance: Callable[[int], None]
    ) -> None:
        for start in range(0, len(chosen), BATCH):
            batch = chosen[start : start + BATCH]
            plans = self._workshops(batch)
            for plan in plans:
                if plan.shape.stage == "roadmap":
                    self._schedule(plan)
            recs = self._recommendations(plans)
            self._runs([p for p in plans if p.run is not None], recs)
            advance(len(batch))

    # --- workshops -------------------------------------------------------------------------------------------

    def _workshops(self, batch: Sequence[tuple[Client, ClientShape, Latest]]) -> list[Plan]:
        held = [min(self.today, latest.assessment.as_of + dt.timedelta(days=14)) for _, _, latest in batch]
        workshops = Workshop.objects.bulk_create(
            Workshop(client=c, baseline=latest.assessment, held_on=day, target_date=day + dt.timedelta(365))
            for (c, _, latest), day in zip(batch, held, strict=True)
        )
        targets, item_targets, plans = [], [], []
        for workshop, (client, shape, latest) in zip(workshops, batch, strict=True):
            rng = shape.rng("targets")
            targeted = sorted(rng.sample(list(self.blocks), rng.randint(3, 5)), key=list(self.blocks).index)
            blocks = {code: block_target(latest.assessment.block_scores.get(code), rng) for code in targeted}
            explicit = {}
            if rng.random() < 0.3:
                answered = [(a.level, code) for code, a in latest.answers.items() if a.level is not None]
                if answered:
                    explicit[min(answered)[1]] = 3
            targets += [
                BlockTarget(workshop=workshop, block_id=self.blocks[c], score=s) for c, s in blocks.items()
            ]
            item_targets += [
                ItemTarget(workshop=workshop, item_id=self.items[c], level=v) for c, v in explicit.items()
            ]
            analysis = analyse(latest.items, latest.answers, {}, blocks, explicit)
            plans.append(Plan(client, shape, latest, workshop, analysis))
        BlockTarget.objects.bulk_create(targets)
        ItemTarget.objects.bulk_create(item_targets)
        goals: list[tuple[Goal, tuple[str, ...]]] = []
        links = []
        for plan in plans:
            for text, benefit, codes in plan.shape.rng("goals").sample(GOALS, 2):
                owner = plan.client.primary_contact_name
                goals.append(
                    (Goal(workshop=plan.workshop, text=text, benefit_group=benefit, owner=owner), codes)
                )
        for goal, (_, codes) in zip(Goal.objects.bulk_create([g for g, _ in goals]), goals, strict=True):
            links += [Goal.blocks.through(goal_id=goal.pk, block_id=self.blocks[c]) for c in codes]
        Goal.blocks.through.objects.bulk_create(links)
        self.counts["workshops"] += len(plans)
        return plans

    # --- the roadmap, decided by item code -------------------------------------------------------------------

    def _cost(self, code: str) -> tuple[float, float, float]:
        template = self.library.get(self.items[code])
        if template is None:
            return 0.0, 0.0, 0.0
        return float(template.one_time_cost), float(template.monthly_cost), float(template.effort_hours)

    def _schedule(self, plan: Plan) -> None:
        """Quarters from the workshop's, the greedy schedule over them, the run, and each item's work."""
        client, seats = plan.client, plan.client.seats or 50
        held_on = plan.workshop.held_on
        before = quarter_of(held_on, client.fiscal_year_start_month).start - dt.timedelta(days=1)
        plan.quarters = upcoming_quarters(before, client.fiscal_year_start_month, HORIZON)
        limits = [
            QuarterLimit(q.label, 4000.0 + 80 * seats, 60.0 + seats // 3, 600.0 + 8 * seats)
            for q in plan.quarters
        ]
        gaps = plan.analysis.gaps
        inputs = [
            RecommendationInput(g.item, g.item, g.item, *self._cost(g.item), (), None, False) for g in gaps
        ]
        labels = [q.label for q in plan.quarters]
        tasks = tasks_for(inputs, plan.analysis, labels)
        schedule = {code: q for code, q in (greedy_schedule(tasks, limits) or {}).items() if q}
        delivered = {g.item: (schedule[g.item], g.target_level) for g in gaps if g.item in schedule}
        projection = project(plan.latest.items, plan.latest.answers, {}, labels, delivered)
        spends = [Spend(q, *self._cost(code)[:2]) for code, q in schedule.items()]
        per_quarter = budget_by_quarter(labels, spends)
        per_year = budget_by_year(per_quarter, [f"FY{q.fiscal_year}" for q in plan.quarters])
        value = objective(tasks, schedule, HORIZON)
        vcio = client.vcio_id
        plan.run = RoadmapRun(
            client=client,
            workshop=plan.workshop,
            created_by_id=vcio,
            current_itcq=plan.analysis.itcq,
            objective=value,
            greedy_objective=value,
            solver_status="Greedy (sevenc generate)",
            seconds=0.0,
            schedule={code: labels[q - 1] for code, q in schedule.items()},  # re-keyed by id when written
            projection=[p.to_json() for p in projection],
            budget={"quarters": _lines(per_quarter), "years": _lines(per_year)},
            approved_at=dt.datetime.combine(held_on, dt.time(16), tzinfo=dt.UTC),
            approved_by_id=vcio,
        )
        rng = plan.shape.rng("work")
        owners = [vcio, self.people.engineers[plan.shape.number % len(self.people.engineers)].pk]
        for n, quarter in enumerate(plan.quarters, start=1):
            codes = [code for code, q in schedule.items() if q == n]
            priority = {g.item: Priority.HIGH if g.gain >= 1 else Priority.MEDIUM for g in gaps}
            jobs = [Job(c, self._cost(c)[2], order=priority[c] * 10_000 + self.position[c]) for c in codes]
            slots = spread(jobs, max(quarter.start, min(held_on, quarter.end)), quarter.end)
            for k, code in enumerate(codes):
                slot = slots[code]
                plan.work[code] = Work(
                    quarter.label,
                    slot.start,
                    slot.due,
                    self._status(rng, slot.start, slot.due),
                    owners[k % 2],
                )

    def _status(self, rng: Any, start: dt.date, due: dt.date) -> str:
        roll = rng.random()
        if due < self.today - dt.timedelta(days=3):
            return DONE if roll < 0.8 else (BLOCKED if roll < 0.88 else IN_PROGRESS)
        if start <= self.today:
            return IN_PROGRESS if roll < 0.8 else BLOCKED
        return PLANNED

    # --- writing ---------------------------------------------------------------------------------------------

    def _recommendations(self, plans: list[Plan]) -> dict[tuple[int, str], Recommendation]:
        rows = []
        for plan in plans:
            approved = plan.run.approved_at if plan.run is not None else None
            for gap in plan.analysis.gaps:
                template = self.library.get(self.items[gap.item])
                work = plan.work.get(gap.item)
                done_at = None
                if work is not None and work.status == DONE:
                    done_at = dt.datetime.combine(work.due, dt.time(15, 30), tzinfo=dt.UTC)
                rows.append(
                    Recommendation(
                        client=plan.client,
                        workshop=plan.workshop,
                        item_id=self.items[gap.item],
                        title=template.title if template else gap.item,
                        description=template.description if template else "",
                        one_time_cost=template.one_time_cost if template else 0,
                        monthly_cost=template.monthly_cost if template else 0,
                        effort_hours=template.effort_hours if template else 0,
                        delivered_by=template.delivered_by if template else "msp",
                        partner_name=template.partner_name if template else "",
                        priority=Priority.HIGH if gap.gain >= 1 else Priority.MEDIUM,
                        target_level=gap.target_level,
                        status=RECOMMENDATION_STATUS[work.status] if work else "proposed",
                        quarter=work.quarter if work else "",
                        due_date=work.due if work else None,
                        approved_by_id=plan.client.vcio_id if work else None,
                        approved_at=approved if work else None,
                        completed_at=done_at,
                        version=1 if work else 0,
                    )
                )
        created = Recommendation.objects.bulk_create(rows, batch_size=2000)
        self.counts["recommendations"] += len(created)
        codes = {pk: code for code, pk in self.items.items()}
        return {(rec.workshop_id, codes[rec.item_id]): rec for rec in created}

    def _runs(self, plans: list[Plan], recs: dict[tuple[int, str], Recommendation]) -> None:
        if not plans:
            return
        QuarterPlan.objects.bulk_create(
            QuarterPlan(
                client=plan.client,
                label=q.label,
                fiscal_year=q.fiscal_year,
                start=q.start,
                end=q.end,
                budget=4000 + 80 * (plan.client.seats or 50),
                capacity_hours=60 + (plan.client.seats or 50) // 3,
                recurring_ceiling=600 + 8 * (plan.client.seats or 50),
            )
            for plan in plans
            for q in plan.quarters
        )
        runs = []
        for plan in plans:
            assert plan.run is not None
            wid = plan.workshop.pk
            scheduled = plan.run.schedule
            plan.run.schedule = {
                str(recs[(wid, g.item)].pk): scheduled.get(g.item) for g in plan.analysis.gaps
            }
            runs.append(plan.run)
        RoadmapRun.objects.bulk_create(runs)
        items = [
            WorkItem(
                client=plan.client,
                recommendation=recs[(plan.workshop.pk, code)],
                run=plan.run,
                quarter=work.quarter,
                start=work.start,
                due=work.due,
                estimated_hours=recs[(plan.workshop.pk, code)].effort_hours,
                owner_id=work.owner_id,
                status=work.status,
                completed_at=recs[(plan.workshop.pk, code)].completed_at,
                version=1,
            )
            for plan in plans
            for code, work in plan.work.items()
        ]
        created = WorkItem.objects.bulk_create(items, batch_size=2000)
        tasks = ((w.pk, title, k < TASKS_DONE[w.status], k) for w in created for k, title in enumerate(TASKS))
        insert_rows(WorkTask, ("item", "title", "done", "position"), tasks)
        now = dt.datetime.combine(self.today, dt.time(9), tzinfo=dt.UTC)
        notes = ((w.pk, w.owner_id, now, NOTES[w.status]) for w in created if w.status in NOTES)
        insert_rows(ProgressNote, ("item", "author", "created_at", "text"), notes)
        self.counts["roadmaps"] += len(runs)
        self.counts["work items"] += len(created)
