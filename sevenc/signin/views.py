"""Signing in: the password (django-axes refuses a locked-out account or address first), then — for a
person with an authenticator — a second page asking for a code, or — where the MSP requires two-factor
and the person has none — enrolment before anything else. Until that second step is done nobody is
signed in: the session holds only who is half-way, for a few minutes, so no page, API call or admin page
can be reached with the password alone. Password-reset requests are throttled per address and e-mail.
"""

from __future__ import annotations

import time
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import get_user_model, user_login_failed
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.signin import throttling, twofactor
from sevenc.signin.backoff import minutes
from sevenc.signin.forms import AuthenticatorCodeForm, CodeForm

PENDING = "signin_pending"
PENDING_SECONDS = 600  # the second step must follow the password within ten minutes
LOGIN_TEMPLATE = "web/login.html"


def _begin(request: HttpRequest, user: Any, step: str, next_url: str) -> None:
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "step": step,
        "next": next_url,
        "at": time.time(),
    }


def _forget(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def _pending(request: HttpRequest, step: str) -> tuple[Any, dict[str, Any]] | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict) or data.get("step") != step:
        return None
    if time.time() - float(data.get("at", 0)) > PENDING_SECONDS:
        _forget(request)
        return None
    user_pk = data.get("user")
    if not isinstance(user_pk, int):
        return None
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        _forget(request)
        return None
    return user, data


def _finish(request: HttpRequest, user: Any, data: dict[str, Any]) -> None:
    _forget(request)
    auth_login(request, user, backend=data["backend"])


def _start_again(request: HttpRequest) -> HttpResponse:
    messages.info(request, "Sign in again: the second step must follow your password within ten minutes.")
    return redirect("login")


def lockout_message(request: HttpRequest) -> str:
    wait = minutes(throttling.cool_off(request))
    return (
        f"Too many failed sign-ins for this account or from your address: signing in is locked for "
        f"{wait} minute{'s' if wait != 1 else ''}. Try again later, or reset your password."
    )


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: the sign-in form again, saying why and for how long (429)."""
    _forget(request)
    context = {
        "form": AuthenticationForm(request),
        "lockout": lockout_message(request),
        "next": request.POST.get("next", ""),
    }
    return render(request, LOGIN_TEMPLATE, context, status=429)


class SignInView(LoginView):
    template_name = LOGIN_TEMPLATE
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        step = twofactor.next_step(user)
        if step is None:
            return super().form_valid(form)
        _begin(self.request, user, step, self.get_success_url())
        return redirect("signin_code" if step == "code" else "signin_enrol")


@sensitive_post_parameters("code")
@never_cache
def code_step(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator, or a recovery code (each works once)."""
    found = _pending(request, "code")
    if found is None:
        return _start_again(request)
    user, data = found
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.signin_username = user.get_username()  # type: ignore[attr-defined]
        credentials = {"username": user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            return locked_out(request)
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            form.add_error(
                "code", "That code is not right. Type the code your app shows now, or a recovery code."
            )
        else:
            _finish(request, user, data)
            if device.name == twofactor.RECOVERY:
                left = twofactor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code: {left} left. Make new ones on your Security page.",
                )
            return redirect(data["next"])
    return render(request, "signin/code_step.html", {"form": form}, status=400 if form.errors else 200)


@sensitive_post_parameters("code")
@never_cache
def enrol_step(request: HttpRequest) -> HttpResponse:
    """Your MSP requires two-factor for your role and you have none yet: set it up before anything else."""
    found = _pending(request, "enrol")
    if found is None:
        return _start_again(request)
    user, data = found
    device = twofactor.pending_authenticator(user) or twofactor.start_enrolment(user)
    form: Form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.confirm_enrolment(user, form.cleaned_data["code"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            _finish(request, user, data)
            context = {"codes": codes, "next": data["next"], "first_time": True}
            return render(request, "signin/recovery_codes.html", context)
    context = {"form": form, "qr": twofactor.qr_svg(device), "secret": twofactor.secret_text(device)}
    return render(request, "signin/enrol_step.html", context, status=400 if form.errors else 200)


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, limited per address and per e-mail address (no mail once over the limit)."""

    def form_valid(self, form: Any) -> HttpResponse:
        address = throttling.client_address(self.request)
        email = str(form.cleaned_data.get("email", ""))
        wait = throttling.check(throttling.RESET_ADDRESS, address) or throttling.check(
            throttling.RESET_EMAIL, email
        )
        if wait is not None:
            later = minutes(wait)
            form.add_error(
                None,
                f"Too many password-reset requests from your address or for this e-mail address: try again "
                f"in {later} minute{'s' if later != 1 else ''}.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        throttling.count(throttling.RESET_ADDRESS, address)
        throttling.count(throttling.RESET_EMAIL, email)
        return super().form_valid(form)
