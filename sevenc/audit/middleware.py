"""Every web request acts as its signed-in user (or as "not signed in": a password reset by link)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sevenc.audit.context import WEB, acting


class AuditMiddleware:
    """Place after AuthenticationMiddleware. The user is read only when an event is written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting(user=request.user, via=WEB):
            return self.get_response(request)
