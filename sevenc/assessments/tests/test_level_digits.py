"""A completed assessment's level digits: written on completion, by a restore and by the migration alike,
and always equal to its responses (the offering pages read them instead of the responses)."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from sevenc.assessments.latest import write_level_digits
from sevenc.assessments.level_digits import decode, encode
from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import complete_assessment, create_assessment, record_response
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import framework_spec, get_framework
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope
from sevenc.web.tests.worlds import completed_assessment, draft_assessment

Q3 = dt.date(2026, 9, 30)


@given(st.lists(st.one_of(st.none(), st.integers(0, 9)), max_size=300))
def test_decoding_gives_back_the_encoded_levels(levels):
    assert decode(encode(levels)) == levels


@pytest.mark.parametrize("level", [True, False, -1, 10, 2.0, "3"])
def test_encoding_refuses_what_is_not_a_whole_level(level):
    with pytest.raises(ValueError, match="a level is a whole number"):
        encode([level])


def test_decoding_refuses_a_character_that_is_not_a_digit():
    with pytest.raises(ValueError, match="not a level digit"):
        decode("12x")


def _from_responses(assessment: Assessment) -> str:
    """The digits worked out the long way: the framework's items in spec order, each response's level."""
    spec = framework_spec(assessment.framework)
    levels = dict(assessment.responses.values_list("item__code", "level"))
    return encode(levels.get(code) for code in spec.item_index)


def _mixed(client) -> Assessment:  # type: ignore[no-untyped-def]
    """Levels, an N/A and unanswered items, across blocks: the digits must keep framework order."""
    assessment = create_assessment(client=client, title="2026 Q3", as_of=Q3)
    actor = Caller.system(client.msp)
    for code, level in {"CONT.1.1": 0, "CONT.1.3": 4, "CTRL.2.1": 2, "COST.4.4": 1}.items():
        record_response(actor=actor, assessment=assessment, item_code=code, level=level)
    record_response(actor=actor, assessment=assessment, item_code="COMP.1.1", na=True)
    return complete_assessment(actor=actor, assessment=assessment)


def test_completing_stores_every_items_level_in_framework_order(client_co):
    assessment = _mixed(client_co)
    assessment.refresh_from_db()
    digits = assessment.level_digits
    assert len(digits) == len(framework_spec(get_framework("7c")).item_index) == 139
    assert digits == _from_responses(assessment)
    assert digits[0] == "0" and digits.count("-") == 139 - 4  # N/A and unanswered alike
    assert sorted(d for d in digits if d != "-") == ["0", "1", "2", "4"]


def test_a_draft_has_no_digits(client_co):
    assert draft_assessment(client_co).level_digits == ""


def test_a_restore_writes_the_same_digits_as_completion(client_co):
    assessment = _mixed(client_co)
    written = Assessment.objects.get(pk=assessment.pk).level_digits
    Assessment.objects.filter(pk=assessment.pk).update(level_digits="")
    write_level_digits(Scope(client_co.msp), [assessment.pk])
    assert Assessment.objects.get(pk=assessment.pk).level_digits == written


def test_the_migration_backfills_what_completion_writes(client_co, other_client):
    first = _mixed(client_co)
    second = completed_assessment(other_client, "2026 Q3", {"COST.1.1": 3}, Q3)
    empty = create_assessment(client=other_client, title="Nothing answered", as_of=Q3)
    empty = complete_assessment(actor=Caller.system(other_client.msp), assessment=empty)
    draft = draft_assessment(client_co)
    Response.objects.create(
        assessment=draft, item=Item.objects.get(framework=draft.framework, code="CONT.1.1"), level=2
    )
    written = dict(Assessment.objects.values_list("pk", "level_digits"))
    Assessment.objects.update(level_digits="")
    migration = importlib.import_module("sevenc.assessments.migrations.0005_level_digits")
    migration.backfill(apps, SimpleNamespace(connection=connection))
    assert dict(Assessment.objects.values_list("pk", "level_digits")) == written
    assert written[draft.pk] == "" and written[empty.pk] == "-" * 139
    assert {written[first.pk], written[second.pk]} == {_from_responses(first), _from_responses(second)}
