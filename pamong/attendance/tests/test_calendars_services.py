"""Calendar services: schedules (weekly minimum, off days, 6-day week, default), unit schedules, overrides,
holidays (seeding idempotent, per tenant, deactivation), shifts and the roster bulk save with its refusals."""

import datetime as dt

import pytest

from pamong.attendance.choices import HolidayKind, ScheduleKind
from pamong.attendance.derive import dirty
from pamong.attendance.derive.calendar import week_json
from pamong.attendance.models import (
    DirtyDay,
    Holiday,
    MonthClose,
    RosterEntry,
    ScheduleDay,
    ScheduleOverride,
    Shift,
    UnitSchedule,
    WorkSchedule,
)
from pamong.attendance.rules.hours import FIVE_DAY_HOURS, RAMADAN_FIVE_DAY_HOURS, SIX_DAY_HOURS
from pamong.attendance.services import calendars as services
from pamong.attendance.services import calendars_holidays as holidays
from pamong.attendance.services import calendars_rosters as rosters
from pamong.attendance.services.calendars_rosters import RosterCell
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor

pytestmark = pytest.mark.django_db

FIVE = week_json(FIVE_DAY_HOURS)
SIX = week_json(SIX_DAY_HOURS)


@pytest.fixture
def dirty_calls(monkeypatch):
    """Record the calls to ``derive.dirty.mark_units_dirty`` (the queueing itself is tested with that module)."""
    calls = []

    def fake(*, tenant_id, unit_path, start, end):
        calls.append((unit_path, start, end))
        return 0

    monkeypatch.setattr(dirty, "mark_units_dirty", fake)
    return calls


def events(action):
    return list(AuditEvent.objects.filter(action=action))


@pytest.fixture
def hr(cast):
    return cast.users["hr_admin"]


# -- schedules ---------------------------------------------------------------------------------------------


def test_schedule_create_default_five_day_materialises_days_and_audits(cast, hr, dirty_calls):
    schedule = services.schedule_create(actor=hr, code="5HK", name="5 hari kerja", week=FIVE, is_default=True)
    assert schedule.is_default and schedule.week == FIVE
    assert ScheduleDay.objects.filter(schedule=schedule).count() > 300
    today = cast.tenant.today()
    day = ScheduleDay.objects.get(schedule=schedule, date=today)
    assert (day.start_min is None) == (today.weekday() >= 5)
    assert [e.after["code"] for e in events("attendance.schedule.create")] == ["5HK"]
    assert dirty_calls and dirty_calls[0][0] is None  # the default reaches every unit


@pytest.mark.parametrize(
    ("week", "field", "fragment"),
    [
        # Friday cut to 11.00: 35 h 30 min, below the Perpres 21/2023 week.
        ([*FIVE[:4], {"start": "07:30", "end": "11:00"}, None, None], "week", "kurang dari minimum 37 jam 30 menit"),
        ([*FIVE[:4], None, None, None], "week", "kurang dari minimum"),  # four days only
        ([{"start": "16:00", "end": "07:30"}, *FIVE[1:]], "week", "Senin:"),  # end before start, day named
        ([{"start": "07:30"}, *FIVE[1:]], "week", "Senin"),  # an end is missing
        ([None] * 7, "week", "setidaknya untuk satu hari"),
        (FIVE[:6], "week", "tujuh hari"),
        ([{"start": "7.30", "end": "16:00"}, *FIVE[1:]], "week", "JJ:MM"),
    ],
)
def test_schedule_week_refusals(cast, hr, week, field, fragment):
    with pytest.raises(ValidationFailed) as err:
        services.schedule_create(actor=hr, code="X", name="X", week=week)
    assert fragment in " ".join(err.value.field_errors[field])
    assert not WorkSchedule.objects.exists() and not events("attendance.schedule.create")


