"""Pure rules of agreements, without a database: canonical content and hash, codes, texts, workflow, items."""

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.agreements.rules.content import (
    AgreementContent,
    BudgetLine,
    Item,
    PactContent,
    Party,
    canonical_bytes,
    content_hash,
    decimal_text,
    normalize_code,
    verification_code,
)
from pamong.agreements.rules.items import IndicatorFacts, check_items
from pamong.agreements.rules.texts import (
    document_title,
    government_name,
    head_title,
    pact_statements,
    region_head_title,
)
from pamong.agreements.rules.workflow import (
    Document,
    Status,
    WorkflowError,
    check_cancel,
    check_editable,
    check_hashes,
    check_reopen,
    check_revise,
    check_sign,
    check_submit,
    is_complete,
)
from pamong.agreements.rules.workflow import (
    Party as PartyRole,
)

HEAD = Party(role="head", name="Budi Kadisdik", title="Kepala Dinas Pendidikan", nip="197202021997041002")
BUPATI = Party(role="region_head", name="Drs. H. Andi Uji Sentosa, M.Si.", title="Bupati Uji")


def content(**overrides):
    values = {
        "tenant": "Kabupaten Uji",
        "unit_code": "DISDIK",
        "unit_name": "Dinas Pendidikan",
        "year": 2026,
        "version": 1,
        "form": "permenpanrb-53-2014",
        "place": "Uji",
        "agreement_date": date(2026, 1, 5),
        "head": HEAD,
        "region_head": BUPATI,
        "items": (
            Item(
                number=1,
                goal="Meningkatnya partisipasi sekolah",
                indicator_code="IK1",
                indicator_name="Angka partisipasi murni SD",
                unit_of_measure="%",
                polarity="maximize",
                period_kind="quarterly",
                annual_target=Decimal("100.0000"),
                trajectory=((1, Decimal("25")), (2, Decimal("50")), (3, Decimal("75.5")), (4, Decimal("100"))),
            ),
        ),
        "budget": (BudgetLine(number=1, program="Program Pengelolaan Pendidikan", ceiling=12_500_000_000),),
    }
    values.update(overrides)
    return AgreementContent(**values)


#: The hash of ``content()`` as of schema pamong.perjanjian-kinerja/1. If this changes, every signed
#: agreement stops verifying: a change of the canonical form needs a new schema string instead.
PINNED_HASH = "db417349b990f628ebf4abc02d4886ffe1b074b9200d8986941fc88ff08fba47"


def test_canonical_json_is_sorted_compact_utf8_with_plain_decimals():
    data = canonical_bytes(content()).decode("utf-8")
    assert data.startswith('{"agreement_date":"2026-01-05","budget":[{"ceiling":12500000000,')
    assert '"annual_target":"100"' in data and '"3":"75.5"' in data
    assert json.dumps(json.loads(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False) == data
    # UTF-8, not ASCII escapes: what a person reads is what is hashed.
    assert "Kecamatan Tanjung Sélatan" in canonical_bytes(content(unit_name="Kecamatan Tanjung Sélatan")).decode()


def test_hash_is_stable_and_pinned():
    digest = content_hash(content())
    assert digest == content_hash(content())  # deterministic
    assert len(digest) == 64 and digest == digest.lower()
    assert digest == PINNED_HASH


def test_equal_decimals_hash_equally_whatever_their_scale():
    item = content().items[0]
    same = Item(**{**item.__dict__, "annual_target": Decimal("100"), "trajectory": item.trajectory})
    assert content_hash(content(items=(same,))) == content_hash(content())


@pytest.mark.parametrize(
    "change",
    [
        {"version": 2},
        {"year": 2027},
        {"place": "Lain"},
        {"agreement_date": date(2026, 1, 6)},
        {"head": Party(role="head", name="Budi Kadisdik", title="Plt. Kepala Dinas Pendidikan")},
        {"region_head": Party(role="region_head", name="Lain", title="Bupati Uji")},
        {"budget": (BudgetLine(number=1, program="Program Pengelolaan Pendidikan", ceiling=12_500_000_001),)},
        {"budget": ()},
        {"revision_reason": "Perubahan APBD"},
        {"unit_name": "Dinas Pendidikan dan Kebudayaan"},
    ],
    ids=lambda c: next(iter(c)),
)
def test_any_change_changes_the_hash(change):
    assert content_hash(content(**change)) != content_hash(content())


def test_tampering_with_one_trajectory_point_changes_the_hash():
    item = content().items[0]
    tampered = Item(
        **{
            **item.__dict__,
            "trajectory": ((1, Decimal("25")), (2, Decimal("50")), (3, Decimal("75.5")), (4, Decimal("99.99"))),
        }
    )
    assert content_hash(content(items=(tampered,))) != content_hash(content())


def test_item_and_budget_order_does_not_matter_but_numbers_do():
    a = BudgetLine(1, "A", 1)
    b = BudgetLine(2, "B", 2)
    assert content_hash(content(budget=(a, b))) == content_hash(content(budget=(b, a)))
    assert content_hash(content(budget=(BudgetLine(2, "A", 1), BudgetLine(1, "B", 2)))) != content_hash(
        content(budget=(a, b))
    )


def test_pact_hash_is_bound_to_the_agreement_hash():
    pact = PactContent(
        agreement_hash="a" * 64,
        tenant="Kabupaten Uji",
        unit_name="Dinas Pendidikan",
        year=2026,
        version=1,
        form="permenpanrb-49-2011",
        place="Uji",
        pact_date=date(2026, 1, 5),
        signer=HEAD,
        statements=pact_statements("Dinas Pendidikan", "Uji"),
    )
    other = PactContent(**{**pact.__dict__, "agreement_hash": "b" * 64})
    assert content_hash(pact) != content_hash(other)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("100.0000"), "100"),
        (Decimal("1E+2"), "100"),
        (Decimal("98.7500"), "98.75"),
        (Decimal("0.0000"), "0"),
        (Decimal("-0"), "0"),
        (Decimal("-2.50"), "-2.5"),
        (Decimal("0.0001"), "0.0001"),
        (Decimal("12345678901234.5"), "12345678901234.5"),
    ],
)
def test_decimal_text(value, text):
    assert decimal_text(value) == text


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**15), max_value=10**15))
def test_decimal_text_round_trips(value):
    assert Decimal(decimal_text(value)) == value


