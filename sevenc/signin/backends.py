"""The first authentication backend: django-axes' lockout check, for sign-ins that come with a request."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account or address before any password is checked (django-axes). Calls without
    a request are no sign-in from the web (the test client's `login`, a shell): they are not throttled,
    where axes would raise; every sign-in page passes its request."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)  # type: ignore[no-any-return]
