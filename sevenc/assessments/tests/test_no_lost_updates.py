"""Two people on one assessment never lose each other's work silently, and a completed assessment's stored
score is always the score of its stored responses."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import (
    complete_assessment,
    create_assessment,
    record_response,
    score_assessment,
)
from sevenc.clients.models import Client
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp


def _save(browser, assessment, code, **data):  # type: ignore[no-untyped-def]
    url = reverse("assessment_item", args=[assessment.pk, code])
    return browser.post(url, data, HTTP_HX_REQUEST="true")


def test_the_second_of_two_editors_is_refused_and_shown_the_first_ones_value(client, vcio, owner, client_co):
    draft = create_assessment(client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31))
    # Both open the page: CONT.1.1 has no response yet, version 0.
    client.force_login(vcio)
    first = _save(
        client, draft, "CONT.1.1", level="3", status="Nightly to NAS", version="0", changed="level,status"
    )
    assert "Saved" in first.content.decode()
    client.force_login(owner)
    second = _save(client, draft, "CONT.1.1", status="Weekly tapes", version="0", changed="status")
    body = second.content.decode()
    assert "was changed by" in body and "Nightly to NAS" in body  # the other person's value
    assert 'id="item-CONT-1-1"' in body and 'hx-swap-oob="true"' in body  # the item as stored now
    stored = Response.objects.get(assessment=draft, item__code="CONT.1.1")
    assert (stored.level, stored.status, stored.version) == (3, "Nightly to NAS", 1)


def test_a_save_sends_only_the_changed_fields_and_keeps_the_rest(client, vcio, owner, client_co):
    draft = create_assessment(client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31))
    record_response(
        actor=Caller.system(client_co.msp),
        assessment=draft,
        item_code="CONT.1.1",
        level=2,
        notes={"risk": "One NAS"},
    )
    client.force_login(vcio)
    # The page posts every field, but says only the level changed: the risk someone typed is kept.
    _save(client, draft, "CONT.1.1", level="4", risk="stale text", status="", version="1", changed="level")
    stored = Response.objects.get(assessment=draft, item__code="CONT.1.1")
    assert (stored.level, stored.risk) == (4, "One NAS")


def test_an_item_saved_after_completion_is_refused_with_a_message(client, vcio, client_co):
    draft = create_assessment(client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31))
    client.force_login(vcio)
    page_read = Assessment.objects.get(pk=draft.pk)
    complete_assessment(actor=Caller.system(client_co.msp), assessment=draft)
    response = _save(client, page_read, "CONT.1.1", level="3", version="0", changed="level")
    assert response.status_code == 403  # the page is read-only now
    assert not Response.objects.filter(assessment=draft).exists()


class StoredScoresMatchTheirResponses(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.dictionaries(
            st.sampled_from(["CONT.1.1", "CONT.1.2", "COMP.1.1", "CHRG.1.1", "COST.1.1", "CLEAR.1.1"]),
            st.one_of(st.integers(min_value=0, max_value=4), st.none(), st.just("na")),
            max_size=6,
        )
    )
    def test_every_completed_assessments_score_is_the_score_of_its_responses(self, answers):
        msp = Msp.objects.get_or_create(name="Brightpath IT")[0]
        client = Client.objects.get_or_create(msp=msp, name="Acme Dental")[0]
        actor = Caller.system(msp)
        assessment = create_assessment(
            client=client, title=f"Q {Assessment.objects.count()}", as_of=dt.date(2026, 9, 30)
        )
        for code, answer in answers.items():
            if answer == "na":
                record_response(actor=actor, assessment=assessment, item_code=code, na=True)
            else:
                record_response(actor=actor, assessment=assessment, item_code=code, level=answer)
        complete_assessment(actor=actor, assessment=assessment)
        for stored in Assessment.objects.filter(status="completed"):
            card = score_assessment(stored)
            assert stored.itcq == card.itcq
            assert stored.block_scores == {code: block.score for code, block in card.blocks.items()}
