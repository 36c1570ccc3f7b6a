from django.http import Http404, HttpRequest

from sevenc.tenancy.models import Membership
from sevenc.tenancy.scoping import Scope


def scope_of(request: HttpRequest) -> Scope:
    """The caller's tenant scope; a signed-in user without a membership sees nothing."""
    if not request.user.is_authenticated:
        raise Http404("Sign in first.")
    membership = Membership.objects.select_related("msp").filter(user_id=request.user.pk).first()
    if membership is None:
        raise Http404("You are not a member of any MSP.")
    return Scope.of(membership)
