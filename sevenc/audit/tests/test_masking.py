"""Secrets never enter the trail: password hashes, token hashes, feed secrets and keys are masked."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sevenc.audit import values
from sevenc.audit.models import Event
from sevenc.feeds.models import CalendarFeed
from sevenc.feeds.services import create_calendar_feed, revoke_calendar_feed
from sevenc.team.services import add_member
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership, Role


def _trail() -> str:
    return json.dumps(list(Event.objects.values("object_name", "actor_label", "changes")), default=str)


def test_a_new_user_and_a_password_change_say_only_that_a_password_is_set(msp):
    user = add_member(
        msp=msp, username="jane", email="j@example.com", role=Role.VCIO, password="first-pass-123"
    ).user
    first_hash = user.password
    user.set_password("second-pass-456")
    user.save()
    created = Event.objects.get(model="auth.user", action="created")
    changed = Event.objects.get(model="auth.user", action="changed")
    assert created.changes["password"] == [None, "(hidden)"]
    assert changed.changes == {"password": ["(hidden)", "(changed)"]}
    trail = _trail()
    assert first_hash not in trail and user.password not in trail
    assert "first-pass-123" not in trail and "second-pass-456" not in trail


def test_a_calendar_feed_is_recorded_created_and_revoked_without_its_secret(msp, vcio):
    actor = Caller.of_membership(Membership.objects.get(user=vcio))
    token = create_calendar_feed(actor=actor)
    stored = CalendarFeed.objects.get(user=vcio).token_hash
    revoke_calendar_feed(actor=actor)
    events = Event.objects.filter(model="feeds.calendarfeed").order_by("pk")
    assert [e.action for e in events] == ["created", "revoked"]
    assert events[0].changes["token_hash"] == [None, "(hidden)"]
    assert events[0].object_name == "calendar feed of vcio" and events[0].msp_id == msp.pk
    trail = _trail()
    assert token not in trail and stored not in trail


SECRET_FIELDS = ["password", "token_hash", "key_hash", "secret", "totp_key", "otp_secret", "api_key", "key"]


@given(field=st.sampled_from(SECRET_FIELDS), old=st.text(min_size=1), new=st.text(min_size=1))
def test_no_value_of_a_secret_field_is_ever_kept(field, old, new):
    recorded = [values.changes_between({field: old}, {field: new}), values.created({field: new})]
    recorded.append(values.deleted({field: old}))
    kept = {value for changes in recorded for pair in changes.values() for value in pair}
    assert kept <= {None, values.HIDDEN, "(changed)"}


def test_ordinary_fields_are_not_masked_and_long_values_are_clipped():
    assert not any(values.is_secret(name) for name in ["monkey", "keys", "title", "monthly_cost", "risk"])
    assert values.clip("x" * 2000) == "x" * (values.MAX_TEXT - 1) + "…"
    assert values.clip(list(range(2000))) == "(2000 entries)"
    assert values.changes_between({"seats": 40}, {"seats": 45}) == {"seats": [40, 45]}
    assert values.changes_between({"note": None}, {"note": ""}) == {}