def test_six_day_week_and_off_days_and_roster_without_week(cast, hr, dirty_calls):
    six = services.schedule_create(actor=hr, code="6HK", name="6 hari (sekolah)", week=SIX)
    saturday = next(d for d in ScheduleDay.objects.filter(schedule=six) if d.date.weekday() == 5)
    sunday = next(d for d in ScheduleDay.objects.filter(schedule=six) if d.date.weekday() == 6)
    assert saturday.start_min == 7 * 60 and saturday.end_min == 12 * 60 + 30 and sunday.start_min is None
    roster = services.schedule_create(actor=hr, code="SHIFT", name="Shift RSUD", kind=ScheduleKind.ROSTER, week=FIVE)
    assert roster.week == [] and not ScheduleDay.objects.filter(schedule=roster).exists()
    with pytest.raises(ValidationFailed):
        services.schedule_create(actor=hr, code="S2", name="x", kind=ScheduleKind.ROSTER, is_default=True)


def test_checks_windows_are_validated(cast, hr, dirty_calls):
    apel = [{"name": "Apel pagi", "weekdays": [0, 0], "start": "07:00", "end": "07:30"}]
    schedule = services.schedule_create(actor=hr, code="5HK", name="5", week=FIVE, checks=apel)
    assert schedule.checks == [{"name": "Apel pagi", "weekdays": [0], "start": "07:00", "end": "07:30"}]
    for bad in (
        [{"name": "", "weekdays": [0], "start": "07:00", "end": "07:30"}],
        [{"name": "Apel", "weekdays": [7], "start": "07:00", "end": "07:30"}],
        [{"name": "Apel", "weekdays": [0], "start": "07:30", "end": "07:00"}],
    ):
        with pytest.raises(ValidationFailed) as err:
            services.schedule_create(actor=hr, code="B", name="b", week=FIVE, checks=bad)
        assert "checks" in err.value.field_errors


def test_schedule_code_unique_and_update_default_and_deactivation(cast, hr, dirty_calls):
    five = services.schedule_create(actor=hr, code="5HK", name="5", week=FIVE, is_default=True)
    six = services.schedule_create(actor=hr, code="6HK", name="6", week=SIX)
    with pytest.raises(ValidationFailed):
        services.schedule_create(actor=hr, code="5hk", name="again", week=FIVE)
    services.schedule_set_default(actor=hr, schedule=six)
    five.refresh_from_db()
    six.refresh_from_db()
    assert six.is_default and not five.is_default
    assert events("attendance.schedule.set_default")[0].after == {"default": "6HK"}
    with pytest.raises(Conflict):
        services.schedule_update(actor=hr, schedule=six, name="6", week=SIX, is_active=False)
    services.schedule_update(actor=hr, schedule=five, name="Lima hari", week=FIVE)
    assert events("attendance.schedule.update")[0].after["name"] == "Lima hari"
    # Nothing changed: nothing recorded.
    services.schedule_update(actor=hr, schedule=five, name="Lima hari", week=FIVE)
    assert len(events("attendance.schedule.update")) == 1


@pytest.mark.parametrize(
    ("persona", "error"), [("kepala_opd", Forbidden), ("bupati", Forbidden), ("planner", NotFoundError)]
)
def test_only_bkpsdm_manages_schedules(cast, persona, error):
    with pytest.raises(error):
        services.schedule_create(actor=cast.users[persona], code="5HK", name="5", week=FIVE)


# -- unit schedules ----------------------------------------------------------------------------------------


def test_unit_schedule_assign_bounds_links_and_queues_the_unit(cast, hr, dirty_calls):
    five = services.schedule_create(actor=hr, code="5HK", name="5", week=FIVE, is_default=True)
    six = services.schedule_create(actor=hr, code="6HK", name="6", week=SIX)
    disdik = cast.units["disdik"]
    dirty_calls.clear()
    first = services.unit_schedule_assign(actor=hr, org_unit=disdik, schedule=six, valid_from=dt.date(2026, 1, 1))
    later = services.unit_schedule_assign(actor=hr, org_unit=disdik, schedule=five, valid_from=dt.date(2026, 7, 1))
    middle = services.unit_schedule_assign(actor=hr, org_unit=disdik, schedule=five, valid_from=dt.date(2026, 3, 1))
    first.refresh_from_db()
    assert first.valid_to == dt.date(2026, 2, 28)
    assert middle.valid_to == dt.date(2026, 6, 30) and later.valid_to is None
    # The same date again replaces the schedule of that link.
    again = services.unit_schedule_assign(actor=hr, org_unit=disdik, schedule=six, valid_from=dt.date(2026, 3, 1))
    assert again.pk == middle.pk and again.schedule_id == six.pk
    assert UnitSchedule.objects.filter(org_unit=disdik).count() == 3
    assert len(events("attendance.unit_schedule.assign")) == 4
    assert all(path == disdik.path for path, _s, _e in dirty_calls)


