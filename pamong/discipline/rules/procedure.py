"""Procedural dates of a discipline case, in working days of the tenant's calendar.

Sources (``domain/rules.md`` §1.8, §1.9, §1.11 example 1C):

- **Summons** (PP 94/2021 Pasal 26–37; PerBKN 6/2022) [M-H]: the written summons by the direct superior must
  reach the PNS **at least 7 working days before** the examination: ``exam ≥ summons + 7 working days``.
- **Summons II** [M-H]: if the PNS does not appear, a second summons **no later than 7 working days** from the
  date he should have been examined. Ignoring it, the PYBMH decides on the evidence, without examination.
- **Delivery of the decision** (PP 94/2021 Pasal 37 ayat (3) per S-DiscSeed) [M]: at most **14 days** after
  signing; whether calendar or working days is unclear, working days by default (tenant configuration).
  A PNS who does not come to receive it is sent the decision within **3 working days** (PerBKN 6/2022 Pasal
  49 ayat (8)).
- **Effective date** (PerBKN 6/2022 Pasal 50 ayat (1) per S-DiscSeed) [M]: the **15th day after the PNS
  receives** the decision when no appeal is filed; working days by default (received Tue 14 Jul 2026 →
  Tue 4 Aug 2026), calendar days as the alternative (→ 29 Jul 2026).
- **Appeals** (PP 79/2021, in force 10 Aug 2021) [M-H]: keberatan to the superior of the official who decided
  (sanctions other than dismissal) or banding to BPASN (dismissal), filed within **14 working days** of
  receiving the decision. The superior's own time to decide a keberatan is [UNCONFIRMED]: configuration.

Counting "N working days after D" starts the day after D; "N working days before D" the day before. The
calendar is the tenant's: its work week and its holidays (cuti bersama counted as holidays by default).

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pamong.attendance.rules.holidays import HolidayCalendar
from pamong.attendance.rules.workdays import FIVE_DAY_WEEK, WorkWeek, is_working_day
from pamong.people.rules.dates import date_en, date_id

from .errors import DisciplineRuleError

SUMMONS_SOURCE = "PP 94/2021 Pasal 26–37; PerBKN 6/2022 (pemanggilan)"
DELIVERY_SOURCE = "PP 94/2021 Pasal 37 ayat (3); PerBKN 6/2022 Pasal 49 ayat (8)"
EFFECTIVE_SOURCE = "PerBKN 6/2022 Pasal 50 ayat (1)"
APPEAL_SOURCE = "PP 79/2021 (upaya administratif)"


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """The tenant's working days: a work week and a holiday calendar covering the years used."""

    holidays: HolidayCalendar
    week: WorkWeek = FIVE_DAY_WEEK
    cuti_bersama_counts_as_holiday: bool = True

    def is_working(self, day: date) -> bool:
        return is_working_day(
            day, self.week, self.holidays, cuti_bersama_counts_as_holiday=self.cuti_bersama_counts_as_holiday
        )

    def shift(self, day: date, working_days: int) -> date:
        """The ``working_days``-th working day after ``day`` (before it when negative); 0 is ``day`` itself."""
        step = timedelta(days=1 if working_days > 0 else -1)
        left = abs(working_days)
        while left:
            day += step
            if self.is_working(day):
                left -= 1
        return day

    def after(self, day: date, days: int, *, working: bool) -> date:
        """``days`` working days after ``day``, or calendar days when ``working`` is False."""
        return self.shift(day, days) if working else day + timedelta(days=days)


@dataclass(frozen=True, slots=True)
class ProcedureSettings:
    """The counts of the procedure, each a tenant setting with the documented default."""

    summons_lead_working_days: int = 7
    second_summons_within_working_days: int = 7
    delivery_within_days: int = 14
    delivery_in_working_days: bool = True  # [M]: the sources do not say
    send_within_working_days: int = 3
    effective_after_days: int = 15
    effective_in_working_days: bool = True  # [M]: S-DiscSeed's fixture counts working days
    appeal_within_working_days: int = 14


