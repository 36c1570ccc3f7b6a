import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from sevenc.tenancy.access import MANAGERS, Caller, allow


@allow(*MANAGERS)
def managers_only(request, caller: Caller) -> HttpResponse:
    return HttpResponse(f"{caller.role} at {caller.msp.name}")


def _request(user):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


def test_allow_passes_the_callers_role_and_scope(vcio):
    assert managers_only(_request(vcio)).content == b"vcio at Brightpath IT"


def test_allow_sends_anonymous_callers_to_sign_in(db):
    from django.contrib.auth.models import AnonymousUser

    response = managers_only(_request(AnonymousUser()))
    assert response.status_code == 302 and "/login/?next=/somewhere/" in response.url


def test_a_staff_role_outside_the_list_gets_403(engineer):
    with pytest.raises(PermissionDenied):
        managers_only(_request(engineer))


def test_a_client_viewer_outside_the_list_gets_404(client_viewer):
    with pytest.raises(Http404):
        managers_only(_request(client_viewer))


def test_a_user_without_membership_gets_404(db):
    loner = get_user_model().objects.create_user(username="loner", password="x" * 12)
    with pytest.raises(Http404):
        managers_only(_request(loner))


def test_an_unknown_role_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown role"):
        allow("admin")


def test_the_msp_logo_is_shown_as_an_image_so_its_scripts_cannot_run(client, owner, msp):
    msp.logo_svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    msp.save()
    client.force_login(owner)
    body = client.get("/").content.decode()
    assert "<script>alert(1)" not in body
    assert 'src="data:image/svg+xml;base64,' in body
