"""A personal API token: only its hash is stored; the secret is shown once, when it is created."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sevenc.lib.bounds import NAME


class ApiToken(models.Model):
    """One of a person's API keys. Deleting it (revoking) stops it at once."""

    # Whose data a token reaches is its user's membership; listing a person's tokens goes through it.
    TENANT_PATH = "user__membership__msp"
    CLIENT_PATH = "user__membership__client"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=NAME.max_length, help_text="What the token is for, e.g. PSA sync")
    prefix = models.CharField(max_length=16, help_text="The token's first characters, to recognise it")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="token_name_unique_per_user")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