def test_unit_schedule_assign_scope(cast, hr, dirty_calls):
    six = services.schedule_create(actor=hr, code="6HK", name="6", week=SIX)
    with pytest.raises(Forbidden):
        services.unit_schedule_assign(
            actor=cast.users["kepala_opd"], org_unit=cast.units["disdik"], schedule=six, valid_from=dt.date(2026, 1, 1)
        )
    with pytest.raises(NotFoundError):
        services.unit_schedule_assign(
            actor=cast.users["camat"], org_unit=cast.units["disdik"], schedule=six, valid_from=dt.date(2026, 1, 1)
        )


# -- overrides ---------------------------------------------------------------------------------------------


def test_override_ramadan_and_overlap_refused(cast, hr, dirty_calls):
    five = services.schedule_create(actor=hr, code="5HK", name="5", week=FIVE, is_default=True)
    six = services.schedule_create(actor=hr, code="6HK", name="6", week=SIX)
    ramadan = week_json(RAMADAN_FIVE_DAY_HOURS)
    start, end = dt.date(2026, 2, 18), dt.date(2026, 3, 19)
    override = services.override_create(actor=hr, name="Ramadan 1447 H", starts_on=start, ends_on=end, week=ramadan)
    assert events("attendance.override.create")[0].after["name"] == "Ramadan 1447 H"
    # An override for one schedule may not overlap one for every schedule.
    with pytest.raises(ValidationFailed) as err:
        services.override_create(
            actor=hr,
            name="Khusus",
            starts_on=dt.date(2026, 3, 19),
            ends_on=dt.date(2026, 3, 25),
            week=ramadan,
            schedule=six,
        )
    assert "bertumpang tindih" in err.value.message
    # Adjacent is fine; an end before the start and a week below 32.5 h are refused.
    services.override_create(
        actor=hr,
        name="Pasca",
        starts_on=dt.date(2026, 3, 20),
        ends_on=dt.date(2026, 3, 25),
        week=ramadan,
        schedule=five,
    )
    with pytest.raises(ValidationFailed):
        services.override_create(actor=hr, name="Salah", starts_on=end, ends_on=start, week=ramadan)
    short = [*ramadan[:4], None, None, None]
    with pytest.raises(ValidationFailed) as err:
        services.override_create(
            actor=hr, name="Pendek", starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 5, 2), week=short
        )
    assert "32 jam 30 menit" in err.value.message
    # Updating an override does not collide with itself.
    services.override_update(
        actor=hr, override=override, name="Ramadan 1447 H", starts_on=start, ends_on=dt.date(2026, 3, 18), week=ramadan
    )
    assert ScheduleOverride.objects.get(pk=override.pk).ends_on == dt.date(2026, 3, 18)


# -- holidays ----------------------------------------------------------------------------------------------


def test_holiday_seed_is_idempotent_and_per_tenant(cast, hr, dirty_calls):
    result = holidays.holidays_seed(actor=hr, year=2026)
    assert result.created == 25 and result.existing == 0  # 17 national + 8 cuti bersama (SKB 2026)
    again = holidays.holidays_seed(actor=hr, year=2026)
    assert (again.created, again.existing) == (0, 25)
    assert Holiday.objects.filter(tenant=cast.tenant).count() == 25
    assert len(events("attendance.holidays.seed")) == 1  # the second run changed nothing and recorded nothing
    assert not Holiday.objects.filter(tenant=cast.other_tenant).exists()
    other = holidays.holidays_seed(actor=SystemActor(tenant_id=cast.other_tenant.pk), year=2026)
    assert other.created == 25 and Holiday.objects.filter(tenant=cast.other_tenant).count() == 25
    with pytest.raises(ValidationFailed) as err:
        holidays.holidays_seed(actor=hr, year=2031)
    assert "2031" in err.value.message


