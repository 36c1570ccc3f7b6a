"""The one error convention of sevenc's domains. No Django here.

Every service and every file parser raises a `DomainError` (or a subclass) for input or a state change it
refuses: a message a user can act on and, when one input is at fault, the `field` that names it. The web
maps it once onto a form (`sevenc.lib.forms.add_domain_error`), the API onto a 4xx JSON body
(`status`), the CLI onto exit code 2. It is deliberately *not* a ValueError: a view that catches
`DomainError` never hides a real bug as a flash message.
"""

from __future__ import annotations


class DomainError(Exception):
    """A change that cannot be made, or input that cannot be used. HTTP: 422."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.message = message
        self.field = field


class Conflict(DomainError):
    """Someone else changed the record first, or it became final meanwhile. HTTP: 409."""

    status = 409


class NotAllowed(DomainError):
    """The caller's role may not make this change. HTTP: 403 (404 for a client viewer)."""

    status = 403
