"""Every refusal of the API as one JSON shape, `{"detail": …, "field": …}` (`sevenc.lib.api.ErrorOut`).

The services' `DomainError` carries its HTTP status (422 input, 409 stale or final, 403 role); another
tenant's object is a 404 (`get_scoped`), never a 403, so existence does not leak; a client viewer refused
a role gets a 404 too, as on the web. Request validation (a missing field, text for a number, `true` for
a number) is a 422 naming the field; no valid credentials is a 401; too many failed tokens from one
address is a 429 with Retry-After.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from sevenc.lib.errors import DomainError
from sevenc.tenancy.access import Caller

NOT_FOUND = "Not found."
UNAUTHORIZED = "Authentication required: send a valid API token as 'Authorization: Bearer <token>'."
SOURCES = ("body", "query", "path", "header", "cookie", "form", "file")


def _answer(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, field: str | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


def _is_client_viewer(request: HttpRequest) -> bool:
    caller = getattr(request, "auth", None)
    return isinstance(caller, Caller) and caller.is_client_viewer


def field_of(location: Any) -> str | None:
    """`("body", "payload", "seats")` → "seats"; `("query", "limit")` → "limit"."""
    parts = [str(part) for part in location or ()]
    if parts and parts[0] in SOURCES:
        parts = parts[2:] if parts[0] in ("body", "form") and len(parts) > 2 else parts[1:]
    return ".".join(parts) or None


def validation_detail(errors: list[dict[str, Any]]) -> tuple[str, str | None]:
    first = errors[0] if errors else {}
    field = field_of(first.get("loc"))
    message = str(first.get("msg", "invalid input"))
    message = message.removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return message + more, field


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
        if error.status == 403 and _is_client_viewer(request):
            return _answer(api, request, 404, NOT_FOUND)
        return _answer(api, request, error.status, error.message, error.field)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return _answer(api, request, 404, NOT_FOUND)

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
        return _answer(api, request, 403, str(error) or "Your role does not allow this.")

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        detail, field = validation_detail(list(error.errors))
        return _answer(api, request, 422, detail, field)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        response = _answer(api, request, 401, UNAUTHORIZED)
        response["WWW-Authenticate"] = 'Bearer realm="sevenc"'
        return response

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        return _answer(
            api, request, 400, f"the request body is larger than {limit:,} bytes, the most sevenc reads"
        )

    @api.exception_handler(MultiPartParserError)
    def bad_form(request: HttpRequest, error: MultiPartParserError) -> HttpResponse:
        return _answer(api, request, 400, f"the multipart form cannot be read ({error})")

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request: HttpRequest, error: SuspiciousOperation) -> HttpResponse:
        return _answer(api, request, 400, "the request cannot be read (too many fields or files)")

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
        response = _answer(api, request, 429, str(error.message))
        if error.wait:
            response["Retry-After"] = str(error.wait)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return _answer(api, request, error.status_code, str(error.message))