def test_seeding_keeps_a_deactivated_day_deactivated(cast, hr, dirty_calls):
    holidays.holidays_seed(actor=hr, year=2026)
    day = Holiday.objects.filter(tenant=cast.tenant, kind=HolidayKind.CUTI_BERSAMA).first()
    holidays.holiday_deactivate(actor=hr, holiday=day, reason="SKB perubahan")
    assert holidays.holidays_seed(actor=hr, year=2026).created == 0
    day.refresh_from_db()
    assert not day.is_active


def test_local_holiday_deactivate_reactivate_rebuild_and_queue(cast, hr, dirty_calls):
    five = services.schedule_create(actor=hr, code="5HK", name="5", week=FIVE, is_default=True)
    today = cast.tenant.today()
    monday = today - dt.timedelta(days=today.weekday() + 7)  # a past Monday, in an open month or just before
    dirty_calls.clear()
    holiday = holidays.holiday_create(actor=hr, date=monday, name="Hari Jadi Kabupaten", source="Kep. Bupati 1/2026")
    assert holiday.kind == HolidayKind.LOCAL
    if ScheduleDay.objects.filter(schedule=five, date=monday).exists():
        assert ScheduleDay.objects.get(schedule=five, date=monday).holiday == "Hari Jadi Kabupaten"
    assert dirty_calls == [(None, monday, monday)]
    with pytest.raises(Conflict):
        holidays.holiday_create(actor=hr, date=monday, name="Lagi")
    with pytest.raises(ValidationFailed):
        holidays.holiday_deactivate(actor=hr, holiday=holiday, reason=" ")
    holidays.holiday_deactivate(actor=hr, holiday=holiday, reason="Dipindah ke Selasa")
    assert Holiday.objects.filter(pk=holiday.pk, is_active=False).exists()  # never deleted
    assert events("attendance.holiday.deactivate")[0].reason == "Dipindah ke Selasa"
    with pytest.raises(Conflict):
        holidays.holiday_deactivate(actor=hr, holiday=holiday, reason="lagi")
    holidays.holiday_reactivate(actor=hr, holiday=holiday, reason="Keliru")
    assert Holiday.objects.get(pk=holiday.pk).is_active


def test_holidays_are_managed_by_bkpsdm_only(cast):
    with pytest.raises(Forbidden):
        holidays.holidays_seed(actor=cast.users["sekda"], year=2026)
    with pytest.raises(NotFoundError):
        holidays.holidays_seed(actor=cast.users["planner"], year=2026)


# -- shifts and rosters ------------------------------------------------------------------------------------


@pytest.fixture
def roster_unit(cast, hr, dirty_calls):
    """Dinas Pendidikan on a roster schedule from 2026; shifts P, S and a night shift M."""
    services.schedule_create(actor=hr, code="5HK", name="5", week=FIVE, is_default=True)
    shift_schedule = services.schedule_create(actor=hr, code="SHIFT", name="Shift", kind=ScheduleKind.ROSTER)
    services.unit_schedule_assign(
        actor=hr, org_unit=cast.units["disdik"], schedule=shift_schedule, valid_from=dt.date(2026, 1, 1)
    )
    for code, start, end in (("P", (7, 0), (14, 0)), ("S", (14, 0), (21, 0)), ("M", (21, 0), (7, 0))):
        rosters.shift_create(actor=hr, code=code, name=code, start=dt.time(*start), end=dt.time(*end))
    return cast.units["disdik"]


