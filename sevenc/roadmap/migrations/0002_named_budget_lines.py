"""Stored roadmap budgets change from positional rows [period, one_time, recurring] to named ones."""

from django.db import migrations


def _named(rows):
    return [
        row if isinstance(row, dict) else {"period": row[0], "one_time": row[1], "recurring": row[2]}
        for row in rows
    ]


def forwards(apps, schema_editor):
    RoadmapRun = apps.get_model("roadmap", "RoadmapRun")
    for run in RoadmapRun.objects.all():
        budget = run.budget or {}
        run.budget = {key: _named(budget.get(key, [])) for key in ("quarters", "years")}
        RoadmapRun.objects.filter(pk=run.pk).update(budget=run.budget)


def backwards(apps, schema_editor):
    RoadmapRun = apps.get_model("roadmap", "RoadmapRun")
    for run in RoadmapRun.objects.all():
        budget = run.budget or {}
        positional = {
            key: [[r["period"], r["one_time"], r["recurring"]] for r in budget.get(key, [])]
            for key in ("quarters", "years")
        }
        RoadmapRun.objects.filter(pk=run.pk).update(budget=positional)


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
