"""rules.index: the weighted index of a unit and league-table ranks."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.performance.rules.errors import ScoreIndexError
from pamong.performance.rules.index import (
    IndexItem,
    IndexResult,
    MissingCapaian,
    Ranked,
    rank,
    weighted_index,
)

D = Decimal


def items(*rows: tuple[str, Decimal | None, Decimal | int]) -> list[IndexItem]:
    return [IndexItem(key, capaian, D(weight)) for key, capaian, weight in rows]


# (case, items, missing policy, value, total weight, counted, missing)
INDEXES = [
    (
        "equal weights",
        items(("a", D("92.00"), 1), ("b", D("80.00"), 1)),
        MissingCapaian.ZERO,
        "86.00",
        2,
        ("a", "b"),
        (),
    ),
    (
        "weights need not add up to 100",
        items(("a", D("100.00"), 3), ("b", D("50.00"), 1)),
        MissingCapaian.ZERO,
        "87.50",
        4,
        ("a", "b"),
        (),
    ),
    (
        "percent weights give the same index",
        items(("a", D("100.00"), 75), ("b", D("50.00"), 25)),
        MissingCapaian.ZERO,
        "87.50",
        100,
        ("a", "b"),
        (),
    ),
    (
        "rounded half up",
        items(("a", D("100.00"), 1), ("b", D("0.00"), 2)),
        MissingCapaian.ZERO,
        "33.33",
        3,
        ("a", "b"),
        (),
    ),
    (
        "two thirds",
        items(("a", D("100.00"), 2), ("b", D("0.00"), 1)),
        MissingCapaian.ZERO,
        "66.67",
        3,
        ("a", "b"),
        (),
    ),
    (
        "x.xx5 rounds up",
        items(("a", D("80.01"), 1), ("b", D("80.00"), 1)),
        MissingCapaian.ZERO,
        "80.01",
        2,
        ("a", "b"),
        (),
    ),
    (
        "missing counts as zero",
        items(("a", D("90.00"), 1), ("b", None, 1)),
        MissingCapaian.ZERO,
        "45.00",
        2,
        ("a", "b"),
        ("b",),
    ),
    (
        "missing excluded",
        items(("a", D("90.00"), 1), ("b", None, 1)),
        MissingCapaian.EXCLUDE,
        "90.00",
        1,
        ("a",),
        ("b",),
    ),
    (
        "weight 0 is out of the index",
        items(("a", D("90.00"), 1), ("b", D("10.00"), 0)),
        MissingCapaian.ZERO,
        "90.00",
        1,
        ("a",),
        (),
    ),
    (
        "capaian above 100 (uncapped) counts as is",
        items(("a", D("150.00"), 1), ("b", D("90.00"), 1)),
        MissingCapaian.ZERO,
        "120.00",
        2,
        ("a", "b"),
        (),
    ),
    (
        "decimal weights",
        items(("a", D("80.00"), D("0.3")), ("b", D("90.00"), D("0.7"))),
        MissingCapaian.ZERO,
        "87.00",
        D(1),
        ("a", "b"),
        (),
    ),
]


@pytest.mark.parametrize(("case", "rows", "policy", "value", "total", "counted", "missing"), INDEXES)
def test_weighted_index(case, rows, policy, value, total, counted, missing) -> None:
    result = weighted_index(rows, missing=policy)
    assert str(result.value) == value, case
    assert result.total_weight == total
    assert (result.counted, result.missing) == (counted, missing)


def test_everything_missing_and_excluded_has_no_value() -> None:
    result = weighted_index(items(("a", None, 1), ("b", None, 2)), missing=MissingCapaian.EXCLUDE)
    assert result == IndexResult(value=None, total_weight=D(0), counted=(), missing=("a", "b"))


@pytest.mark.parametrize(
    ("case", "rows", "code", "field"),
    [
        ("no indicators", [], "no_indicators", "indicators"),
        ("all weights zero", items(("a", D(90), 0), ("b", D(80), 0)), "total_weight_zero", "weight"),
        ("negative weight", items(("a", D(90), 2), ("b", D(80), -1)), "weight_negative", "weight"),
        ("duplicate key", items(("a", D(90), 1), ("a", D(80), 1)), "duplicate_key", "indicators"),
        ("negative capaian", items(("a", D(-1), 1)), "capaian_negative", "capaian"),
        ("float capaian", [IndexItem("a", 90.0, D(1))], "not_a_number", "capaian"),  # type: ignore[arg-type]
        ("text weight", [IndexItem("a", D(90), "1")], "not_a_number", "weight"),  # type: ignore[arg-type]
    ],
)
def test_weighted_index_refuses(case, rows, code, field) -> None:
    with pytest.raises(ScoreIndexError) as info:
        weighted_index(rows)
    assert (info.value.code, info.value.field) == (code, field), case


def test_messages_name_the_indicator() -> None:
    with pytest.raises(ScoreIndexError) as info:
        weighted_index(items(("IKU-3 angka kemiskinan", D(90), -2)))
    assert "'IKU-3 angka kemiskinan'" in info.value.message_id
    assert "(-2)" in info.value.message_id


# ------------------------------------------------------------------------------------- ranking --


def test_rank_competition_style_with_ties_and_unranked_last() -> None:
    table = rank(
        [
            ("Dinas Kesehatan", D("88.00")),
            ("Dinas Pendidikan", D("92.50")),
            ("Kecamatan Utara", None),
            ("Dinas PUPR", D("88.00")),
            ("Bappeda", D("75.10")),
        ]
    )
    assert table == (
        Ranked(1, "Dinas Pendidikan", D("92.50")),
        Ranked(2, "Dinas Kesehatan", D("88.00")),
        Ranked(2, "Dinas PUPR", D("88.00")),
        Ranked(4, "Bappeda", D("75.10")),
        Ranked(None, "Kecamatan Utara", None),
    )


def test_rank_empty() -> None:
    assert rank([]) == ()


def test_rank_refuses_duplicates() -> None:
    with pytest.raises(ScoreIndexError) as info:
        rank([("a", D(1)), ("a", D(2))])
    assert info.value.code == "duplicate_key"


# ------------------------------------------------------------------------------------ properties --

capaians = st.decimals(min_value=0, max_value=200, places=2)
weights = st.decimals(min_value=D("0.01"), max_value=100, places=2)


@given(rows=st.lists(st.tuples(capaians, weights), min_size=1, max_size=20))
def test_index_lies_between_the_lowest_and_highest_capaian(rows) -> None:
    result = weighted_index([IndexItem(str(i), c, w) for i, (c, w) in enumerate(rows)])
    assert result.value is not None
    assert min(c for c, _ in rows) <= result.value <= max(c for c, _ in rows)


@given(
    rows=st.lists(st.tuples(capaians, weights), min_size=1, max_size=20), factor=st.integers(min_value=2, max_value=50)
)
def test_scaling_all_weights_does_not_change_the_index(rows, factor) -> None:
    base = weighted_index([IndexItem(str(i), c, w) for i, (c, w) in enumerate(rows)])
    scaled = weighted_index([IndexItem(str(i), c, w * factor) for i, (c, w) in enumerate(rows)])
    assert base.value == scaled.value


@given(scores=st.lists(st.one_of(st.none(), capaians), max_size=15))
def test_ranks_are_ordered(scores) -> None:
    table = rank([(str(i), s) for i, s in enumerate(scores)])
    ranked = [row for row in table if row.rank is not None]
    assert [r.value for r in ranked] == sorted((s for s in scores if s is not None), reverse=True)
    assert all(a.rank <= b.rank for a, b in zip(ranked, ranked[1:], strict=False))  # type: ignore[operator]
    assert ranked == [] or ranked[0].rank == 1