def test_shift_validation(cast, hr, dirty_calls):
    night = rosters.shift_create(
        actor=hr,
        code="m",
        name="Malam",
        start=dt.time(21),
        end=dt.time(7),
        break_start=dt.time(1),
        break_end=dt.time(2),
    )
    assert night.code == "M" and night.crosses_midnight
    with pytest.raises(ValidationFailed):
        rosters.shift_create(actor=hr, code="X", name="x", start=dt.time(7), end=dt.time(7))
    with pytest.raises(ValidationFailed):  # break outside the shift
        rosters.shift_create(
            actor=hr,
            code="Y",
            name="y",
            start=dt.time(7),
            end=dt.time(14),
            break_start=dt.time(15),
            break_end=dt.time(16),
        )
    with pytest.raises(ValidationFailed):
        rosters.shift_create(actor=hr, code="M", name="dup", start=dt.time(8), end=dt.time(9))
    assert len(events("attendance.shift.create")) == 1


def test_roster_bulk_save_upserts_clears_and_audits_once(cast, roster_unit, dirty_calls):
    head = cast.users["kepala_opd"]
    budi, citra = cast.employees["kepala_opd"], cast.employees["asn"]  # Citra sits in the bidang below
    days = [dt.date(2026, 11, d) for d in range(1, 8)]
    cells = [RosterCell(e.pk, d, "P") for e in (budi, citra) for d in days]
    result = rosters.roster_save(actor=head, org_unit=roster_unit, year=2026, month=11, cells=cells)
    assert (result.created, result.updated, result.removed) == (14, 0, 0)
    cells = [
        RosterCell(budi.pk, days[0], "m"),
        RosterCell(budi.pk, days[1], None),
        RosterCell(citra.pk, days[2], clear=True),
    ]
    cells.append(RosterCell(citra.pk, days[3], "P"))  # unchanged
    result = rosters.roster_save(actor=head, org_unit=roster_unit, year=2026, month=11, cells=cells)
    assert (result.created, result.updated, result.removed) == (0, 2, 1)
    entries = {(e.employee_id, e.date): e.shift for e in RosterEntry.objects.select_related("shift")}
    assert entries[(budi.pk, days[0])].code == "M" and entries[(budi.pk, days[1])] is None
    assert (citra.pk, days[2]) not in entries and len(entries) == 13
    saves = events("attendance.roster.save")
    assert len(saves) == 2 and saves[1].after == {"year": 2026, "month": 11, "created": 0, "updated": 2, "removed": 1}
    # The same grid again changes nothing and records nothing.
    rosters.roster_save(actor=head, org_unit=roster_unit, year=2026, month=11, cells=cells)
    assert len(events("attendance.roster.save")) == 2


def test_roster_queues_changed_past_days(cast, roster_unit, dirty_calls):
    today = cast.tenant.today()
    past = today - dt.timedelta(days=1)
    if past.month != today.month or past.year < 2026:
        pytest.skip("needs yesterday in this month of 2026 or later")  # first day of a month
    rosters.roster_save(
        actor=cast.users["hr_admin"],
        org_unit=roster_unit,
        year=today.year,
        month=today.month,
        cells=[RosterCell(cast.employees["asn"].pk, past, "P"), RosterCell(cast.employees["asn"].pk, today, "S")],
    )
    assert list(DirtyDay.objects.values_list("employee_id", "date")) == [(cast.employees["asn"].pk, past)]


