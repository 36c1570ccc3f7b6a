"""The one tenant-scoping path: another MSP's data does not exist for you."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.http import Http404

from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import create_assessment, record_response
from sevenc.clients.models import Client
from sevenc.lib.errors import DomainError
from sevenc.team.services import add_member
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope, get_scoped, scoped


@pytest.fixture
def rival_client(other_msp):
    return Client.objects.create(msp=other_msp, name="Rival Client")


def test_scoped_queries_only_return_the_msps_own_rows(scope, client_co, rival_client):
    assert list(scoped(Client, scope)) == [client_co]
    a = create_assessment(client=client_co, title="Q3", as_of=dt.date(2026, 9, 30))
    create_assessment(client=rival_client, title="Q3", as_of=dt.date(2026, 9, 30))
    record_response(actor=Caller.system(client_co.msp), assessment=a, item_code="CONT.1.1", level=2)
    assert list(scoped(Assessment, scope)) == [a]
    assert scoped(Response, scope).count() == 1


def test_get_scoped_answers_404_for_another_msps_object(scope, rival_client):
    with pytest.raises(Http404):
        get_scoped(Client, scope, pk=rival_client.pk)
    with pytest.raises(Http404):
        get_scoped(Client, scope, pk="not-a-number")


def test_a_client_viewer_is_scoped_to_their_own_client(msp, client_co, other_client, client_viewer):
    scope = Scope.of(client_viewer.membership)
    assert list(scoped(Client, scope)) == [client_co]
    create_assessment(client=other_client, title="Q3", as_of=dt.date(2026, 9, 30))
    assert not scoped(Assessment, scope).exists()
    with pytest.raises(Http404):
        get_scoped(Client, scope, pk=other_client.pk)


def test_a_client_viewer_needs_a_client_and_staff_roles_have_none(msp, client_co):
    with pytest.raises(DomainError, match="exactly one client"):
        add_member(msp=msp, username="v", email="v@example.com", role=Role.CLIENT_VIEWER)
    with pytest.raises(DomainError, match="exactly one client"):
        add_member(msp=msp, username="e", email="e@example.com", role=Role.ENGINEER, client=client_co)
    with pytest.raises(DomainError, match="role: 'admin'"):
        add_member(msp=msp, username="a", email="a@example.com", role="admin")


def test_the_database_also_refuses_a_client_viewer_without_a_client(owner, msp):
    membership = owner.membership
    membership.role = Role.CLIENT_VIEWER
    with pytest.raises(IntegrityError):
        Membership.objects.filter(pk=membership.pk).update(role=Role.CLIENT_VIEWER)


def test_a_client_viewer_cannot_be_tied_to_another_msps_client(msp, rival_client):
    with pytest.raises(DomainError, match="not a client of this MSP"):
        add_member(msp=msp, username="v", email="v@example.com", role=Role.CLIENT_VIEWER, client=rival_client)
