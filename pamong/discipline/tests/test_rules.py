"""Discipline rules without a database: the worked examples of domain/rules.md §1.11 and §2.4, table-driven."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.attendance.rules.holidays_id import national_calendar
from pamong.discipline.rules.absence import (
    MINUTES_PER_DAY,
    PP53_BANDS,
    PP94_BANDS,
    YearTally,
    band_of,
    bands_crossed,
    bands_for,
    day_equivalents,
    ladder_position,
)
from pamong.discipline.rules.authority import (
    Authority,
    Examiner,
    Official,
    TeamMember,
    TeamRole,
    check_decider,
    check_team,
    competent_official,
    examiner_for,
    lowest_authority,
)
from pamong.discipline.rules.errors import DisciplineRuleError
from pamong.discipline.rules.procedure import (
    ProcedureSettings,
    WorkCalendar,
    appeal_deadline,
    check_appeal_filed,
    check_examination_date,
    delivery_deadline,
    effective_date,
    latest_summons_date,
    second_summons_deadline,
    send_deadline,
)
from pamong.discipline.rules.sanctions import (
    LegacySanction,
    Level,
    Sanction,
    blocks_pay_step_and_rank,
    executed_label,
    heaviest,
    terms,
)
from pamong.discipline.rules.streak import DayKind, unexcused_streak
from pamong.discipline.rules.supervision import is_late, report_due_on, response_due_on, summary_due_on
from pamong.org.rules.echelons import PositionType

CAL = WorkCalendar(holidays=national_calendar())

# -- §1.5 the ladder ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "sanction"),
    [
        (0, None), (2, None), (3, Sanction.R1), (4, Sanction.R2), (6, Sanction.R2), (7, Sanction.R3),
        (10, Sanction.R3), (11, Sanction.S1), (13, Sanction.S1), (14, Sanction.S2), (16, Sanction.S2),
        (17, Sanction.S3), (20, Sanction.S3), (21, Sanction.B1), (24, Sanction.B1), (25, Sanction.B2),
        (27, Sanction.B2), (28, Sanction.B3), (90, Sanction.B3),
    ],
)  # fmt: skip
def test_pp94_bands_by_inclusive_lower_bound(days, sanction):
    band = band_of(days, PP94_BANDS)
    assert (band.sanction if band else None) == sanction


@pytest.mark.parametrize(
    ("days", "sanction"),
    [(4, None), (5, LegacySanction.L1), (6, LegacySanction.L2), (15, LegacySanction.L3), (16, LegacySanction.L4),
     (30, LegacySanction.L6), (31, LegacySanction.L7), (45, LegacySanction.L9), (46, LegacySanction.L10)],
)  # fmt: skip
def test_pp53_bands_for_violations_before_31_august_2021(days, sanction):
    band = band_of(days, bands_for(date(2021, 8, 30)))
    assert (band.sanction if band else None) == sanction


def test_the_tables_never_mix():
    assert bands_for(date(2021, 8, 30)) is PP53_BANDS
    assert bands_for(date(2021, 8, 31)) is PP94_BANDS


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, (0, 0)), (449, (0, 449)), (450, (1, 0)), (1350, (3, 0)), (2000, (4, 200)), (297, (0, 297)),
     (497, (1, 47))],
)  # fmt: skip
def test_450_minutes_make_a_day_floor_and_remainder(minutes, expected):
    assert day_equivalents(minutes) == expected


def test_negative_minutes_are_refused():
    with pytest.raises(DisciplineRuleError) as caught:
        day_equivalents(-1)
    assert caught.value.code == "negative_minutes"


@given(st.integers(min_value=0, max_value=10**6))
def test_day_equivalents_recompose(minutes):
    days, rest = day_equivalents(minutes)
    assert days * MINUTES_PER_DAY + rest == minutes and 0 <= rest < MINUTES_PER_DAY


# -- §1.11 example 1A -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "unexcused", "minutes", "minute_days", "remainder", "total", "sanction"),
    [
        ("Jan–Jun 2026", 5, 1350, 3, 0, 8, Sanction.R3),
        ("Jan–Oct 2026", 8, 2000, 4, 200, 12, Sanction.S1),
        ("1 Jan 2027: reset", 0, 0, 0, 0, 0, None),
    ],
)
def test_example_1a_cumulative_absence_plus_lateness(
    label, unexcused, minutes, minute_days, remainder, total, sanction
):
    position = ladder_position(YearTally(2026, unexcused, late_minutes=minutes, early_minutes=0))
    assert (position.minute_days, position.remainder_minutes, position.total_days) == (minute_days, remainder, total)
    assert (position.band.sanction if position.band else None) == sanction


def test_example_1a_sedang_is_executed_as_kgb_deferred_during_the_transition():
    assert executed_label(Sanction.S1)[0] == "Penundaan kenaikan gaji berkala selama 1 tahun"
    assert executed_label(Sanction.S1, transitional_substitute=False)[0].startswith("Pemotongan tunjangan kinerja 25%")
    assert executed_label(Sanction.R3) == (terms(Sanction.R3).label_id, terms(Sanction.R3).label_en)


def test_example_1a_crossing_from_8_to_12_is_one_new_band():
    assert [band.sanction for band in bands_crossed(8, 12)] == [Sanction.S1]
    assert [band.sanction for band in bands_crossed(0, 8)] == [Sanction.R1, Sanction.R2, Sanction.R3]
    assert bands_crossed(12, 12) == ()


def test_position_reports_the_next_band():
    position = ladder_position(YearTally(2026, 5, 0, 0))
    assert (position.band.sanction, position.next_band.sanction, position.days_to_next) == (
        Sanction.R2,
        Sanction.R3,
        2,
    )
    assert ladder_position(YearTally(2026, 30, 0, 0)).days_to_next is None


# -- §2.4 minutes → days over two months ----------------------------------------------------------------


def test_example_2_4_march_then_april():
    march = 22 + 75 + 50 + 150  # TL 07:52, TL 08:45, PSW 15:10 (Mon), PSW 14:00 (Fri)
    assert march == 297
    assert ladder_position(YearTally(2026, 0, late_minutes=22 + 75, early_minutes=50 + 150)).total_days == 0
    april = ladder_position(YearTally(2026, 0, late_minutes=97, early_minutes=200 + 200))
    assert (april.minutes, april.minute_days, april.remainder_minutes) == (497, 1, 47)


# -- §1.11 example 1B: ten consecutive working days ----------------------------------------------------


def _march_2026(attends_on: set[date] = frozenset()):  # type: ignore[assignment]
    days = []
    day = date(2026, 3, 9)
    while day <= date(2026, 3, 31):
        if not CAL.week.works_on(day):
            kind = DayKind.OFF
        elif CAL.holidays.is_day_off(day):
            kind = DayKind.HOLIDAY
        else:
            kind = DayKind.PRESENT if day in attends_on else DayKind.UNEXCUSED
        days.append((day, kind))
        day += timedelta(days=1)
    return [(d, k) for d, k in days if d <= date(2026, 3, 27)]


def test_example_1b_the_tenth_working_day_is_friday_27_march():
    streak = unexcused_streak(_march_2026())
    assert (streak.longest, streak.reached_on, streak.longest_from) == (10, date(2026, 3, 27), date(2026, 3, 9))


def test_example_1b_attending_on_25_march_resets_the_run_at_7():
    streak = unexcused_streak(_march_2026({date(2026, 3, 25)}))
    assert (streak.longest, streak.reached, streak.current) == (7, False, 2)
    assert band_of(7).sanction is Sanction.R3  # only the cumulative table applies: 7 days → R3


def test_example_1b_if_holidays_break_the_run():
    streak = unexcused_streak(_march_2026(), holiday_breaks_streak=True)
    assert (streak.longest, streak.reached) == (7, False)


def test_streak_needs_ordered_days():
    with pytest.raises(ValueError, match="order"):
        unexcused_streak([(date(2026, 3, 10), DayKind.UNEXCUSED), (date(2026, 3, 9), DayKind.UNEXCUSED)])


# -- §1.11 example 1C: procedural dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "given_date", "expected"),
    [
        (latest_summons_date, date(2026, 2, 25), date(2026, 2, 12)),  # skips 16 (cuti bersama), 17 (Imlek)
        (second_summons_deadline, date(2026, 2, 11), date(2026, 2, 24)),
        (effective_date, date(2026, 7, 14), date(2026, 8, 4)),  # working days (default)
        (appeal_deadline, date(2026, 7, 14), date(2026, 8, 3)),
        (send_deadline, date(2026, 7, 14), date(2026, 7, 17)),
        (delivery_deadline, date(2026, 7, 1), date(2026, 7, 21)),
    ],
)
def test_example_1c_procedural_dates(function, given_date, expected):
    assert function(given_date, CAL) == expected


def test_example_1c_effective_date_under_the_calendar_day_reading():
    settings = ProcedureSettings(effective_in_working_days=False)
    assert effective_date(date(2026, 7, 14), CAL, settings) == date(2026, 7, 29)


@pytest.mark.parametrize(
    ("summons", "exam", "ok"),
    [
        (date(2026, 2, 12), date(2026, 2, 25), True),
        (date(2026, 2, 13), date(2026, 2, 25), False),  # only 6 working days
        (date(2026, 2, 12), date(2026, 2, 24), False),
    ],
)
def test_an_examination_too_soon_after_the_summons_is_refused_with_its_source(summons, exam, ok):
    if ok:
        check_examination_date(summons, exam, CAL)
        return
    with pytest.raises(DisciplineRuleError) as caught:
        check_examination_date(summons, exam, CAL)
    assert caught.value.code == "exam_too_soon" and caught.value.field == "exam_on"
    assert "7 hari kerja" in str(caught.value) and "PP 94/2021" in str(caught.value)
    assert caught.value.source.startswith("PP 94/2021")


@pytest.mark.parametrize(
    ("filed", "code"),
    [(date(2026, 8, 3), None), (date(2026, 7, 14), None), (date(2026, 8, 4), "appeal_too_late"),
     (date(2026, 7, 13), "appeal_before_receipt")],
)  # fmt: skip
def test_an_appeal_after_14_working_days_is_refused(filed, code):
    if code is None:
        check_appeal_filed(date(2026, 7, 14), filed, CAL)
        return
    with pytest.raises(DisciplineRuleError) as caught:
        check_appeal_filed(date(2026, 7, 14), filed, CAL)
    assert caught.value.code == code and "PP 79/2021" in caught.value.source


# -- §1.3 / §1.4 sanctions ------------------------------------------------------------------------------


def test_only_the_heaviest_sanction_is_imposed():
    assert heaviest(["R2", Sanction.S1, "R3"]) is Sanction.S1
    assert heaviest([]) is None


@pytest.mark.parametrize(
    ("sanction", "level", "months", "blocks"),
    [("R1", Level.RINGAN, None, False), ("S2", Level.SEDANG, 9, True), ("B2", Level.BERAT, 12, True),
     ("B3", Level.BERAT, None, True)],
)  # fmt: skip
def test_catalogue(sanction, level, months, blocks):
    assert (terms(sanction).level, terms(sanction).months, blocks_pay_step_and_rank(sanction)) == (
        level,
        months,
        blocks,
    )


def test_unknown_sanction():
    with pytest.raises(DisciplineRuleError) as caught:
        terms("X9")
    assert caught.value.code == "unknown_sanction"


# -- §1.7 PYBMH ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offender", "level", "ahli_utama", "authority"),
    [
        (PositionType.JPT_PRATAMA, Level.RINGAN, False, Authority.PPK),
        (PositionType.ADMINISTRATOR, Level.RINGAN, False, Authority.JPT_PRATAMA),
        (PositionType.ADMINISTRATOR, Level.SEDANG, False, Authority.PPK),
        (PositionType.PENGAWAS, Level.RINGAN, False, Authority.ADMINISTRATOR),
        (PositionType.PENGAWAS, Level.SEDANG, False, Authority.JPT_PRATAMA),
        (PositionType.PELAKSANA, Level.RINGAN, False, Authority.PENGAWAS),
        (PositionType.PELAKSANA, Level.SEDANG, False, Authority.ADMINISTRATOR),
        (PositionType.PELAKSANA, Level.BERAT, False, Authority.PPK),
        (PositionType.FUNGSIONAL, Level.SEDANG, False, Authority.ADMINISTRATOR),
        (PositionType.FUNGSIONAL, Level.BERAT, False, Authority.PPK),
        (PositionType.FUNGSIONAL, Level.RINGAN, True, Authority.PPK),
    ],
)
def test_lowest_competent_authority(offender, level, ahli_utama, authority):
    assert lowest_authority(offender, level, ahli_utama=ahli_utama) is authority


KASI = Official(1, Authority.PENGAWAS, "Kasi")
KABID = Official(2, Authority.ADMINISTRATOR, "Kabid")
KADIS = Official(3, Authority.JPT_PRATAMA, "Kadis")


@pytest.mark.parametrize(
    ("chain", "level", "expected"),
    [
        ((KASI, KABID, KADIS), Level.RINGAN, KASI),  # example 1A: the Pengawas directly above a Pelaksana
        ((KASI, KABID, KADIS), Level.SEDANG, KABID),  # two levels up
        ((KABID, KADIS), Level.RINGAN, KABID),  # the Pengawas post is vacant: the next higher official
        ((KASI, KADIS), Level.SEDANG, KADIS),
        ((KASI, KABID, KADIS), Level.BERAT, None),  # the PPK
        ((), Level.RINGAN, None),
    ],
)
def test_competent_official_of_a_pelaksana_with_fallback(chain, level, expected):
    assert competent_official(PositionType.PELAKSANA, level, chain) == expected


def test_a_decision_by_an_official_without_authority_is_refused_with_its_source():
    check_decider(decider_ref=1, offender=PositionType.PELAKSANA, level=Level.RINGAN, chain=(KASI, KABID))
    check_decider(decider_ref=None, offender=PositionType.PELAKSANA, level=Level.BERAT, chain=(KASI, KABID))
    with pytest.raises(DisciplineRuleError) as caught:
        check_decider(decider_ref=1, offender=PositionType.PELAKSANA, level=Level.SEDANG, chain=(KASI, KABID))
    assert caught.value.code == "not_competent" and "Kabid" in str(caught.value)
    assert "PP 94/2021 Pasal 18–25" in str(caught.value)
    with pytest.raises(DisciplineRuleError):
        check_decider(decider_ref=2, offender=PositionType.PELAKSANA, level=Level.BERAT, chain=(KASI, KABID))


# -- §1.8 item 5 examination ----------------------------------------------------------------------------


def test_who_examines():
    assert [examiner_for(level) for level in Level] == [Examiner.SUPERIOR, Examiner.SUPERIOR_OR_TEAM, Examiner.TEAM]


TEAM = (
    TeamMember(1, TeamRole.SUPERIOR, 13, "Atasan"),
    TeamMember(2, TeamRole.SUPERVISION, 12, "Inspektorat"),
    TeamMember(3, TeamRole.PERSONNEL, 11, "BKPSDM"),
)


@pytest.mark.parametrize(
    ("level", "grade", "members", "code"),
    [
        (Level.BERAT, 11, TEAM, None),
        (Level.SEDANG, 11, (), None),  # a sedang case may be examined by the superior alone
        (Level.RINGAN, 11, (), None),
        (Level.BERAT, 11, (), "team_required"),
        (Level.BERAT, 11, TEAM[:2], "team_incomplete"),
        (Level.BERAT, 12, TEAM, "team_member_below_rank"),  # the BKPSDM member is III/c, the examinee III/d
        (Level.RINGAN, 11, TEAM, "team_not_for_ringan"),
    ],
)
def test_tim_pemeriksa(level, grade, members, code):
    if code is None:
        check_team(level, grade, members)
        return
    with pytest.raises(DisciplineRuleError) as caught:
        check_team(level, grade, members)
    assert caught.value.code == code and caught.value.source


# -- supervision deadlines ------------------------------------------------------------------------------


def test_warning_and_report_deadlines():
    assert response_due_on(date(2026, 11, 20), CAL) == date(2026, 11, 27)
    assert report_due_on(2026, 11) == date(2026, 12, 10)
    assert report_due_on(2026, 12) == date(2027, 1, 10)
    assert summary_due_on(2026, 11) == date(2026, 12, 15)
    assert is_late(date(2026, 12, 10), None, date(2026, 12, 11))
    assert not is_late(date(2026, 12, 10), date(2026, 12, 10), date(2026, 12, 20))
    assert is_late(date(2026, 12, 10), date(2026, 12, 11), date(2026, 12, 11))


# -- catalogue ------------------------------------------------------------------------------------------


def test_catalogue_holds_every_letter_of_pasal_3_to_5():
    from pamong.discipline.rules.catalogue import ATTENDANCE, CATALOGUE, violation

    assert len(CATALOGUE) == 8 + 9 + 14
    assert violation("4F").label_id == "Masuk kerja dan menaati ketentuan jam kerja" and ATTENDANCE == "4f"
    assert violation("5c").label_id == "Larangan Pasal 5 huruf c" and violation("5c").kind == "prohibition"
    with pytest.raises(DisciplineRuleError) as caught:
        violation("4j")
    assert caught.value.code == "unknown_violation" and "Pasal 4 huruf a–i" in str(caught.value)