def test_decimal_text_refuses_non_finite():
    with pytest.raises(ValueError):
        decimal_text(Decimal("NaN"))


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("1A2B-3C4D-5E6F-7081", "1a2b3c4d5e6f7081"),
        ("1a2b 3c4d 5e6f 7081", "1a2b3c4d5e6f7081"),
        (" 1A2B3C4D5E6F7O81 ", "1a2b3c4d5e6f7081"),  # an O typed for a zero
        ("a" * 64, "a" * 64),
        ("1A2B-3C4D-5E6F", None),  # too short
        ("1A2B-3C4D-5E6F-708G", None),  # not hex
        ("", None),
        ("1A2B-3C4D-5E6F-7081-9", None),
    ],
)
def test_normalize_code(typed, normal):
    assert normalize_code(typed) == normal


def test_verification_code_is_the_first_16_hex_grouped():
    assert verification_code("1a2b3c4d5e6f7081" + "0" * 48) == "1A2B-3C4D-5E6F-7081"
    assert normalize_code(verification_code(PINNED_HASH)) == PINNED_HASH[:16]


@pytest.mark.parametrize(
    ("tenant", "title", "kop"),
    [
        ("Kabupaten Uji", "Bupati Uji", "PEMERINTAH KABUPATEN UJI"),
        ("Kota Lain", "Wali Kota Lain", "PEMERINTAH KOTA LAIN"),
        ("Kabupaten Tanah Bunga", "Bupati Tanah Bunga", "PEMERINTAH KABUPATEN TANAH BUNGA"),
        ("Kab. Maju", "Bupati Maju", "PEMERINTAH KABUPATEN MAJU"),
    ],
)
def test_titles(tenant, title, kop):
    assert region_head_title(tenant) == title and government_name(tenant) == kop


def test_head_and_document_titles():
    assert head_title("Kepala Dinas Pendidikan", acting=True) == "Plt. Kepala Dinas Pendidikan"
    assert head_title("Plt. Camat", acting=True) == "Plt. Camat"
    assert head_title("Camat Anggrek", acting=False) == "Camat Anggrek"
    assert document_title(2026, 1) == "PERJANJIAN KINERJA TAHUN 2026"
    assert document_title(2026, 2) == "PERJANJIAN KINERJA PERUBAHAN TAHUN 2026"


def test_pact_has_the_seven_statements_naming_the_agency():
    statements = pact_statements("Kecamatan Anggrek", "Uji")
    assert len(statements) == 7 and "Kecamatan Anggrek Uji" in statements[5]


# -- workflow --------------------------------------------------------------------------------------------

ALL = {(Document.AGREEMENT, PartyRole.HEAD), (Document.AGREEMENT, PartyRole.REGION_HEAD)}


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Status.DRAFT, None),
        (Status.AWAITING, "awaiting"),
        (Status.SIGNED, "signed"),
        (Status.SUPERSEDED, "signed"),
        (Status.CANCELLED, "cancelled"),
    ],
)
def test_only_a_draft_is_editable(status, code):
    if code is None:
        check_editable(status, 1)
        return
    with pytest.raises(WorkflowError) as failure:
        check_editable(status, 1)
    assert failure.value.code == code


