"""The execution pages in use: My work across clients, a client's week / month / quarter with its meeting,
one work item, the private calendar, reminders and `sevenc worklist`."""

from __future__ import annotations

import datetime as dt
import json

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.execution.models import Meeting, WorkItem
from sevenc.execution.reminders import reminders, send
from sevenc.feeds.services import create_calendar_feed

runner = CliRunner()


def _due_today_and_late(items):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    WorkItem.objects.filter(pk=items[0].pk).update(start=today, due=today)
    WorkItem.objects.filter(pk=items[1].pk).update(
        start=today - dt.timedelta(days=20), due=today - dt.timedelta(days=10)
    )
    return WorkItem.objects.get(pk=items[0].pk), WorkItem.objects.get(pk=items[1].pk)


def test_my_work_lists_overdue_and_this_weeks_work_across_clients(client, vcio, items):
    due, late = _due_today_and_late(items)
    client.force_login(vcio)
    page = client.get(reverse("my_work")).content.decode()
    overdue_part = page.split('id="overdue-h"')[1].split('id="week-h"')[0]
    week_part = page.split('id="week-h"')[1].split('id="next-h"')[0]
    assert late.title in overdue_part and due.title in week_part
    filtered = client.get(reverse("my_work"), {"status": "blocked"}).content.decode()
    assert due.title not in filtered


def test_the_client_week_shows_the_agenda_and_records_the_meeting(client, vcio, client_co, items):
    _, late = _due_today_and_late(items)
    client.force_login(vcio)
    url = reverse("client_execution", args=[client_co.pk])
    page = client.get(url, {"cadence": "week"}).content.decode()
    assert "Overdue (1): agree a new date or unblock" in page and late.title in page
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    response = client.post(
        url + "?cadence=week",
        {
            "cadence": "week",
            "date": monday.isoformat(),
            "agenda": "x",
            "decisions": "Ship it",
            "notes": "",
            "version": "0",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(client=client_co, cadence="week")
    assert (meeting.date, meeting.decisions, meeting.recorded_by) == (monday, "Ship it", vcio)


def test_the_quarter_view_sets_hours_and_budget_against_the_plan(client, vcio, client_co, items):
    client.force_login(vcio)
    day = items[0].start.isoformat()
    page = client.get(reverse("client_execution", args=[client_co.pk]), {"cadence": "quarter", "date": day})
    assert "The quarter against its plan" in page.content.decode()


def test_a_client_viewer_reads_the_execution_pages_but_changes_nothing(
    client, client_viewer, client_co, items
):
    client.force_login(client_viewer)
    assert client.get(reverse("client_execution", args=[client_co.pk])).status_code == 200
    assert client.get(reverse("work_item", args=[items[0].pk])).status_code == 200
    assert client.post(reverse("work_item_status", args=[items[0].pk]), {"status": "done"}).status_code == 404
    assert client.get(reverse("my_work")).status_code == 404  # the worklist is the MSP's


def test_editing_a_work_item_with_a_due_date_before_its_start_is_a_form_error(client, vcio, items):
    item = items[0]
    client.force_login(vcio)
    response = client.post(
        reverse("work_item", args=[item.pk]),
        {
            "owner": f"u{vcio.pk}",
            "start": "2027-02-10",
            "due": "2027-02-01",
            "estimated_hours": "4",
            "version": item.version,
        },
    )
    assert response.status_code == 200 and "is before the start" in response.content.decode()
    assert WorkItem.objects.get(pk=item.pk).due == item.due


def test_the_calendar_feed_carries_due_work_and_is_revocable(client, vcio, items, client_co):
    from sevenc.tenancy.access import Caller

    token = create_calendar_feed(actor=Caller.of_membership(vcio.membership))
    due, _ = _due_today_and_late(items)
    ics = client.get(reverse("calendar_feed", args=[token]))
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert f"Due: {due.title} ({client_co.name})" in [str(event["SUMMARY"]) for event in events]
    client.force_login(vcio)
    client.post(reverse("calendar_revoke"))
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404
    assert client.get(reverse("calendar_feed", args=["guess"])).status_code == 404


def test_one_reminder_per_person_with_their_overdue_and_this_weeks_work(items, msp, vcio):
    _due_today_and_late(items)
    found = reminders([msp], timezone.localdate())
    assert [r.to for r in found] == [vcio.email]
    assert found[0].count == 2 and "1 overdue, 1 due this week" in found[0].subject
    assert send(found) == 1 and "/work/items/" in mail.outbox[0].body


def test_the_worklist_command_prints_this_weeks_and_overdue_work_as_json(items, msp, vcio):
    due, late = _due_today_and_late(items)
    result = runner.invoke(app, ["worklist", "--msp", msp.name, "--user", "vcio", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["title"] for row in rows} == {due.title, late.title}
    assert set(rows[0]) == {"client", "title", "item", "owner", "start", "due", "status"}
    assert runner.invoke(app, ["worklist", "--msp", msp.name, "--user", "nobody"]).exit_code == 2
    assert runner.invoke(app, ["remind", "--dry-run", "--today", "soon"]).exit_code == 2


def test_the_remind_dry_run_names_recipient_subject_and_count(items, msp, vcio):
    _due_today_and_late(items)
    result = runner.invoke(app, ["remind", "--dry-run", "--msp", msp.name])
    assert result.exit_code == 0, result.output
    assert f"{vcio.email}\tsevenc: 1 overdue, 1 due this week\t2 item(s)" in result.stdout
    assert mail.outbox == []
