"""The PDF shows what the app shows, looks like something (not a blank page), and uses the page size set."""

from __future__ import annotations

import datetime as dt

import pytest

from sevenc.assessments.scoring import display
from sevenc.reports.pdf import ReportError, held_review_pdf, render_pdf
from sevenc.reports.services import plan_review
from sevenc.reports.tests.factories import hold
from sevenc.reports.tests.pdftools import page_pixels, pdf_info, pdf_text, variance

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><rect width="100" height="30" fill="#fff"/></svg>'


@pytest.fixture
def held(planned, msp):
    msp.logo_svg = LOGO
    msp.save()
    return hold(planned)


@pytest.fixture
def pdf(held) -> bytes:
    return render_pdf(held.snapshot, size="A4")


def test_the_pdf_text_has_the_client_itcq_and_every_block_score_as_the_app_shows_them(pdf, history):
    _, q3 = history
    text = pdf_text(pdf)
    assert "Acme Dental" in text
    assert display(q3.itcq) in text
    for block_score in q3.block_scores.values():
        assert display(block_score) in text
    for heading in (
        "Executive summary",
        "The 7C profile",
        "ITCQ over time",
        "Top gaps",
        "Decisions and next steps",
    ):
        assert heading in text
    assert "Approve the offsite backup project" in text


def test_the_pdf_has_page_numbers_and_a_contents_page_with_page_numbers(pdf):
    text = pdf_text(pdf)
    pages = int(next(line.split()[-1] for line in pdf_info(pdf).splitlines() if line.startswith("Pages:")))
    assert pages >= 5
    assert f"Page 2 of {pages}" in text
    contents = text.split("\f")[1]
    assert "Executive summary" in contents and "The 7C profile" in contents
    assert any(line.rstrip()[-1:].isdigit() for line in contents.splitlines() if "7C profile" in line)


def test_page_one_is_not_blank(pdf):
    assert variance(page_pixels(pdf, page=1)) > 500  # a white page is 0; the branded cover is far above


def test_letter_and_a4_page_sizes(held):
    assert "612 x 792 pts" in pdf_info(render_pdf(held.snapshot, size="Letter"))
    assert "595.276 x 841.89 pts" in pdf_info(render_pdf(held.snapshot, size="A4"))
    with pytest.raises(ReportError, match="page size 'A5'"):
        render_pdf(held.snapshot, size="A5")


def test_sections_without_data_are_left_out(client_co):
    empty = hold(plan_review(client=client_co, date=dt.date(2026, 10, 1)))
    text = pdf_text(render_pdf(empty.snapshot, size="A4"))
    assert "No completed assessment existed" in text
    for absent in ("The 7C profile", "Top gaps", "Decisions and next steps", "Roadmap"):
        assert absent not in text


def test_a_bad_page_size_setting_fails_the_system_check(settings):
    from sevenc.reports.apps import check_page_size

    settings.SEVENC_REPORT_PAGE_SIZE = "A3"
    [error] = check_page_size()
    assert error.id == "reports.E001" and "'A3'" in error.msg
    settings.SEVENC_REPORT_PAGE_SIZE = "letter"
    assert check_page_size() == []


def test_a_held_reviews_pdf_is_rendered_once_and_served_again_from_the_shared_cache(held, monkeypatch):
    from sevenc.reports import pdf as pdf_module

    rendered: list[str] = []
    real = pdf_module._pdf_of
    monkeypatch.setattr(pdf_module, "_pdf_of", lambda html: rendered.append(html) or real(html))
    first = held_review_pdf(held.snapshot, size="A4")
    again = held_review_pdf(held.snapshot, size="A4")
    assert again == first and len(rendered) == 1
    assert pdf_text(first) == pdf_text(render_pdf(held.snapshot, size="A4"))


def test_another_page_size_or_another_snapshot_is_never_served_an_older_rendering(held, client_co):
    a4 = held_review_pdf(held.snapshot, size="A4")
    assert "612 x 792 pts" in pdf_info(held_review_pdf(held.snapshot, size="Letter"))
    other = hold(plan_review(client=client_co, date=dt.date(2026, 10, 1)))
    text = pdf_text(held_review_pdf(other.snapshot, size="A4"))
    assert "1 October 2026" in text and "1 October 2026" not in pdf_text(a4)
