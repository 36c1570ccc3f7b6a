"""What the sign-in tests share: the code an authenticator app would show, and signing in by the form."""

from __future__ import annotations

import time
from typing import Any

from django.urls import reverse
from django_otp.oath import TOTP

from tests.fixtures import PASSWORD


def code_of(device: Any, steps_ahead: int = 0) -> str:
    """The 6 digits the app shows now (or a step later: a code is accepted once, and sevenc allows one step
    of clock drift, so a second sign-in in the same 30 s uses the next step's code)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Any, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def is_signed_in(client: Any) -> bool:
    return "_auth_user_id" in client.session
