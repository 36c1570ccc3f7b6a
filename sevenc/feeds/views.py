"""The private calendar: create or revoke its secret address, and serve the feed to calendar apps."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from sevenc.feeds.ics import calendar_ics
from sevenc.feeds.lookup import feed_for_token
from sevenc.feeds.services import create_calendar_feed, revoke_calendar_feed
from sevenc.tenancy.access import STAFF, Caller, allow


@require_POST
@allow(*STAFF)
def calendar_create(request: HttpRequest, caller: Caller) -> HttpResponse:
    token = create_calendar_feed(actor=caller)
    url = settings.SITE_URL.rstrip("/") + reverse("calendar_feed", args=[token])
    messages.success(request, f"Your private calendar address (shown once; keep it secret): {url}")
    return redirect("my_work")


@require_POST
@allow(*STAFF)
def calendar_revoke(request: HttpRequest, caller: Caller) -> HttpResponse:
    revoke_calendar_feed(actor=caller)
    messages.success(request, "Calendar address revoked: calendars using it get nothing from now on.")
    return redirect("my_work")


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no sign-in (calendar apps cannot), the secret in the address is the credential."""
    feed = feed_for_token(token)
    if feed is None:
        raise Http404("No such calendar.")
    body = calendar_ics(feed, site_url=settings.SITE_URL, today=timezone.localdate())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
