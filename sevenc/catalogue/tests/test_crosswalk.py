"""The 7C Continuous → NIST CSF 2.0 crosswalk: every Continuous item mapped to real CSF 2.0 categories, and
shown on the Continuous block of a 7C assessment (not on other blocks, nor on a CSF assessment)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from sevenc.assessments.services import create_assessment, record_response
from sevenc.assessments.starting import framework_named
from sevenc.catalogue.crosswalk import continuous_crosswalk
from sevenc.catalogue.spec import packaged_framework
from sevenc.tenancy.access import Caller
from tests.fixtures import PASSWORD


def test_every_continuous_item_serves_at_least_one_real_csf_category():
    walk = continuous_crosswalk()
    block = next(b for b in packaged_framework("7c").blocks if b.code == "CONT")
    assert [row.item for row in walk.rows] == [i.code for a in block.areas for i in a.items]
    csf = {area.code for b in packaged_framework("nist-csf").blocks for area in b.areas}
    assert all(row.categories and {c.code for c in row.categories} <= csf for row in walk.rows)
    assert set(walk.functions()) >= {"Govern", "Identify", "Protect", "Recover"}


def test_the_continuous_block_shows_the_crosswalk_with_the_levels(client, client_co, vcio):
    seven = create_assessment(client=client_co, title="7C", as_of=dt.date(2026, 9, 30))
    record_response(
        actor=Caller.of_membership(vcio.membership), assessment=seven, item_code="CONT.4.2", level=3
    )
    client.login(username="vcio", password=PASSWORD)
    page = client.get(reverse("assessment_detail", args=[seven.pk])).content.decode()
    assert page.count('data-testid="csf-crosswalk"') == 1
    crosswalk = page[page.index('data-testid="csf-crosswalk"') :]
    assert "PR.DS" in crosswalk and "Data Security" in crosswalk
    assert 'CONT.4.2 Encryption management implementation</td><td class="num">3</td>' in crosswalk
    assert page.index('id="block-h-CONT"') < page.index("csf-crosswalk") < page.index('id="block-h-COMP"')


def test_a_csf_assessment_has_no_crosswalk(client, client_co, vcio):
    csf = create_assessment(
        client=client_co, title="CSF", as_of=dt.date(2026, 9, 30), framework=framework_named("nist-csf")
    )
    client.login(username="vcio", password=PASSWORD)
    assert "csf-crosswalk" not in client.get(reverse("assessment_detail", args=[csf.pk])).content.decode()
