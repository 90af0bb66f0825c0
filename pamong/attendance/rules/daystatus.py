"""One employee-day's status from the expected hours, the punches and the excuses; the TL/PSW minute bands.

Sources (``domain/rules.md`` §2.2–§2.4, §12 ``working_time.late_after`` and ``tl_psw_bands_minutes``):

- **Late arrival (TL) and early leave (PSW)** without a valid reason are counted **in minutes** and added up
  (PerBKN 6/2022) [M-H]; 450 accumulated minutes make one day of *tidak masuk kerja*. That conversion and
  its ``floor`` rounding belong to the discipline rules; this module gives each day's minutes.
- **Minutes are whole minutes**: a punch counts by its minute, seconds dropped, so 07:30:59 is on time for a
  07:30 start (``late_after: "07:30:59"``, ANRI example [H]). 07:52 → TL 22; leaving 15:10 on a 16:00 day →
  PSW 50 (§2.4).
- **Bands** TL1/PSW1 1–30, TL2 31–60, TL3 61–90, TL4 > 90 minutes [H] (``TL_PSW_BANDS``, a parameter);
  **a missing check-out counts as PSW4** [M] (S-Pakpak, S-Pekalongan).
- **No check-in and no check-out** on a working day without a valid reason is **unexcused absence (TK)**
  [M]. Valid reasons (§2.3, list [M], official wording [UNCONFIRMED]): cuti of any kind, izin, sakit, dinas
  luar, dispensation, WFH/FWA, and a system outage confirmed by the admin.
- Interpretations [L], each replaceable: the check-in is the earliest punch; the check-out is the latest punch
  if it is at least ``min_gap_minutes`` (default 60 [UNCONFIRMED]) after the check-in, else the day has only
  a check-in (missing check-out); minutes inside the scheduled **break** are not counted as TL/PSW; an
  **excuse window** (a system outage, or a part-day permit) removes the TL/PSW minutes falling inside it and,
  when it covers the scheduled end, excuses a missing check-out; ``late_grace_minutes`` and
  ``early_grace_minutes`` (default 0: no tolerance is national; PermenPANRB 6/2018 make-up time is a tenant
  choice [M]) forgive a lateness or early leave up to that many minutes, and beyond it the whole count stands.

**Shifts crossing midnight** (``shift_day_status``, rosters of 24-hour units) [L]: the same rules on a clock
that runs past 24:00 from the local midnight of the shift's first day; the shift takes the punches from
``SHIFT_PUNCH_MARGIN_MINUTES`` (4 h) before its start to as long after its end, so the morning punch that
closes a night shift is not also the next day's check-in of a night shift.

Punches are **naive local** datetimes of the tenant's zone, in any order, duplicates allowed. A day whose
expected window is ``None`` (``hours.expected_window``: weekend, holiday) is ``OFF`` whatever the punches.
Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from pamong.attendance.rules.errors import DayStatusError
from pamong.attendance.rules.hours import DayHours
from pamong.attendance.rules.leave import LeaveKind
from pamong.people.rules.dates import date_en, date_id

TL_PSW_BANDS: tuple[tuple[int, int | None], ...] = ((1, 30), (31, 60), (61, 90), (91, None))
"""TL1..TL4 / PSW1..PSW4, inclusive minute ranges; ``None`` = no upper bound [H]."""

DEFAULT_MIN_GAP_MINUTES = 60
"""Least minutes between check-in and a punch that counts as check-out [UNCONFIRMED]; a parameter."""


class DayStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    EARLY_LEAVE = "early_leave"
    LATE_AND_EARLY_LEAVE = "late_and_early_leave"
    MISSING_CHECK_OUT = "missing_check_out"
    ABSENT = "absent"
    EXCUSED = "excused"
    OFF = "off"


class ExcuseKind(StrEnum):
    LEAVE = "leave"
    SICK = "sick"
    DUTY_TRAVEL = "duty_travel"
    PERMIT = "permit"
    DISPENSATION = "dispensation"
    WFH = "wfh"
    SYSTEM_OUTAGE = "system_outage"


@dataclass(frozen=True, slots=True)
class Excuse:
    """An approved excuse for the day. Without ``start``/``end`` it covers the whole day; with them (local
    times, both or neither) it covers only that window, e.g. a system outage 07:00–08:15.
    ``leave_kind`` is required for ``ExcuseKind.LEAVE`` and refused for the other kinds."""

    kind: ExcuseKind
    leave_kind: LeaveKind | None = None
    start: time | None = None
    end: time | None = None

    def __post_init__(self) -> None:
        if (self.kind is ExcuseKind.LEAVE) != (self.leave_kind is not None):
            raise DayStatusError(
                "leave_kind_mismatch",
                "Jenis cuti wajib diisi untuk alasan cuti, dan hanya untuk alasan cuti.",
                "A leave kind is required for a leave excuse, and only for a leave excuse.",
                field="leave_kind",
            )
        if (self.start is None) != (self.end is None):
            raise DayStatusError(
                "excuse_window_incomplete",
                "Rentang waktu alasan harus diisi awal dan akhirnya, atau dikosongkan keduanya.",
                "An excuse window needs both a start and an end, or neither.",
                field="end" if self.end is None else "start",
            )
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise DayStatusError(
                "excuse_window_reversed",
                f"Akhir rentang alasan ({self.end:%H.%M}) harus setelah awalnya ({self.start:%H.%M}).",
                f"The excuse window's end ({self.end:%H:%M}) must be after its start ({self.start:%H:%M}).",
                field="end",
            )

    @property
    def whole_day(self) -> bool:
        return self.start is None


@dataclass(frozen=True, slots=True)
class DayResult:
    """The day's one status, with the counted TL/PSW minutes and the punches used."""

    status: DayStatus
    late_minutes: int = 0
    early_leave_minutes: int = 0
    check_in: datetime | None = None
    check_out: datetime | None = None
    excuse: Excuse | None = None

    @property
    def tl_band(self) -> str | None:
        """``TL1``..``TL4`` or ``None`` (default bands)."""
        band = band_of(self.late_minutes)
        return f"TL{band}" if band else None

    @property
    def psw_band(self) -> str | None:
        """``PSW1``..``PSW4`` or ``None``; a missing check-out is ``PSW4`` (§2.2) [M]."""
        if self.status is DayStatus.MISSING_CHECK_OUT:
            return "PSW4"
        band = band_of(self.early_leave_minutes)
        return f"PSW{band}" if band else None


