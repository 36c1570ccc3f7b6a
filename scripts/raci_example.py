"""Build examples/raci-acme.json: a template matrix for Acme Dental Group, adjusted by hand into real gaps.

Usage: python scripts/raci_example.py > examples/raci-acme.json

The "fully managed" template applied to the parties Acme has (no internal IT admin, no consultant), then
the kind of state a first responsibility workshop finds: the ISP has no contract on file, the CEO and the
CFO both think they approve the IT budget, the MSP reviews the firewall but nobody answers for it, and the
full server restore test is "owned" by the MSP but in nobody's scope. The vCIO has already named the COO
as a second responsible for key-role deputies. `sevenc raci validate examples/raci-acme.json` shows one
finding per rule.
"""

from __future__ import annotations

import sys
from datetime import date

from sevenc.raci.catalogue import load_catalogue
from sevenc.raci.matrix import Matrix, Party
from sevenc.raci.matrix_file import write_matrix_file
from sevenc.raci.templates import apply_template

PARTIES = (
    Party("CEO", "Dr. Maria Keller", "internal", ceo=True),
    Party("COO", "Tom Brandt", "internal"),
    Party("CFO", "Lena Ortiz", "internal"),
    Party("OFFICE", "Sofia Marin (practice manager)", "internal"),
    Party("HR", "Jana Novak", "internal"),
    Party("HEADS", "Lead dentists of the four practices", "internal"),
    Party(
        "MSP",
        "Brightpath IT Partners",
        "msp",
        contract="MSA-2026-01",
        contact="service@brightpath.example",
        renewal=date(2027, 1, 31),
    ),
    Party("VCIO", "Daniel Reyes (Brightpath vCIO)", "msp", contract="MSA-2026-01"),
    Party("ISP", "CityNet Fibre", "vendor", contact="+1 555 0100"),
    Party("TELCO", "Northwave Telecom", "vendor", contract="NW-B2B-88412", renewal=date(2026, 11, 30)),
    Party("ERP", "OrisDent Practice Suite", "vendor", contract="OD-SUP-2291", renewal=date(2027, 3, 31)),
    Party("CLOUD", "Microsoft 365 (through Brightpath)", "vendor", contract="CSP-2026-ACME"),
    Party("PRINTER", "Copyline Office Systems", "vendor", contract="CL-MPS-5512"),
    Party("SOFTWARE", "Radiant Imaging (X-ray software)", "vendor", contract="RI-SLA-2025-07"),
    Party("HARDWARE", "Metro Tech Supply", "vendor", contract="MTS-FRAME-2024"),
    Party("AUDITOR", "Keller & Wu IT Audit", "vendor", contract="KW-2026-AUD"),
)


def by_title(title: str) -> str:
    return next(a.code for a in load_catalogue().areas if a.title == title)


def acme_matrix() -> Matrix:
    areas = load_catalogue().areas
    matrix = Matrix("Acme Dental Group", PARTIES, areas, apply_template("fully-managed", PARTIES, areas))
    budget = by_title("Approve the annual IT budget")
    firewall = by_title("Review the firewall rules twice a year and remove the ones no longer needed")
    restore = by_title("Test-restore a complete server or virtual machine twice a year")
    deputies = by_title("Name a deputy for every key IT role")
    return (
        matrix.with_letters(budget, "CEO", "A")
        .with_letters(firewall, "MSP", "R")
        .with_letters(restore, "MSP", "A")
        .with_letters(deputies, "COO", "R")
    )


if __name__ == "__main__":
    sys.stdout.write(write_matrix_file(acme_matrix()))
