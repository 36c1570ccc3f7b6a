"""Everything that changes recommendations, quarters and roadmaps. Keyword-only, one transaction each.

Computation lives in the pure modules (goals.gaps, roadmap.optimiser); these modules gather the stored
data, call them, and store the result — all or nothing, with `RoadmapError` (a DomainError) naming the
problem. State changes lock the row and check `sevenc.roadmap.workflow`'s transition tables.
"""

from sevenc.roadmap.services.common import RoadmapError
from sevenc.roadmap.services.frontier import adopt_frontier_point, compute_frontier
from sevenc.roadmap.services.library import set_template
from sevenc.roadmap.services.projects import remove_project, save_project
from sevenc.roadmap.services.quarters import plan_quarters, set_year_budget, update_quarter
from sevenc.roadmap.services.recommendations import (
    EDITABLE,
    add_recommendation,
    prefill_from_done_recommendations,
    propose_recommendations,
    proposed_levels,
    set_status,
    update_recommendation,
)
from sevenc.roadmap.services.runs import approve_roadmap, optimise_roadmap

__all__ = [
    "EDITABLE",
    "RoadmapError",
    "add_recommendation",
    "adopt_frontier_point",
    "approve_roadmap",
    "compute_frontier",
    "optimise_roadmap",
    "plan_quarters",
    "prefill_from_done_recommendations",
    "propose_recommendations",
    "proposed_levels",
    "remove_project",
    "save_project",
    "set_status",
    "set_template",
    "set_year_budget",
    "update_quarter",
    "update_recommendation",
]
