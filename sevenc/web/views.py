from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sevenc.web.access import scope_of
from sevenc.web.portfolio import portfolio_rows


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    return render(request, "web/portfolio.html", {"rows": portfolio_rows(scope), "msp": scope.msp})
