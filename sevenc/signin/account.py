"""A person's own Security page: set up two-factor sign-in (a QR code and the secret as text, confirmed with
a code), see how many recovery codes are left, make new ones (shown once), or turn two-factor off."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.signin import twofactor
from sevenc.signin.forms import AuthenticatorCodeForm, CodeForm
from sevenc.tenancy.access import Caller, allow


def _page(
    request: HttpRequest,
    caller: Caller,
    *,
    confirm: AuthenticatorCodeForm | None = None,
    disable: CodeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = caller.user
    pending = twofactor.pending_authenticator(user)
    context = {
        "nav": "security",
        "enrolled": twofactor.is_enrolled(user),
        "required": twofactor.is_required(user),
        "codes_left": twofactor.recovery_codes_left(user),
        "pending": pending is not None,
        "qr": twofactor.qr_svg(pending) if pending else "",
        "secret": twofactor.secret_text(pending) if pending else "",
        "confirm_form": confirm or AuthenticatorCodeForm(),
        "disable_form": disable or CodeForm(),
    }
    return render(request, "signin/security.html", context, status=status)


@never_cache  # shows a secret while setting up
@allow()
def security(request: HttpRequest, caller: Caller) -> HttpResponse:
    return _page(request, caller)


@require_POST
@allow()
def start(request: HttpRequest, caller: Caller) -> HttpResponse:
    twofactor.start_enrolment(caller.user)
    return redirect("two_factor")


@sensitive_post_parameters("code")
@never_cache
@require_POST
@allow()
def confirm(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = AuthenticatorCodeForm(request.POST)
    if form.is_valid():
        try:
            codes = twofactor.confirm_enrolment(caller.user, form.cleaned_data["code"])
        except DomainError as error:
            add_domain_error(form, error)
        else:  # rendered, not redirected: the codes must not travel through the session
            messages.success(request, "Two-factor sign-in is on: sevenc asks for a code after your password.")
            return render(request, "signin/recovery_codes.html", {"codes": codes, "nav": "security"})
    return _page(request, caller, confirm=form, status=400)


@never_cache
@require_POST
@allow()
def recovery_codes(request: HttpRequest, caller: Caller) -> HttpResponse:
    try:
        codes = twofactor.regenerate_recovery_codes(caller.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("two_factor")
    messages.success(request, "New recovery codes: the old ones no longer work.")
    return render(request, "signin/recovery_codes.html", {"codes": codes, "nav": "security"})


@sensitive_post_parameters("code")
@require_POST
@allow()
def disable(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            twofactor.disable(caller.user, form.cleaned_data["code"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Two-factor sign-in is off: your password alone signs you in.")
            return redirect("two_factor")
    return _page(request, caller, disable=form, status=400)