def test_roster_refusals(cast, hr, roster_unit, dirty_calls):
    head = cast.users["kepala_opd"]
    budi = cast.employees["kepala_opd"]
    nov = dt.date(2026, 11, 2)
    with pytest.raises(ValidationFailed):  # an employee of another unit
        rosters.roster_save(
            actor=head,
            org_unit=roster_unit,
            year=2026,
            month=11,
            cells=[RosterCell(cast.employees["asn_other_opd"].pk, nov, "P")],
        )
    with pytest.raises(ValidationFailed):  # outside the month
        rosters.roster_save(
            actor=head,
            org_unit=roster_unit,
            year=2026,
            month=11,
            cells=[RosterCell(budi.pk, dt.date(2026, 12, 1), "P")],
        )
    with pytest.raises(ValidationFailed):  # unknown shift
        rosters.roster_save(
            actor=head, org_unit=roster_unit, year=2026, month=11, cells=[RosterCell(budi.pk, nov, "Z")]
        )
    with pytest.raises(Conflict):  # before the roster schedule starts the unit works a fixed week
        rosters.roster_save(
            actor=head,
            org_unit=roster_unit,
            year=2025,
            month=12,
            cells=[RosterCell(budi.pk, dt.date(2025, 12, 1), "P")],
        )
    with pytest.raises(Conflict):  # a unit on a fixed week
        rosters.roster_save(
            actor=hr,
            org_unit=cast.units["dinkes"],
            year=2026,
            month=11,
            cells=[RosterCell(cast.employees["asn_other_opd"].pk, nov, "P")],
        )
    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=10)
    with pytest.raises(Conflict):  # a closed month
        rosters.roster_save(
            actor=head,
            org_unit=roster_unit,
            year=2026,
            month=10,
            cells=[RosterCell(budi.pk, dt.date(2026, 10, 5), "P")],
        )
    with pytest.raises(Forbidden):
        rosters.roster_save(
            actor=cast.users["sekda"], org_unit=roster_unit, year=2026, month=11, cells=[RosterCell(budi.pk, nov, "P")]
        )
    with pytest.raises(NotFoundError):
        rosters.roster_save(
            actor=cast.users["camat"], org_unit=roster_unit, year=2026, month=11, cells=[RosterCell(budi.pk, nov, "P")]
        )
    assert not RosterEntry.objects.exists() and not events("attendance.roster.save")


def test_shift_and_roster_rows_are_tenant_rows(cast, hr, dirty_calls):
    shift = rosters.shift_create(actor=hr, code="P", name="Pagi", start=dt.time(7), end=dt.time(14))
    assert Shift.objects.get(pk=shift.pk).tenant_id == cast.tenant.pk
    with pytest.raises(NotFoundError):
        rosters.shift_update(actor=cast.users["other_tenant"], shift=shift, name="x", start=dt.time(7), end=dt.time(14))


def test_seed_command_is_idempotent_for_one_or_all_tenants(cast, dirty_calls):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("attendance_holidays_seed", "--tenant", "73.99", "--year", "2026", stdout=out)
    assert "created 25" in out.getvalue()
    assert not Holiday.objects.filter(tenant=cast.other_tenant).exists()
    out = StringIO()
    call_command("attendance_holidays_seed", "--tenant", "all", "--year", "2026", stdout=out)
    assert "73.99 Kabupaten Uji: 2026 created 0, already there 25" in out.getvalue()
    assert Holiday.objects.filter(tenant=cast.other_tenant).count() == 25
    assert AuditEvent.objects.filter(action="attendance.holidays.seed", actor_label="system:holidays_seed").count() == 2
    with pytest.raises(CommandError):
        call_command("attendance_holidays_seed", "--tenant", "00.00", "--year", "2026")
    with pytest.raises(CommandError):
        call_command("attendance_holidays_seed", "--tenant", "73.99", "--year", "2031")


def test_a_holiday_change_queues_the_past_day_of_everyone(cast, hr):
    """End to end with the real queue (derive.dirty): a past day of an open month is queued for every employee."""
    today = cast.tenant.today()
    yesterday = today - dt.timedelta(days=1)
    holidays.holiday_create(actor=hr, date=yesterday, name="Libur mendadak")
    queued = set(DirtyDay.objects.filter(tenant=cast.tenant).values_list("employee_id", "date"))
    active = {e.pk for e in cast.employees.values() if e.tenant_id == cast.tenant.pk and e.is_active}
    assert queued == {(pk, yesterday) for pk in active}
    DirtyDay.objects.all().delete()
    holidays.holiday_create(actor=hr, date=today + dt.timedelta(days=3), name="Libur nanti")
    assert not DirtyDay.objects.exists()  # a future day has nothing to derive again
