"""Acting on warnings and reporting supervision: the deadlines that make not acting visible.

Sources (``domain/rules.md`` §1.4, §10.4, §10.5):

- **PP 94/2021 Pasal 28** (per S-DiscSeed and BKN news) [M]: the direct superior must act on a suspected
  violation (no complaint is needed); a superior who does not summon, examine or report is sanctioned
  himself, reportedly one level heavier. The number of working days the superior has before a warning is
  "ignored" is set by no source seen [UNCONFIRMED]: tenant configuration ``warning_response_working_days``,
  default 5; an ignored warning escalates to the superior's own superior, and again after as many days.
- **GDN supervision reports** (Gerakan Disiplin Nasional, Keppres 33/1995; the regents' instructions in
  ``seeds/``) [M]: each OPD head reports the month's discipline supervision to his coordinating Asisten, who
  forwards a cluster summary to the Sekda. The due day is local practice [UNCONFIRMED]: tenant configuration
  ``report_due_day`` (day of the following month), default 10; the Asisten's summary is due
  ``summary_due_day``, default 15.

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .procedure import WorkCalendar

ACTION_SOURCE = "PP 94/2021 Pasal 28 (atasan wajib menindaklanjuti)"


@dataclass(frozen=True, slots=True)
class SupervisionSettings:
    warning_response_working_days: int = 5
    report_due_day: int = 10
    summary_due_day: int = 15


DEFAULT_SUPERVISION = SupervisionSettings()


def response_due_on(
    raised_on: date, calendar: WorkCalendar, settings: SupervisionSettings = DEFAULT_SUPERVISION
) -> date:
    """The last day the superior may open a case or record why not before the warning goes up a level."""
    return calendar.shift(raised_on, settings.warning_response_working_days)


def _following_month_day(year: int, month: int, day: int) -> date:
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, min(max(day, 1), 28))


def report_due_on(year: int, month: int, settings: SupervisionSettings = DEFAULT_SUPERVISION) -> date:
    """The day an OPD's report on ``month`` is due: ``report_due_day`` of the following month (at most the 28th)."""
    return _following_month_day(year, month, settings.report_due_day)


def summary_due_on(year: int, month: int, settings: SupervisionSettings = DEFAULT_SUPERVISION) -> date:
    """The day an Asisten's cluster summary on ``month`` is due."""
    return _following_month_day(year, month, settings.summary_due_day)


def is_late(due_on: date, submitted_on: date | None, today: date) -> bool:
    """Late: submitted after the due day, or not submitted and the due day has passed."""
    return submitted_on > due_on if submitted_on is not None else today > due_on