def band_of(minutes: int, bands: Sequence[tuple[int, int | None]] = TL_PSW_BANDS) -> int | None:
    """The 1-based band of a TL or PSW minute count (``1`` = TL1/PSW1), ``None`` for 0 minutes."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise DayStatusError(
            "minutes_invalid",
            f"Jumlah menit harus bilangan bulat nol atau lebih (diterima: {minutes!r}).",
            f"Minutes must be a whole number of zero or more (got {minutes!r}).",
            field="minutes",
        )
    for number, (low, high) in enumerate(bands, start=1):
        if minutes >= low and (high is None or minutes <= high):
            return number
    return None


def _minute(t: time | datetime) -> int:
    return t.hour * 60 + t.minute


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _counted(span: tuple[int, int], excluded: Iterable[tuple[int, int]]) -> int:
    """Minutes of ``span`` outside every ``excluded`` interval (the intervals never overlap each other here
    except by accident; overlaps are merged first)."""
    if span[1] <= span[0]:
        return 0
    merged: list[list[int]] = []
    for lo, hi in sorted(excluded):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return (span[1] - span[0]) - sum(_overlap(span, (lo, hi)) for lo, hi in merged)


def _check_tolerance(value: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DayStatusError(
            "tolerance_invalid",
            f"Nilai {field} harus bilangan bulat menit, nol atau lebih (diterima: {value!r}).",
            f"{field} must be a whole number of minutes, zero or more (got {value!r}).",
            field=field,
        )


def _check_punches(day: date, punches: Iterable[datetime]) -> list[datetime]:
    checked = []
    for punch in punches:
        if not isinstance(punch, datetime):
            raise DayStatusError(
                "punch_not_datetime",
                f"Waktu presensi harus tanggal dan jam (diterima: {punch!r}).",
                f"A punch must be a date and time (got {punch!r}).",
                field="punches",
            )
        if punch.tzinfo is not None:
            raise DayStatusError(
                "punch_not_local",
                "Waktu presensi harus waktu setempat tanpa zona waktu; ubah dulu ke zona instansi.",
                "A punch must be a local time without a time zone; convert it to the tenant's zone first.",
                field="punches",
            )
        if punch.date() != day:
            raise DayStatusError(
                "punch_other_day",
                f"Presensi {date_id(punch.date())} {punch:%H.%M} bukan milik tanggal {date_id(day)}.",
                f"The punch of {date_en(punch.date())} {punch:%H:%M} does not belong to {date_en(day)}.",
                field="punches",
            )
        checked.append(punch)
    return sorted(checked)


def day_status(
    day: date,
    window: DayHours | None,
    punches: Iterable[datetime],
    *,
    excuses: Iterable[Excuse] = (),
    late_grace_minutes: int = 0,
    early_grace_minutes: int = 0,
    min_gap_minutes: int = DEFAULT_MIN_GAP_MINUTES,
) -> DayResult:
    """Decide ``day``'s one status (see the module docstring for every rule and its source).

    Order: no window → ``OFF``; a whole-day excuse → ``EXCUSED`` (the first one given); no punch →
    ``EXCUSED`` if excuse windows cover the whole expected window, else ``ABSENT``; one effective punch →
    ``MISSING_CHECK_OUT`` (with the lateness of that punch), unless an excuse window covers the scheduled end;
    otherwise ``PRESENT``, ``LATE``, ``EARLY_LEAVE`` or ``LATE_AND_EARLY_LEAVE`` by the counted minutes.
    """
    _check_tolerance(late_grace_minutes, "late_grace_minutes")
    _check_tolerance(early_grace_minutes, "early_grace_minutes")
    _check_tolerance(min_gap_minutes, "min_gap_minutes")
    ordered = _check_punches(day, punches)
    excuses = tuple(excuses)
    for excuse in excuses:
        if not isinstance(excuse, Excuse):
            raise DayStatusError(
                "excuse_invalid",
                f"Alasan ketidakhadiran tidak dikenali: {excuse!r}.",
                f"Unrecognised excuse: {excuse!r}.",
                field="excuses",
            )
    if window is None:
        return DayResult(DayStatus.OFF)
    whole = next((e for e in excuses if e.whole_day), None)
    if whole is not None:
        return DayResult(DayStatus.EXCUSED, excuse=whole)

    start, end = _minute(window.start), _minute(window.end)
    partial = [e for e in excuses if e.start is not None and e.end is not None]
    excused = [(_minute(e.start), _minute(e.end), e) for e in partial if e.start is not None and e.end is not None]
    brk = (
        (_minute(window.break_start), _minute(window.break_end))
        if window.break_start is not None and window.break_end is not None
        else None
    )
    return _decide(
        start,
        end,
        brk,
        [(_minute(p), p) for p in ordered],
        excused,
        late_grace_minutes=late_grace_minutes,
        early_grace_minutes=early_grace_minutes,
        min_gap_minutes=min_gap_minutes,
    )


def _decide(
    start: int,
    end: int,
    brk: tuple[int, int] | None,
    punches: Sequence[tuple[int, datetime]],
    excused: Sequence[tuple[int, int, Excuse]],
    *,
    late_grace_minutes: int,
    early_grace_minutes: int,
    min_gap_minutes: int,
) -> DayResult:
    """The decision on minutes counted from the local midnight of the day (a shift may run past 1440);
    ``punches`` are (minute, punch) in time order, ``excused`` the part-day excuse windows."""
    excused_spans = [(lo, hi) for lo, hi, _e in excused]
    not_counted = list(excused_spans)
    if brk is not None:
        not_counted.append(brk)

    if not punches:
        if excused and _counted((start, end), excused_spans) == 0:
            return DayResult(DayStatus.EXCUSED, excuse=excused[0][2])
        return DayResult(DayStatus.ABSENT)

    in_minute, check_in = punches[0]
    out_minute, check_out = punches[-1]
    has_out = (out_minute - in_minute) >= max(min_gap_minutes, 1)
    late = _counted((start, min(in_minute, end)), not_counted)
    if late <= late_grace_minutes:
        late = 0
    if not has_out:
        end_excused = any(lo <= end - 1 and hi >= end for lo, hi in excused_spans)
        if not end_excused:
            return DayResult(DayStatus.MISSING_CHECK_OUT, late_minutes=late, check_in=check_in)
        early = 0
        out: datetime | None = None
    else:
        early = _counted((max(out_minute, start), end), not_counted)
        if early <= early_grace_minutes:
            early = 0
        out = check_out
    if late and early:
        status = DayStatus.LATE_AND_EARLY_LEAVE
    elif late:
        status = DayStatus.LATE
    elif early:
        status = DayStatus.EARLY_LEAVE
    else:
        status = DayStatus.PRESENT
    return DayResult(status, late_minutes=late, early_leave_minutes=early, check_in=check_in, check_out=out)


SHIFT_PUNCH_MARGIN_MINUTES = 240
"""A shift that crosses midnight takes the punches from this many minutes before its start to this many
minutes after its end (on either date) [L]; punches outside belong to the neighbouring days."""


@dataclass(frozen=True, slots=True)
class ShiftHours:
    """A roster shift's local start and end; ``end <= start`` means it ends the next day (a night shift,
    or a 24-hour duty when equal). The optional break may fall on either side of midnight."""

    start: time
    end: time
    break_start: time | None = None
    break_end: time | None = None

    def __post_init__(self) -> None:
        for name in ("start", "end", "break_start", "break_end"):
            value = getattr(self, name)
            if value is not None and (value.tzinfo is not None or value.second or value.microsecond):
                raise DayStatusError(
                    "shift_time_not_plain",
                    "Jam shift ditulis dalam jam dan menit waktu setempat, tanpa detik dan zona waktu.",
                    "Shift hours are local hours and minutes, without seconds or a time zone.",
                    field=name,
                )
        if (self.break_start is None) != (self.break_end is None):
            raise DayStatusError(
                "shift_break_incomplete",
                "Istirahat shift harus diisi awal dan akhirnya, atau dikosongkan keduanya.",
                "A shift break needs both a start and an end, or neither.",
                field="break_end" if self.break_end is None else "break_start",
            )

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def minutes(self) -> tuple[int, int, tuple[int, int] | None]:
        """(start, end, break) in minutes from the local midnight of the shift's first day (end may pass 1440)."""
        start = _minute(self.start)
        end = _minute(self.end) + (1440 if self.crosses_midnight else 0)
        brk = None
        if self.break_start is not None and self.break_end is not None:
            lo, hi = _minute(self.break_start), _minute(self.break_end)
            if lo < start:  # the break falls after midnight
                lo, hi = lo + 1440, hi + 1440
            elif hi <= lo:  # the break itself spans midnight
                hi += 1440
            brk = (lo, hi)
        return start, end, brk


