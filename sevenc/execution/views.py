"""Execution pages: a person's worklist across clients, a client's week / month / quarter with its meeting
agenda, one work item (tasks, notes, owner, dates, status).
Parse (forms) → one service → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from sevenc.clients.models import Client
from sevenc.execution.agenda import agenda
from sevenc.execution.forms import (
    MeetingForm,
    NoteForm,
    StatusForm,
    TaskDoneForm,
    TaskForm,
    WorkItemForm,
    WorklistFilter,
)
from sevenc.execution.models import Meeting, WorkItem, WorkTask
from sevenc.execution.queries import cadence_view, worklist
from sevenc.execution.services import (
    add_note,
    add_task,
    record_meeting,
    remove_task,
    set_task_done,
    set_work_status,
    update_work_item,
)
from sevenc.execution.workflow import OPEN, WORK_MOVES
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.forms import add_domain_error, form_errors_text
from sevenc.raci.models import Party
from sevenc.tenancy.access import STAFF, Caller, allow
from sevenc.tenancy.models import Membership
from sevenc.tenancy.scoping import get_scoped, scoped

CADENCES = ("week", "month", "quarter")


def _people(caller: Caller) -> Any:
    staff = scoped(Membership, caller.scope).filter(role__in=STAFF).values("user_id")
    return get_user_model().objects.filter(pk__in=staff).order_by("first_name", "last_name", "username")


def _day(value: str | None, today: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else today
    except ValueError:
        return today


@require_safe
@allow(*STAFF)
def my_work(request: HttpRequest, caller: Caller) -> HttpResponse:
    """The page a vCIO opens on Monday morning: overdue, this week, the next two weeks, across clients."""
    people = list(_people(caller))
    form = WorklistFilter(request.GET or None, clients=scoped(Client, caller.scope), people=people)
    data = form.cleaned_data if form.is_valid() else {}
    owner = data.get("owner") or ""
    owner_id = None if owner == "all" else (int(owner) if owner else caller.user.pk)
    status = data.get("status") or ""
    today = timezone.localdate()
    work = worklist(
        caller.scope,
        today=today,
        owner_id=owner_id,
        client_id=data["client"].pk if data.get("client") else None,
        statuses=[status] if status else OPEN,
    )
    context = {"nav": "work", "form": form, "work": work, "today": today}
    return render(request, "execution/my_work.html", context)


def _item(caller: Caller, item_pk: int) -> WorkItem:
    return get_scoped(WorkItem, caller.scope, pk=item_pk)


@allow()
def item_detail(request: HttpRequest, caller: Caller, item_pk: int) -> HttpResponse:
    item = _item(caller, item_pk)
    form = None
    if caller.is_staff and item.status != "done" and item.closed_at is None:
        form = WorkItemForm(
            request.POST or None,
            people=_people(caller),
            parties=scoped(Party, caller.scope).filter(client_id=item.client_id),
            initial=WorkItemForm.initial_of(item),
        )
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                update_work_item(actor=caller, item=item, expected_version=data.pop("version"), **data)
            except Conflict as error:
                messages.error(request, error.message)
                return redirect("work_item", item_pk=item.pk)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Work item saved.")
                return redirect("work_item", item_pk=item.pk)
    elif request.method == "POST":
        caller.require(False)
    context = {
        "item": item,
        "client": item.client,
        "form": form,
        "moves": WORK_MOVES.targets(role=caller.role, source=item.status) if item.closed_at is None else [],
        "tasks": item.tasks.all(),
        "notes": item.notes.select_related("author"),
        "task_form": TaskForm(),
        "note_form": NoteForm(),
        "all_done": item.tasks.exists() and not item.tasks.filter(done=False).exists(),
    }
    return render(request, "execution/item.html", context)


@require_POST
@allow(*STAFF)
def item_status(request: HttpRequest, caller: Caller, item_pk: int) -> HttpResponse:
    item = _item(caller, item_pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            moved = set_work_status(
                actor=caller,
                item=item,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{moved.title}: {moved.get_status_display().lower()}.")
    return redirect(request.POST["next"] if _safe_next(request) else reverse("work_item", args=[item.pk]))


def _safe_next(request: HttpRequest) -> bool:
    target = request.POST.get("next", "")
    return target.startswith("/") and not target.startswith("//")


@require_POST
@allow(*STAFF)
def task_add(request: HttpRequest, caller: Caller, item_pk: int) -> HttpResponse:
    item = _item(caller, item_pk)
    form = TaskForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(form_errors_text(form), field="title")
        add_task(actor=caller, item=item, title=form.cleaned_data["title"])
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("work_item", item_pk=item.pk)


@require_POST
@allow(*STAFF)
def task_done(request: HttpRequest, caller: Caller, task_pk: int) -> HttpResponse:
    task = get_scoped(WorkTask, caller.scope, pk=task_pk)
    form = TaskDoneForm(request.POST)
    form.is_valid()
    try:
        all_done = set_task_done(actor=caller, task=task, done=bool(form.cleaned_data.get("done")))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if all_done:
            messages.info(request, "Every task is done: mark the work item done?")
    return redirect("work_item", item_pk=task.item_id)


@require_POST
@allow(*STAFF)
def task_remove(request: HttpRequest, caller: Caller, task_pk: int) -> HttpResponse:
    task = get_scoped(WorkTask, caller.scope, pk=task_pk)
    try:
        remove_task(actor=caller, task=task)
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("work_item", item_pk=task.item_id)


@require_POST
@allow(*STAFF)
def note_add(request: HttpRequest, caller: Caller, item_pk: int) -> HttpResponse:
    item = _item(caller, item_pk)
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(form_errors_text(form), field="text")
        add_note(actor=caller, item=item, text=form.cleaned_data["text"])
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("work_item", item_pk=item.pk)


@allow()
def client_execution(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    """The client's week, month or quarter: what is due, late, blocked and done, and the meeting's agenda."""
    client = get_scoped(Client, caller.scope, pk=client_pk)
    cadence = request.GET.get("cadence", "week")
    cadence = cadence if cadence in CADENCES else "week"
    today = timezone.localdate()
    day = _day(request.GET.get("date"), today)
    view = cadence_view(caller.scope, client, cadence, day, today)
    lines = agenda(
        cadence=cadence,
        overdue=view.lines(view.overdue),
        blocked=view.lines(view.blocked),
        due=view.lines(view.due),
        done=view.lines(view.done),
        upcoming=view.lines(view.upcoming),
    )
    meeting = scoped(Meeting, caller.scope).filter(client=client, cadence=cadence, date=view.start).first()
    form = None
    if caller.is_staff:
        initial = {"cadence": cadence, "date": view.start, "agenda": "\n".join(lines), "version": 0}
        if meeting is not None:
            initial |= {"decisions": meeting.decisions, "notes": meeting.notes, "version": meeting.version}
        form = MeetingForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                record_meeting(actor=caller, client=client, expected_version=data.pop("version"), **data)
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Meeting recorded.")
            query = f"?cadence={cadence}&date={view.start.isoformat()}"
            return redirect(reverse("client_execution", args=[client.pk]) + query)
    elif request.method == "POST":
        caller.require(False)
    context = {
        "client": client,
        "view": view,
        "cadence": cadence,
        "cadences": [("week", "Week"), ("month", "Month"), ("quarter", "Quarter")],
        "agenda": lines,
        "meeting": meeting,
        "form": form,
        "previous": (view.start - dt.timedelta(days=1)).isoformat(),
        "next": (view.end + dt.timedelta(days=1)).isoformat(),
        "today": today,
        "meetings": scoped(Meeting, caller.scope).filter(client=client).order_by("-date")[:8],
        "moves": {
            item.pk: WORK_MOVES.targets(role=caller.role, source=item.status)
            for item in [*view.overdue, *view.due, *view.blocked]
        },
    }
    return render(request, "execution/client.html", context)
