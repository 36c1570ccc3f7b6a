"""Sign-in's own table (the throttle of password-reset requests and API token failures) and the tenant paths
of django-otp's devices, so the guards of the audit trail and the backup treat them as a person's records.

The devices are django-otp's models (`otp_totp.TOTPDevice`, `otp_static.StaticDevice`/`StaticToken`): a
person's authenticator secret and recovery codes. They belong to the MSP of their user's membership.
"""

from __future__ import annotations

from django.db import models
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

for _device in (TOTPDevice, StaticDevice):
    _device.TENANT_PATH = "user__membership__msp"  # type: ignore[attr-defined]
    _device.CLIENT_PATH = "user__membership__client"  # type: ignore[attr-defined]
StaticToken.TENANT_PATH = "device__user__membership__msp"  # type: ignore[attr-defined]
StaticToken.CLIENT_PATH = "device__user__membership__client"  # type: ignore[attr-defined]


class Throttle(models.Model):
    """Failures (or requests) of one key in one scope, shared by every app server through the database.
    The key is a hash: an address or e-mail address is not kept in the clear."""

    scope = models.CharField(max_length=20)  # "reset-address", "reset-email", "token-address"
    key = models.CharField(max_length=64)
    failures = models.PositiveIntegerField(default=0)
    first_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    lockouts = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="throttle_one_row_per_key")]
        indexes = [models.Index(fields=["updated_at"], name="throttle_updated_at")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]}…"
