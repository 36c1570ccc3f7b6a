"""`sevenc plan` in a fresh process, as users run it: stdout must hold the JSON and nothing else."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.goals.gaps import analyse
from sevenc.roadmap.optimiser.frontier import scaled
from sevenc.roadmap.optimiser.plan_input import parse_plan
from sevenc.roadmap.optimiser.planning import tasks_for
from sevenc.roadmap.optimiser.schedule import violations

CLI = [sys.executable, "-c", "from sevenc.cli.main import run; run()", "plan"]


def run_plan(path, *args):
    return subprocess.run([*CLI, str(path), *args], capture_output=True, text=True, timeout=120, check=False)


def test_json_output_is_only_the_roadmap_and_keeps_every_rule(tmp_path, plan_doc, resolve):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    done = run_plan(path, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)  # fails on any banner or solver log
    assert set(out) == {"schedule", "projection", "objective", "greedy_objective", "gap", "status", "seconds"}
    assert out["objective"] >= out["greedy_objective"]
    assert [p["quarter"] for p in out["projection"]] == ["FY2027 Q1", "FY2027 Q2", "FY2027 Q3"]
    plan_input = parse_plan(plan_doc, resolve)
    labels = [q.label for q in plan_input.quarters]
    schedule = {rid: labels.index(label) + 1 if label else None for rid, label in out["schedule"].items()}

    analysis = analyse(
        plan_input.items, plan_input.doc.answers(), {}, plan_input.block_targets, plan_input.item_targets
    )
    tasks = tasks_for(plan_input.recommendations, analysis, labels)
    assert violations(tasks, plan_input.quarters, schedule) == []


def test_readable_output_shows_the_schedule_and_the_projected_itcq(tmp_path, plan_doc):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    done = run_plan(path)
    assert done.returncode == 0, done.stderr
    assert "Projected ITCQ at each quarter-end" in done.stdout
    assert "FY2027 Q3" in done.stdout and "proven gap" in done.stdout


def test_bad_input_exits_2_with_the_reason_on_stderr(tmp_path, plan_doc):
    plan_doc["recommendations"][0]["depends_on"] = ["backup-process"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    done = run_plan(path, "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "dependency cycle backup-policy → backup-process → backup-policy" in done.stderr


def test_frontier_json_has_one_point_per_factor_in_order_each_within_its_budgets(tmp_path, plan_doc, resolve):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    done = run_plan(path, "--frontier", "1.5,0.5,1", "--json", "--processes", "2")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)  # nothing but the JSON, from the worker processes too
    assert list(out) == ["frontier"]
    points = out["frontier"]
    assert [p["factor"] for p in points] == [0.5, 1.0, 1.5]
    keys = {"factor", "budget_total", "objective", "itcq_at_horizon", "status", "gap", "schedule"}
    assert all(set(p) == keys for p in points)
    assert [p["budget_total"] for p in points] == [4500.0, 9000.0, 13500.0]
    objectives = [p["objective"] for p in points]
    assert objectives == sorted(objectives)
    plan_input = parse_plan(plan_doc, resolve)
    labels = [q.label for q in plan_input.quarters]
    analysis = analyse(
        plan_input.items, plan_input.doc.answers(), {}, plan_input.block_targets, plan_input.item_targets
    )
    tasks = tasks_for(plan_input.recommendations, analysis, labels)
    for point in points:
        assert point["status"] in {"Optimal", "Gap proven"} and point["gap"] <= 0.01 + 1e-9
        assert set(point["schedule"]) == {t.id for t in tasks}
        schedule = {rid: labels.index(q) + 1 if q else None for rid, q in point["schedule"].items()}
        assert violations(tasks, scaled(plan_input.quarters, point["factor"]), schedule) == []


def test_frontier_table_shows_what_each_budget_buys(tmp_path, plan_doc):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    done = CliRunner().invoke(app, ["plan", str(path), "--frontier", "0.5,1"])
    assert done.exit_code == 0, done.output
    assert "Budget → ITCQ frontier — Acme Dental" in done.output
    assert "+4,500" in done.output  # the extra budget from the first point to the second


def test_the_currency_names_the_amounts_in_the_tables(tmp_path, plan_doc):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    roadmap = CliRunner().invoke(app, ["plan", str(path), "--currency", "EUR"])
    assert roadmap.exit_code == 0, roadmap.output
    assert "Roadmap — Acme Dental (amounts in EUR)" in roadmap.output
    frontier = CliRunner().invoke(app, ["plan", str(path), "--frontier", "0.5,1", "--currency", "EUR"])
    assert "Acme Dental (amounts in EUR)" in frontier.output


def test_an_unknown_currency_exits_2_naming_it(tmp_path, plan_doc):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    done = run_plan(path, "--currency", "Euros")
    assert done.returncode == 2
    assert "--currency: 'Euros' is not an ISO 4217 currency code" in done.stderr
    assert "Traceback" not in done.stderr


def change(plan_doc, where, n, **fields):
    entries = plan_doc.setdefault(where, [])
    while len(entries) <= n:
        entries.append({"id": f"project-{len(entries)}", "title": "Office move", "one_time_cost": 100})
    entries[n].update(fields)


@pytest.mark.parametrize(
    ("args", "edit", "message"),
    [
        (["--frontier", "0,1"], None, "factors[0]: 0 must be above 0"),
        (["--frontier", "-1"], None, "factors[0]: -1 must be above 0"),
        (["--frontier", "half,1"], None, "factors[0]: 'half' is not a number"),
        (["--frontier", ""], None, "factors: give at least one budget factor"),
        (["--frontier", "1,1"], None, "factors[1]: 1 is given twice"),
        ([], ("quarters", 1, {"budget": -100}), "quarters[1] ('FY2027 Q2'): budget: -100 is out of range"),
        ([], ("quarters", 0, {"budget": True}), "quarters[0] ('FY2027 Q1'): budget: true is not a number"),
        (
            [],
            ("projects", 0, {"depends_on": ["project-0"]}),
            "projects[0] (id 'project-0'): depends on itself",
        ),
        (
            ["--frontier", "1"],
            ("projects", 1, {"depends_on": ["project-0"]}),
            "dependency cycle project-0 → project-1 → project-0",
        ),
        (
            [],
            ("projects", 0, {"items": ["CONT.9.9"]}),
            "projects[0] (id 'project-0'): unknown item 'CONT.9.9'",
        ),
        ([], ("recommendations", 0, {"item": "NOPE.1.1"}), "unknown item 'NOPE.1.1'"),
        ([], ("projects", 0, {"effort_hours": False}), "effort_hours: false is not a number"),
    ],
)
def test_bad_input_exits_2_naming_the_entry_without_a_traceback(tmp_path, plan_doc, args, edit, message):
    if edit is not None:
        where, n, fields = edit
        change(plan_doc, where, n, **fields)
        if where == "projects" and message.startswith("dependency cycle"):
            change(plan_doc, "projects", 0, depends_on=["project-1"])
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_doc))
    done = CliRunner().invoke(app, ["plan", str(path), "--json", *args])
    assert done.exit_code == 2, done.output
    assert message in done.output and "Traceback" not in done.output
