"""`sevenc plan` in a fresh process, as users run it: stdout must hold the JSON and nothing else."""

import json
import subprocess
import sys

from sevenc.goals.gaps import analyse
from sevenc.roadmap.plan_input import parse_plan
from sevenc.roadmap.planning import tasks_for
from sevenc.roadmap.schedule import violations

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
