"""The QBR's responsibility section: frozen with the review's snapshot, shown in the HTML and PDF report."""

from __future__ import annotations

from sevenc.raci.tests.conftest import FIREWALL, give
from sevenc.reports.pdf import render_document_html, render_pdf
from sevenc.reports.tests.factories import hold
from sevenc.reports.tests.pdftools import pdf_text


def test_a_held_review_freezes_the_findings_and_the_parties_load(planned, system, client_co, findings_matrix):
    section = hold(planned).snapshot["responsibility"]
    assert section["template"] == "Fully managed"
    assert (section["areas"], section["parties"]) == (271, 18)
    counts = {c["rule"]: c["count"] for c in section["counts"]}
    assert counts == {
        "no_accountable": 1,
        "many_accountable": 0,
        "no_responsible": 0,
        "no_contract": 1,
        "sole_responsible": 2,
    }
    assert section["findings"][0]["message"].startswith(f'{FIREWALL} "Review the firewall rules')
    msp_load = next(p for p in section["load"] if p["code"] == "MSP")
    assert (msp_load["kind"], msp_load["contract"]) == ("MSP", "SLA-MSP")
    assert msp_load["A"] > 0 and msp_load["R"] > msp_load["A"]

    give(system, client_co, FIREWALL, "MSP", "RA")  # fixed after the review: the record stays as shown
    planned.refresh_from_db()
    assert planned.snapshot["responsibility"] == section


def test_the_report_shows_the_section_in_html_and_pdf(planned, findings_matrix):
    snapshot = hold(planned).snapshot
    html = render_document_html(snapshot)
    assert '<a href="#responsibility">Who does what</a>' in html
    assert "no party is accountable, so the CEO (Chief executive officer) is accountable by default" in html
    text = pdf_text(render_pdf(snapshot))
    assert "Who does what" in text
    assert "Single point of failure" in text


def test_a_client_without_a_matrix_has_no_section(planned):
    snapshot = hold(planned).snapshot
    assert snapshot["responsibility"] is None
    assert "Who does what" not in render_document_html(snapshot)