def shift_day_status(
    day: date,
    shift: ShiftHours | None,
    punches: Iterable[datetime],
    *,
    excuses: Iterable[Excuse] = (),
    next_day_excuses: Iterable[Excuse] = (),
    late_grace_minutes: int = 0,
    early_grace_minutes: int = 0,
    min_gap_minutes: int = DEFAULT_MIN_GAP_MINUTES,
) -> DayResult:
    """``day_status`` for a roster shift that may cross midnight (the rules are the same, on a longer clock).

    ``punches`` may be of ``day`` and the next day; only those from ``SHIFT_PUNCH_MARGIN_MINUTES`` before the
    start to as long after the end count (the rest belong to the neighbouring days). ``excuses`` are of
    ``day`` (a whole-day one excuses the shift); ``next_day_excuses`` give part-day windows on the next date
    (e.g. a system outage at 06:00 the morning the night shift ends). ``shift`` None is an off-duty day.
    """
    _check_tolerance(late_grace_minutes, "late_grace_minutes")
    _check_tolerance(early_grace_minutes, "early_grace_minutes")
    _check_tolerance(min_gap_minutes, "min_gap_minutes")
    excuses, next_day_excuses = tuple(excuses), tuple(next_day_excuses)
    for excuse in excuses + next_day_excuses:
        if not isinstance(excuse, Excuse):
            raise DayStatusError(
                "excuse_invalid",
                f"Alasan ketidakhadiran tidak dikenali: {excuse!r}.",
                f"Unrecognised excuse: {excuse!r}.",
                field="excuses",
            )
    punches = tuple(punches)
    next_day = date.fromordinal(day.toordinal() + 1)
    timed: list[tuple[int, datetime]] = []
    for punch in punches:
        on_next = isinstance(punch, datetime) and punch.date() == next_day
        (checked,) = _check_punches(next_day if on_next else day, [punch])
        timed.append(((checked.date() - day).days * 1440 + _minute(checked), checked))
    if shift is None:
        return DayResult(DayStatus.OFF)
    whole = next((e for e in excuses if e.whole_day), None)
    if whole is not None:
        return DayResult(DayStatus.EXCUSED, excuse=whole)
    start, end, brk = shift.minutes()
    low, high = start - SHIFT_PUNCH_MARGIN_MINUTES, end + SHIFT_PUNCH_MARGIN_MINUTES
    counted = sorted((m, p) for m, p in timed if low <= m <= high)
    excused = [
        (_minute(e.start) + shift_days * 1440, _minute(e.end) + shift_days * 1440, e)
        for shift_days, group in ((0, excuses), (1, next_day_excuses))
        for e in group
        if e.start is not None and e.end is not None
    ]
    return _decide(
        start,
        end,
        brk,
        counted,
        excused,
        late_grace_minutes=late_grace_minutes,
        early_grace_minutes=early_grace_minutes,
        min_gap_minutes=min_gap_minutes,
    )
