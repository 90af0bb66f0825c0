"""Closing a month (derive, recap, close, audit) and audited adjustments of a closed month's recap."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from pamong.attendance.derive.days import derive_days
from pamong.attendance.derive.dirty import recompute_dirty
from pamong.attendance.derive.recap import recap_month
from pamong.attendance.models import AttendanceDay, DirtyDay, MonthClose, MonthRecap, RecapAdjustment
from pamong.attendance.services.months import month_close, recap_adjust
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.audit import AuditEvent
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed

from .test_derive_days import MON, hm, setup_calendar
from .test_derive_differential import add_punches

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 4, 10)


@pytest.fixture
def closed_march(cast):
    setup_calendar(cast)
    with mock.patch("pamong.core.models.Tenant.today", return_value=TODAY):
        month_close(actor=cast.users["hr_admin"], tenant_id=cast.tenant.pk, year=2026, month=3, note="final")
    return cast


@mock.patch("pamong.core.models.Tenant.today", return_value=TODAY)
def test_close_derives_recaps_and_audits(_today, cast):
    setup_calendar(cast)
    asn = cast.employees["asn"]
    add_punches(cast.tenant, [(asn.pk, MON, hm("07:50")), (asn.pk, MON, hm("16:00"))])
    DirtyDay.objects.create(tenant=cast.tenant, employee=asn, date=MON)
    closed = month_close(actor=cast.users["hr_admin"], tenant_id=cast.tenant.pk, year=2026, month=3, note=" ok ")
    assert (closed.year, closed.month, closed.note, closed.closed_by) == (2026, 3, "ok", cast.users["hr_admin"])
    assert AttendanceDay.objects.filter(date__month=3).count() == 7 * 31
    recap = MonthRecap.objects.get(employee=asn, year=2026, month=3)
    assert (recap.late_minutes, recap.absent_days) == (20, 21)
    assert not DirtyDay.objects.exists()
    event = AuditEvent.objects.get(action="attendance.month.close")
    assert event.after["days"] == 7 * 31 and event.after["recaps"] == 7

    # Closed: derivation, recaps and the queue leave the month alone; ingest refuses its punches.
    stamp = AttendanceDay.objects.get(employee=asn, date=MON).computed_at
    assert derive_days(tenant_id=cast.tenant.pk, start=MON, end=MON) == 0
    assert recap_month(tenant_id=cast.tenant.pk, year=2026, month=3) == 0
    DirtyDay.objects.create(tenant=cast.tenant, employee=asn, date=MON)
    recompute_dirty(tenant_id=cast.tenant.pk)
    assert AttendanceDay.objects.get(employee=asn, date=MON).computed_at == stamp
    result = punches_ingest(
        actor=cast.users["hr_admin"],
        tenant_id=cast.tenant.pk,
        source="file",
        punches=[PunchIn(dt.datetime(2026, 3, 3, 7, 0), "late-file", employee_id=asn.pk)],
        now=dt.datetime(2026, 4, 10, 2, 0, tzinfo=dt.UTC),
    )
    assert result.accepted == 0 and result.errors[0]["code"] == "month_closed"


@mock.patch("pamong.core.models.Tenant.today", return_value=TODAY)
def test_close_refusals(_today, closed_march):
    cast = closed_march
    hr = cast.users["hr_admin"]
    with pytest.raises(Conflict):
        month_close(actor=hr, tenant_id=cast.tenant.pk, year=2026, month=3)
    for year, month in ((2026, 4), (2026, 5), (2026, 13)):
        with pytest.raises(ValidationFailed):
            month_close(actor=hr, tenant_id=cast.tenant.pk, year=year, month=month)
    with pytest.raises(Forbidden):  # sees attendance in scope, may not close
        month_close(actor=cast.users["kepala_opd"], tenant_id=cast.tenant.pk, year=2026, month=2)
    with pytest.raises(NotFoundError):
        month_close(actor=cast.users["hr_admin"], tenant_id=cast.other_tenant.pk, year=2026, month=2)
    assert MonthClose.objects.count() == 1


def test_adjust_a_closed_recap(closed_march):
    cast = closed_march
    recap = MonthRecap.objects.get(employee=cast.employees["asn"], year=2026, month=3)
    assert recap.absent_days == 22
    adjustment = recap_adjust(
        actor=cast.users["hr_admin"], recap=recap, field="absent_days", new_value=20, reason="Putusan keberatan 12/2026"
    )
    recap.refresh_from_db()
    assert (recap.absent_days, recap.is_adjusted) == (20, True)
    assert (adjustment.field, adjustment.old_value, adjustment.new_value, adjustment.actor) == (
        "absent_days",
        22,
        20,
        cast.users["hr_admin"],
    )
    event = AuditEvent.objects.get(action="attendance.recap.adjust")
    assert (event.before, event.after["absent_days"], event.reason) == (
        {"absent_days": 22},
        20,
        "Putusan keberatan 12/2026",
    )


@pytest.mark.parametrize(
    ("field", "value", "reason", "error_field"),
    [
        ("absent_days", 20, "  ", "reason"),
        ("is_adjusted", 1, "x", "field"),
        ("excused_by_kind", 1, "x", "field"),
        ("late_minutes", -1, "x", "new_value"),
        ("absent_days", 40000, "x", "new_value"),
        ("absent_days", 22, "x", "new_value"),  # unchanged
    ],
)
def test_adjust_refusals(closed_march, field, value, reason, error_field):
    cast = closed_march
    recap = MonthRecap.objects.get(employee=cast.employees["asn"], year=2026, month=3)
    with pytest.raises(ValidationFailed) as caught:
        recap_adjust(actor=cast.users["hr_admin"], recap=recap, field=field, new_value=value, reason=reason)
    assert error_field in caught.value.field_errors
    assert not RecapAdjustment.objects.exists()


def test_adjust_refused_for_an_open_month_and_without_the_right(cast):
    setup_calendar(cast)
    derive_days(tenant_id=cast.tenant.pk, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    recap_month(tenant_id=cast.tenant.pk, year=2026, month=3)
    recap = MonthRecap.objects.get(employee=cast.employees["asn"], year=2026, month=3)
    with pytest.raises(ValidationFailed) as caught:
        recap_adjust(actor=cast.users["hr_admin"], recap=recap, field="absent_days", new_value=1, reason="x")
    assert caught.value.code == "month_open"
    with pytest.raises(Forbidden):
        recap_adjust(actor=cast.users["kepala_opd"], recap=recap, field="absent_days", new_value=1, reason="x")
    with pytest.raises(NotFoundError):
        recap_adjust(actor=cast.users["asn_other_opd"], recap=recap, field="absent_days", new_value=1, reason="x")
    assert not RecapAdjustment.objects.exists()