def test_submit_needs_items():
    check_submit(Status.DRAFT, 1, 3)
    with pytest.raises(WorkflowError) as failure:
        check_submit(Status.DRAFT, 1, 0)
    assert failure.value.kind == "invalid"


@pytest.mark.parametrize(
    ("status", "signed", "document", "party", "code"),
    [
        (Status.AWAITING, set(), Document.AGREEMENT, PartyRole.HEAD, None),
        (Status.AWAITING, set(), Document.AGREEMENT, PartyRole.REGION_HEAD, None),
        (Status.AWAITING, {(Document.AGREEMENT, PartyRole.HEAD)}, Document.AGREEMENT, PartyRole.REGION_HEAD, None),
        (Status.AWAITING, {(Document.AGREEMENT, PartyRole.HEAD)}, Document.AGREEMENT, PartyRole.HEAD, "already_signed"),
        (Status.AWAITING, set(), Document.INTEGRITY_PACT, PartyRole.HEAD, None),
        (Status.AWAITING, set(), Document.INTEGRITY_PACT, PartyRole.REGION_HEAD, "no_such_signature"),
        (Status.DRAFT, set(), Document.AGREEMENT, PartyRole.HEAD, "draft"),
        (Status.SIGNED, ALL, Document.AGREEMENT, PartyRole.HEAD, "signed"),
        (Status.SUPERSEDED, ALL, Document.AGREEMENT, PartyRole.HEAD, "signed"),
        (Status.CANCELLED, set(), Document.AGREEMENT, PartyRole.HEAD, "cancelled"),
    ],
)
def test_check_sign(status, signed, document, party, code):
    if code is None:
        check_sign(status, signed, document, party, version=1)
        return
    with pytest.raises(WorkflowError) as failure:
        check_sign(status, signed, document, party, version=1)
    assert failure.value.code == code


def test_complete_needs_all_three_signatures():
    assert not is_complete(ALL)
    assert is_complete(ALL | {(Document.INTEGRITY_PACT, PartyRole.HEAD)})
    assert is_complete({("agreement", "head"), ("agreement", "region_head"), ("integrity_pact", "head")})


@pytest.mark.parametrize(
    ("check", "allowed"),
    [
        (check_reopen, {Status.AWAITING}),
        (check_cancel, {Status.DRAFT, Status.AWAITING}),
    ],
)
def test_reopen_and_cancel_states(check, allowed):
    for status in Status:
        if status in allowed:
            check(status)
        else:
            with pytest.raises(WorkflowError):
                check(status)


def test_revise_only_from_the_version_in_force_without_another_under_way():
    check_revise(Status.SIGNED, has_pending=False)
    with pytest.raises(WorkflowError) as failure:
        check_revise(Status.SIGNED, has_pending=True)
    assert failure.value.code == "pending_exists"
    for status in (Status.DRAFT, Status.AWAITING, Status.SUPERSEDED, Status.CANCELLED):
        with pytest.raises(WorkflowError):
            check_revise(status, has_pending=False)


@pytest.mark.parametrize(
    ("stored", "recomputed", "presented", "others", "code"),
    [
        ("a", "a", "a", [], None),
        ("a", "a", " A ", ["a"], None),
        ("a", "b", "a", [], "content_changed"),
        ("a", "a", "b", [], "stale_hash"),
        ("a", "a", "a", ["b"], "other_party_hash"),
    ],
)
def test_check_hashes(stored, recomputed, presented, others, code):
    if code is None:
        check_hashes(stored=stored, recomputed=recomputed, presented=presented, others=others)
        return
    with pytest.raises(WorkflowError) as failure:
        check_hashes(stored=stored, recomputed=recomputed, presented=presented, others=others)
    assert failure.value.code == code


# -- items -----------------------------------------------------------------------------------------------


def test_check_items_names_indicator_and_period():
    quarters = {1: Decimal("1"), 2: Decimal("2"), 3: Decimal("3"), 4: Decimal("4")}
    facts = [
        IndicatorFacts("IK1", "Lengkap", "quarterly", Decimal("4"), quarters),
        IndicatorFacts("IK2", "Tanpa target", "quarterly", None, quarters),
        IndicatorFacts("IK3", "Bolong", "monthly", Decimal("12"), {n: Decimal(n) for n in range(1, 13) if n != 9}),
    ]
    problems = check_items(facts, year=2026)
    assert [(p.code, p.period_no) for p in problems] == [("IK2", None), ("IK3", 9)]
    assert problems[1].message_id == "Indikator IK3 Bolong: target September 2026 belum diisi."
    assert problems[1].message_en == "Indicator IK3 Bolong: the target for September 2026 is missing."
    assert check_items(facts[:1], year=2026) == ()
