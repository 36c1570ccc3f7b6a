"""Finding a calendar feed by its secret: the secret address is the credential (calendar apps cannot sign
in), so this lookup is what defines whose feed it is, like a membership defines a signed-in user's scope."""

from __future__ import annotations

import hashlib

from sevenc.feeds.models import CalendarFeed


def digest(token: str) -> str:
    """Only a hash of the secret is stored: a copy of the database does not give the feeds away."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed a secret address belongs to (the address is the credential: no sign-in)."""
    if not token or len(token) > 200:
        return None
    return CalendarFeed.objects.select_related("user", "msp").filter(token_hash=digest(token)).first()
