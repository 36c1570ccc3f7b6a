"""`sevenc audit --msp NAME [--since DATE] [--json]`: the MSP's trail; bad input exits 2 with one line."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone
from typer.testing import CliRunner

from sevenc.audit.context import acting
from sevenc.audit.models import Event
from sevenc.cli.main import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_the_json_is_a_list_of_events_with_time_actor_via_action_object_client_and_changes(
    msp, client_co, owner
):
    with acting(user=owner, via="web"):
        client_co.seats = 50
        client_co.save()
    result = run("audit", "--msp", msp.name, "--json")
    assert result.exit_code == 0, result.stderr
    events = json.loads(result.stdout)
    newest = events[0]
    assert set(newest) == {
        "time",
        "actor",
        "via",
        "action",
        "model",
        "object_id",
        "object",
        "client",
        "changes",
    }
    assert dt.datetime.fromisoformat(newest["time"]).tzinfo is not None
    assert newest == {
        **newest,
        "actor": "owner",
        "via": "web",
        "action": "changed",
        "model": "clients.client",
        "object_id": str(client_co.pk),
        "object": "Acme Dental",
        "client": "Acme Dental",
        "changes": {"seats": {"before": 42, "after": 50}},
    }
    assert all(event["model"] != "tenancy.msp" or event["object"] == msp.name for event in events)


def test_since_leaves_out_older_changes_and_the_table_counts_them(msp, client_co):
    Event.objects.filter(msp=msp).update(at=timezone.now() - dt.timedelta(days=30))
    client_co.seats = 51
    client_co.save()
    since = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    events = json.loads(run("audit", "--msp", msp.name, "--since", since, "--json").stdout)
    assert [(e["action"], e["changes"]) for e in events] == [
        ("changed", {"seats": {"before": 42, "after": 51}})
    ]
    table = run("audit", "--msp", msp.name, "--since", since)
    assert table.exit_code == 0
    assert f"1 change(s) since {since}" in table.stdout


def test_another_msps_trail_is_not_shown(msp, other_msp, client_co):
    events = json.loads(run("audit", "--msp", other_msp.name, "--json").stdout)
    assert "Acme Dental" not in json.dumps(events)


def test_bad_input_exits_2_with_one_line(msp):
    bad_date = run("audit", "--msp", msp.name, "--since", "yesterday")
    assert bad_date.exit_code == 2
    assert bad_date.stderr.strip() == "error: --since: 'yesterday' is not a date YYYY-MM-DD"
    unknown = run("audit", "--msp", "Nobody Ltd")
    assert unknown.exit_code == 2
    assert len(unknown.stderr.strip().splitlines()) == 1 and "no MSP called 'Nobody Ltd'" in unknown.stderr
