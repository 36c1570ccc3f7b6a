"""The standard parties of a small company's virtual IT department, with stable codes. No Django here.

The seed counts "at least 15 parties" (ISP, software companies, consultants, hardware vendors, service
providers …). These codes are what the templates assign letters to: a client's party whose code is one of
these receives the template's letters; a party with another code (a second software vendor "SOFTWARE-2")
starts empty and is assigned by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from sevenc.raci.matrix import Party


@dataclass(frozen=True)
class StandardParty:
    code: str
    role: str
    kind: str
    plays: str  # what this party typically does in the matrix, for the vCIO choosing parties


STANDARD_PARTIES: tuple[StandardParty, ...] = (
    StandardParty("CEO", "Chief executive officer", "internal", "Sets direction; accountable by default"),
    StandardParty("COO", "Chief operating officer", "internal", "Owns operations and most IT decisions"),
    StandardParty("CFO", "Chief financial officer", "internal", "Owns the IT budget, invoices, purchasing"),
    StandardParty("OFFICE", "Office manager", "internal", "Local contact: premises, printers, phones"),
    StandardParty("ADMIN", "Internal IT administrator", "internal", "Day-to-day IT inside the company"),
    StandardParty("HR", "HR manager", "internal", "Joiners, leavers, training and policies signed"),
    StandardParty("HEADS", "Department heads", "internal", "Their teams' needs, data owners, key users"),
    StandardParty("MSP", "Managed service provider", "msp", "Runs and monitors the infrastructure"),
    StandardParty("VCIO", "Virtual CIO", "msp", "IT strategy, planning, governance and vendors"),
    StandardParty("ISP", "Internet service provider", "vendor", "Internet lines and their repair"),
    StandardParty("TELCO", "Telephone and mobile carrier", "vendor", "Phone system, numbers, mobiles"),
    StandardParty("ERP", "ERP vendor", "vendor", "The main line-of-business system"),
    StandardParty("CLOUD", "Cloud provider", "vendor", "Email, collaboration and cloud hosting"),
    StandardParty("PRINTER", "Printer and copier vendor", "vendor", "Printer fleet, toner and repairs"),
    StandardParty("SOFTWARE", "Specialist software vendor", "vendor", "Specialist applications, website"),
    StandardParty("HARDWARE", "Hardware supplier", "vendor", "Devices, warranty repairs, replacements"),
    StandardParty("CONSULT", "IT consultant", "vendor", "Second opinions and specialist projects"),
    StandardParty("AUDITOR", "Independent IT auditor", "vendor", "Audits and penetration tests"),
)
STANDARD_CODES = tuple(p.code for p in STANDARD_PARTIES)


def standard_parties() -> tuple[Party, ...]:
    """The standard parties as matrix parties named by their role, no contracts yet; CEO is the CEO."""
    return tuple(Party(p.code, p.role, p.kind, ceo=p.code == "CEO") for p in STANDARD_PARTIES)
