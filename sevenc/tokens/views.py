"""A person's own API tokens: list, create (the secret is shown once, on this response only), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.tenancy.access import Caller, allow
from sevenc.tenancy.scoping import get_scoped
from sevenc.tokens.forms import TokenForm
from sevenc.tokens.models import ApiToken
from sevenc.tokens.services import create_token, my_tokens, revoke_token


@never_cache  # the page that shows a new secret must not be kept by a browser or proxy cache
@allow()
def tokens_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = create_token(actor=caller, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            form = TokenForm()  # rendered, not redirected: the secret must not travel through the session
            messages.success(request, f"Token {token.name!r} created. Copy it now: it is not shown again.")
    context = {"nav": "tokens", "form": form, "tokens": my_tokens(caller), "secret": secret}
    return render(request, "tokens/tokens.html", context)


@require_POST
@allow()
def token_revoke(request: HttpRequest, caller: Caller, token_pk: int) -> HttpResponse:
    token = get_scoped(ApiToken, caller.scope, pk=token_pk, user=caller.user)
    try:
        revoke_token(actor=caller, token_id=token.pk)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Token {token.name!r} revoked: it no longer works.")
    return redirect("api_tokens")