DEFAULT_PROCEDURE = ProcedureSettings()


def latest_summons_date(exam_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE) -> date:
    """The last day a summons may reach the PNS for an examination on ``exam_on`` (7 working days before)."""
    return calendar.shift(exam_on, -settings.summons_lead_working_days)


def earliest_examination_date(
    summons_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE
) -> date:
    """The first day an examination may be held after a summons received on ``summons_on``."""
    return calendar.shift(summons_on, settings.summons_lead_working_days)


def check_examination_date(
    summons_on: date, exam_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE
) -> None:
    """Refuse an examination set less than 7 working days after the summons."""
    earliest = earliest_examination_date(summons_on, calendar, settings)
    if exam_on < earliest:
        n = settings.summons_lead_working_days
        raise DisciplineRuleError(
            "exam_too_soon",
            f"Pemeriksaan {date_id(exam_on)} terlalu dekat dengan surat panggilan {date_id(summons_on)}: panggilan "
            f"harus diterima paling lambat {n} hari kerja sebelum pemeriksaan, jadi pemeriksaan paling cepat "
            f"{date_id(earliest)} ({SUMMONS_SOURCE}).",
            f"The examination on {date_en(exam_on)} is too soon after the summons of {date_en(summons_on)}: the "
            f"summons must arrive at least {n} working days before, so the earliest date is {date_en(earliest)} "
            f"({SUMMONS_SOURCE}).",
            field="exam_on",
            source=SUMMONS_SOURCE,
        )


def second_summons_deadline(
    missed_exam_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE
) -> date:
    """The last day to send summons II after the PNS missed the examination of ``missed_exam_on``."""
    return calendar.shift(missed_exam_on, settings.second_summons_within_working_days)


def delivery_deadline(signed_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE) -> date:
    """The last day to hand the signed decision to the PNS (14 days, working by default)."""
    return calendar.after(signed_on, settings.delivery_within_days, working=settings.delivery_in_working_days)


def send_deadline(
    not_collected_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE
) -> date:
    """The last day to send the decision when the PNS did not come to receive it (3 working days)."""
    return calendar.shift(not_collected_on, settings.send_within_working_days)


def effective_date(received_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE) -> date:
    """The day the sanction takes effect when no appeal is filed: the 15th day after receipt."""
    return calendar.after(received_on, settings.effective_after_days, working=settings.effective_in_working_days)


def appeal_deadline(received_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE) -> date:
    """The last day to file a keberatan or banding: 14 working days after receiving the decision."""
    return calendar.shift(received_on, settings.appeal_within_working_days)


def check_appeal_filed(
    received_on: date, filed_on: date, calendar: WorkCalendar, settings: ProcedureSettings = DEFAULT_PROCEDURE
) -> None:
    """Refuse an appeal filed after the window (or before the decision was received)."""
    deadline = appeal_deadline(received_on, calendar, settings)
    if filed_on < received_on:
        raise DisciplineRuleError(
            "appeal_before_receipt",
            f"Upaya administratif tidak dapat diajukan ({date_id(filed_on)}) sebelum keputusan diterima "
            f"({date_id(received_on)}).",
            f"An appeal cannot be filed ({date_en(filed_on)}) before the decision was received "
            f"({date_en(received_on)}).",
            field="filed_on",
            source=APPEAL_SOURCE,
        )
    if filed_on > deadline:
        n = settings.appeal_within_working_days
        raise DisciplineRuleError(
            "appeal_too_late",
            f"Upaya administratif diajukan {date_id(filed_on)}, lewat batas {n} hari kerja sejak keputusan diterima "
            f"{date_id(received_on)} (batas terakhir {date_id(deadline)}; {APPEAL_SOURCE}).",
            f"The appeal was filed on {date_en(filed_on)}, after the {n}-working-day window from receipt on "
            f"{date_en(received_on)} (last day {date_en(deadline)}; {APPEAL_SOURCE}).",
            field="filed_on",
            source=APPEAL_SOURCE,
        )
