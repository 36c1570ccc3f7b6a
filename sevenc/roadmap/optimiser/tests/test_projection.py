import datetime as dt

import pytest

from sevenc.assessments.scoring import Answer, ScoringItem, score
from sevenc.goals.gaps import analyse
from sevenc.roadmap.optimiser.projection import Spend, budget_by_quarter, budget_by_year, project
from sevenc.roadmap.optimiser.quarters import quarter_of, upcoming_quarters

ITEMS = [
    ScoringItem("A.1.1", "A.1", "A", 2),
    ScoringItem("A.1.2", "A.1", "A", 1),
    ScoringItem("B.1.1", "B.1", "B", 3),
]
ANSWERS = {"A.1.1": Answer(1), "A.1.2": Answer(0), "B.1.1": Answer(2)}


def test_projection_rescores_after_each_quarters_deliveries():
    points = project(ITEMS, ANSWERS, {}, ["Q1", "Q2", "Q3"], {"A.1.1": (1, 3), "B.1.1": (3, 4)})
    after_q1 = score(ITEMS, {**ANSWERS, "A.1.1": Answer(3)}).itcq
    after_q3 = score(ITEMS, {**ANSWERS, "A.1.1": Answer(3), "B.1.1": Answer(4)}).itcq
    assert [p.itcq for p in points] == pytest.approx([after_q1, after_q1, after_q3])
    assert points[2].blocks["B"] == 100.0


def test_area_under_the_projection_equals_the_optimisers_objective():
    analysis = analyse(ITEMS, ANSWERS, {}, {"A": 100, "B": 100}, {})
    schedule = {"A.1.1": 1, "A.1.2": 2, "B.1.1": 2}
    delivered = {g.item: (schedule[g.item], g.target_level) for g in analysis.gaps}
    points = project(ITEMS, ANSWERS, {}, ["Q1", "Q2", "Q3"], delivered)
    area = sum(p.itcq - analysis.itcq for p in points)
    objective = sum(g.gain * (3 - schedule[g.item] + 1) for g in analysis.gaps)
    assert area == pytest.approx(objective)


def test_recurring_costs_run_from_their_quarter_on_and_years_add_up():
    lines = budget_by_quarter(["Q1", "Q2", "Q3"], [Spend(1, 1000, 50), Spend(2, 500, 0), Spend(3, 0, 100)])
    assert [(line.one_time, line.recurring) for line in lines] == [(1000, 150), (500, 150), (0, 450)]
    years = budget_by_year(lines, ["FY1", "FY1", "FY2"])
    assert [(y.period, y.one_time, y.recurring, y.total) for y in years] == [
        ("FY1", 1500, 300, 1800),
        ("FY2", 0, 450, 450),
    ]


def test_fiscal_quarters_follow_the_clients_fiscal_year():
    assert quarter_of(dt.date(2026, 9, 30), 1).label == "FY2026 Q3"
    july = quarter_of(dt.date(2026, 9, 30), 7)
    assert (july.label, july.start, july.end) == ("FY2027 Q1", dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    labels = [q.label for q in upcoming_quarters(dt.date(2026, 11, 15), 4)]
    assert labels == [
        "FY2027 Q4",
        "FY2028 Q1",
        "FY2028 Q2",
        "FY2028 Q3",
        "FY2028 Q4",
        "FY2029 Q1",
        "FY2029 Q2",
        "FY2029 Q3",
    ]
