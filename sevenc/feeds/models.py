"""Each person's private calendar feed (ICS): their due work and their clients' QBRs."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """A user's private ICS feed: the secret is in the URL, only its hash is stored; revoking deletes it."""

    TENANT_PATH = "msp"
    CLIENT_PATH = "msp__clients"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
