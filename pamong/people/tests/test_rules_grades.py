"""PNS and PPPK grades, entry grade by education (``domain/rules.md`` §9.1–9.2)."""

import pickle

import pytest

from pamong.people.rules.grades import (
    PNS_GRADES,
    PPPK_GRADES,
    Grade,
    GradeError,
    PppkGrade,
    entry_grade_for_education,
    grade_by_code,
    pppk_grade_by_code,
)

# §9.2 table: ordinal, code, pangkat.
PNS_TABLE = [
    (1, "I/a", "Juru Muda"),
    (2, "I/b", "Juru Muda Tingkat I"),
    (3, "I/c", "Juru"),
    (4, "I/d", "Juru Tingkat I"),
    (5, "II/a", "Pengatur Muda"),
    (6, "II/b", "Pengatur Muda Tingkat I"),
    (7, "II/c", "Pengatur"),
    (8, "II/d", "Pengatur Tingkat I"),
    (9, "III/a", "Penata Muda"),
    (10, "III/b", "Penata Muda Tingkat I"),
    (11, "III/c", "Penata"),
    (12, "III/d", "Penata Tingkat I"),
    (13, "IV/a", "Pembina"),
    (14, "IV/b", "Pembina Tingkat I"),
    (15, "IV/c", "Pembina Utama Muda"),
    (16, "IV/d", "Pembina Utama Madya"),
    (17, "IV/e", "Pembina Utama"),
]


def test_pns_grades_are_the_17_ranks_in_order() -> None:
    assert [(g.ordinal, g.code, g.pangkat) for g in PNS_GRADES] == PNS_TABLE
    assert list(PNS_GRADES) == sorted(PNS_GRADES)


@pytest.mark.parametrize(("ordinal", "code", "pangkat"), PNS_TABLE)
def test_grade_by_code_exact(ordinal: int, code: str, pangkat: str) -> None:
    grade = grade_by_code(code)
    assert (grade.ordinal, grade.code, grade.pangkat) == (ordinal, code, pangkat)
    assert grade.code == f"{('I', 'II', 'III', 'IV')[grade.golongan - 1]}/{grade.ruang}"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("III/a", "III/a"),
        ("III a", "III/a"),
        ("3a", "III/a"),
        ("IIIa", "III/a"),
        ("III-a", "III/a"),
        ("III.a", "III/a"),
        ("iii/A", "III/a"),
        ("3/a", "III/a"),
        (" III / a ", "III/a"),
        ("Gol. III/a", "III/a"),
        ("golongan III/a", "III/a"),
        ("Ia", "I/a"),
        ("1a", "I/a"),
        ("IIb", "II/b"),
        ("2d", "II/d"),
        ("IV/e", "IV/e"),
        ("4e", "IV/e"),
        ("IVc", "IV/c"),
        ("IV–b", "IV/b"),
    ],
)
def test_grade_by_code_loose(raw: str, code: str) -> None:
    assert grade_by_code(raw).code == code


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "III",
        "a",
        "III/e",
        "I/e",
        "V/a",
        "5a",
        "0a",
        "IIII/a",
        "III/f",
        "3",
        "IX",
        "III//",
    ],
)
def test_grade_by_code_rejects(raw: str) -> None:
    with pytest.raises(GradeError) as excinfo:
        grade_by_code(raw)
    assert f'"{raw}"' in excinfo.value.message_id
    assert f'"{raw}"' in excinfo.value.message_en
    assert "Golongan/ruang" in str(excinfo.value)


def test_grades_compare_by_ordinal() -> None:
    assert grade_by_code("III/d") < grade_by_code("IV/a")
    assert max(grade_by_code("II/c"), grade_by_code("I/d")).code == "II/c"
    assert str(grade_by_code("III/a")) == "Penata Muda (III/a)"


ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
ROMANS += ["XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]


def test_pppk_grades_are_i_to_xvii() -> None:
    assert [(g.ordinal, g.code) for g in PPPK_GRADES] == list(enumerate(ROMANS, start=1))


@pytest.mark.parametrize(
    ("raw", "ordinal"),
    [
        ("IX", 9),
        ("ix", 9),
        ("9", 9),
        ("09", 9),
        (" IX ", 9),
        ("Gol. IX", 9),
        ("I", 1),
        ("1", 1),
        ("XVII", 17),
        ("17", 17),
        ("V", 5),
        ("XIV", 14),
    ],
)
def test_pppk_grade_by_code(raw: str, ordinal: int) -> None:
    grade = pppk_grade_by_code(raw)
    assert grade == PppkGrade(ordinal=ordinal, code=ROMANS[ordinal - 1])


@pytest.mark.parametrize("raw", ["", "0", "18", "XVIII", "IIII", "III/a", "1a", "²"])
def test_pppk_grade_by_code_rejects(raw: str) -> None:
    with pytest.raises(GradeError) as excinfo:
        pppk_grade_by_code(raw)
    assert "PPPK" in excinfo.value.message_id
    assert "PPPK" in excinfo.value.message_en


@pytest.mark.parametrize(
    ("level", "code"),
    [
        ("SD", "I/a"),
        ("SMP", "I/c"),
        ("SLTP", "I/c"),
        ("SMA", "II/a"),
        ("SLTA", "II/a"),
        ("SMK", "II/a"),
        ("D-I", "II/a"),
        ("D1", "II/a"),
        ("D-II", "II/b"),
        ("D2", "II/b"),
        ("D-III", "II/c"),
        ("D III", "II/c"),
        ("d3", "II/c"),
        ("DIII", "II/c"),
        ("S1", "III/a"),
        ("S-1", "III/a"),
        ("s1", "III/a"),
        ("D-IV", "III/a"),
        ("D4", "III/a"),
        ("S2", "III/b"),
        ("S3", "III/c"),
    ],
)
def test_entry_grade_for_education(level: str, code: str) -> None:
    grade = entry_grade_for_education(level)
    assert isinstance(grade, Grade)
    assert grade.code == code


@pytest.mark.parametrize("level", ["", "TK", "D5", "S4", "SMA/SMK", "Sarjana"])
def test_entry_grade_for_unknown_education(level: str) -> None:
    with pytest.raises(GradeError, match="Jenjang pendidikan") as excinfo:
        entry_grade_for_education(level)
    assert "education level" in excinfo.value.message_en


def test_grade_error_is_picklable() -> None:
    with pytest.raises(GradeError) as excinfo:
        grade_by_code("III/e")
    clone = pickle.loads(pickle.dumps(excinfo.value))
    assert (clone.message_id, clone.message_en) == (
        excinfo.value.message_id,
        excinfo.value.message_en,
    )
