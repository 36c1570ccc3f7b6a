"""The five rules on hand-made matrices: exact findings, boundaries, order, load; C and I never matter."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.lib.errors import DomainError
from sevenc.raci.matrix import LETTERS, Area, Matrix, Party
from sevenc.raci.validation import Finding, Load, validate

CEO = Party("CEO", "Dr. Kim", "internal", ceo=True)
ADMIN = Party("ADMIN", "Sam", "internal")
MSP = Party("MSP", "Brightpath", "msp", contract="MSA-1")
ISP = Party("ISP", "CityNet", "vendor")


def areas(n, critical=False, prefix="A"):
    return tuple(Area(f"{prefix}{i}", f"Duty {i}", "CONT", ("CONT.1.1",), critical) for i in range(1, n + 1))


def matrix(assignments, parties=(CEO, ADMIN, MSP, ISP), area_list=None):
    area_list = area_list if area_list is not None else areas(len(assignments) or 1)
    return Matrix("Acme", tuple(parties), tuple(area_list), assignments)


def rules(review):
    return [(f.rule, f.area, f.party) for f in review.findings]


def test_a_sound_matrix_has_no_findings_and_counts_each_partys_load():
    review = validate(matrix({"A1": {"MSP": "RA", "CEO": "I"}, "A2": {"ADMIN": "R", "CEO": "A", "MSP": "C"}}))
    assert review.findings == ()
    assert review.load == {"CEO": Load(1, 0), "ADMIN": Load(0, 1), "MSP": Load(1, 1), "ISP": Load(0, 0)}
    assert review.to_json()["load"]["MSP"] == {"A": 1, "R": 1}


def test_an_area_without_a_holds_the_ceo_accountable_by_default():
    review = validate(matrix({"A1": {"MSP": "R", "ADMIN": "C"}}))
    assert review.findings == (
        Finding(
            "no_accountable",
            "A1",
            None,
            'A1 "Duty 1": no party is accountable, so the CEO (Dr. Kim) is accountable by default',
        ),
    )


def test_an_area_with_two_a_names_both_in_party_order():
    review = validate(matrix({"A1": {"MSP": "RA", "CEO": "A"}}))
    assert review.findings == (
        Finding(
            "many_accountable",
            "A1",
            None,
            'A1 "Duty 1": 2 parties are accountable (CEO, MSP); exactly one should be',
        ),
    )


def test_an_area_without_r_is_a_finding():
    review = validate(matrix({"A1": {"CEO": "A", "MSP": "CI"}}))
    assert review.findings == (
        Finding("no_responsible", "A1", None, 'A1 "Duty 1": no party is responsible, so nobody does it'),
    )


def test_an_empty_area_has_no_accountable_and_no_responsible():
    assert rules(validate(matrix({}, area_list=areas(1)))) == [
        ("no_accountable", "A1", None),
        ("no_responsible", "A1", None),
    ]


def test_a_vendor_without_contract_holding_r_is_a_finding():
    review = validate(matrix({"A1": {"ISP": "R", "CEO": "A"}, "A2": {"ISP": "R", "CEO": "A"}}))
    assert review.findings == (
        Finding(
            "no_contract",
            None,
            "ISP",
            "ISP (CityNet), vendor, holds R or A on 2 area(s) but has no contract reference: "
            "attach the matrix to a contract",
        ),
    )


def test_a_vendor_without_contract_holding_only_a_is_a_finding():
    assert rules(validate(matrix({"A1": {"ISP": "A", "ADMIN": "R"}}))) == [("no_contract", None, "ISP")]


def test_an_msp_without_contract_is_a_finding_and_with_one_is_not():
    bare = Party("MSP", "Brightpath", "msp")
    assert rules(validate(matrix({"A1": {"MSP": "RA"}}, parties=(CEO, bare)))) == [
        ("no_contract", None, "MSP")
    ]
    assert rules(validate(matrix({"A1": {"MSP": "RA"}}, parties=(CEO, MSP)))) == []


def test_a_vendor_without_contract_only_consulted_or_informed_is_not_a_finding():
    assert rules(validate(matrix({"A1": {"ISP": "CI", "MSP": "RA"}}))) == []


def test_an_internal_party_never_needs_a_contract():
    assert rules(validate(matrix({"A1": {"ADMIN": "RA"}}))) == []


@pytest.mark.parametrize(
    ("spof", "critical_areas", "found"), [(5, 4, False), (5, 5, True), (2, 1, False), (2, 2, True)]
)
def test_the_sole_r_on_n_critical_areas_is_a_single_point_of_failure(spof, critical_areas, found):
    area_list = areas(critical_areas, critical=True)
    cells = {a.code: {"ADMIN": "R", "CEO": "A"} for a in area_list}
    review = validate(matrix(cells, area_list=area_list), spof=spof)
    assert rules(review) == ([("sole_responsible", None, "ADMIN")] if found else [])


def test_the_default_threshold_is_five():
    for n, found in ((4, []), (5, [("sole_responsible", None, "ADMIN")])):
        area_list = areas(n, critical=True)
        cells = {a.code: {"ADMIN": "R", "CEO": "A"} for a in area_list}
        assert rules(validate(matrix(cells, area_list=area_list))) == found


def test_non_critical_areas_and_shared_r_do_not_count_towards_a_single_point_of_failure():
    shared = areas(5, critical=True, prefix="S")
    plain = areas(5, critical=False, prefix="P")
    cells = {a.code: {"ADMIN": "R", "MSP": "R", "CEO": "A"} for a in shared}
    cells |= {a.code: {"ADMIN": "R", "CEO": "A"} for a in plain}
    assert rules(validate(matrix(cells, area_list=shared + plain))) == []


def test_a_single_point_of_failure_lists_five_areas_then_how_many_more():
    area_list = areas(7, critical=True)
    cells = {a.code: {"ADMIN": "R", "CEO": "A"} for a in area_list}
    (finding,) = validate(matrix(cells, area_list=area_list)).findings
    assert finding.message == (
        "ADMIN (Sam) is the only party responsible for 7 critical areas (A1, A2, A3, A4, A5 and 2 more): "
        "a single point of failure; name a second responsible party or a stand-in"
    )


def test_findings_come_by_rule_then_in_matrix_order():
    area_list = (*areas(3, critical=True), *areas(2, prefix="B"))
    cells = {
        "A1": {"ISP": "R"},
        "A2": {"ISP": "RA", "CEO": "A"},
        "A3": {"ADMIN": "R", "CEO": "A"},
        "B1": {"CEO": "A", "ADMIN": "CI"},
        "B2": {"ADMIN": "R"},
    }
    review = validate(matrix(cells, area_list=area_list), spof=1)
    assert rules(review) == [
        ("no_accountable", "A1", None),
        ("no_accountable", "B2", None),
        ("many_accountable", "A2", None),
        ("no_responsible", "B1", None),
        ("no_contract", None, "ISP"),
        ("sole_responsible", None, "ADMIN"),
        ("sole_responsible", None, "ISP"),
    ]


def test_without_a_ceo_party_the_message_still_says_the_ceo_is_accountable():
    review = validate(matrix({"A1": {"MSP": "R"}}, parties=(ADMIN, MSP)))
    assert review.findings[0].message.endswith(
        "no party is accountable, so the CEO is accountable by default"
    )


@pytest.mark.parametrize("spof", [0, -1, True, 2.5])
def test_a_threshold_below_one_or_not_whole_is_refused(spof):
    with pytest.raises(DomainError, match="spof"):
        validate(matrix({"A1": {"MSP": "RA"}}), spof=spof)


def test_the_json_has_null_for_the_area_or_party_a_rule_does_not_name():
    review = validate(matrix({"A1": {"ISP": "R"}}))
    assert review.to_json()["findings"] == [
        {"rule": "no_accountable", "area": "A1", "party": None, "message": review.findings[0].message},
        {"rule": "no_contract", "area": None, "party": "ISP", "message": review.findings[1].message},
    ]


letter_sets = st.sets(st.sampled_from(LETTERS)).map(lambda s: "".join(c for c in LETTERS if c in s))


@st.composite
def matrices(draw):
    kinds = draw(st.lists(st.sampled_from(["internal", "msp", "vendor"]), min_size=0, max_size=4))
    contracts = draw(st.lists(st.booleans(), min_size=len(kinds), max_size=len(kinds)))
    parties = (
        CEO,
        *(
            Party(f"P{i}", f"Party {i}", k, contract="C" if c else "")
            for i, (k, c) in enumerate(zip(kinds, contracts, strict=True))
        ),
    )
    criticals = draw(st.lists(st.booleans(), min_size=1, max_size=8))
    area_list = tuple(Area(f"A{i}", f"Duty {i}", "CONT", (), c) for i, c in enumerate(criticals))
    cells = {}
    for area in area_list:
        row = {p.code: draw(letter_sets) for p in parties}
        cells[area.code] = {code: letters for code, letters in row.items() if letters}
    return Matrix("Random", parties, area_list, cells)


@settings(max_examples=300, deadline=None)
@given(
    m=matrices(),
    spof=st.integers(min_value=1, max_value=4),
    where=st.tuples(st.integers(min_value=0), st.integers(min_value=0)),
    letter=st.sampled_from("CI"),
)
def test_adding_c_or_i_to_any_cell_never_adds_or_removes_a_finding(m, spof, where, letter):
    area = m.areas[where[0] % len(m.areas)].code
    party = m.parties[where[1] % len(m.parties)].code
    changed = m.with_letters(area, party, "".join(set(m.letters(area, party)) | {letter}))
    before, after = validate(m, spof=spof), validate(changed, spof=spof)
    assert after.findings == before.findings
    assert after.load == before.load
