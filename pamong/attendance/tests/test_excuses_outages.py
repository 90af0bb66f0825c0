"""Outages: BKPSDM declares a window in which everyone in scope is excused; affected days are queued."""

import datetime as dt

import pytest

from pamong.attendance.models import DirtyDay, MonthClose, Outage
from pamong.attendance.services.outages import outage_declare, outage_revoke
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 9)
TODAY = dt.date(2026, 11, 20)


def declare(cast, actor="hr_admin", **kw):
    values = {
        "date": DAY,
        "start_time": dt.time(7),
        "end_time": dt.time(8, 30),
        "reason": "Server mati",
        "today": TODAY,
    }
    values.update(kw)
    return outage_declare(actor=cast.users[actor], **values)


def test_a_unit_outage_queues_the_subtree_staff_of_that_day(cast):
    outage = declare(cast, org_unit=cast.units["disdik"])
    assert outage.is_active and outage.org_unit == cast.units["disdik"]
    queued = set(DirtyDay.objects.values_list("employee_id", "date"))
    assert queued == {(cast.employees["kepala_opd"].pk, DAY), (cast.employees["asn"].pk, DAY)}
    event = AuditEvent.objects.get(action="attendance.outage.declare")
    assert event.after["queued_days"] == 2 and event.org_unit_path == cast.units["disdik"].path


def test_a_tenant_outage_queues_everyone_and_today_waits(cast):
    declare(cast)
    assert DirtyDay.objects.count() == 7  # every employee of the cast tenant
    DirtyDay.objects.all().delete()
    declare(cast, date=TODAY, start_time=dt.time(9), end_time=dt.time(10))
    assert not DirtyDay.objects.exists()  # today is derived once it is over


def test_only_bkpsdm_declares(cast):
    with pytest.raises(Forbidden):
        declare(cast, actor="kepala_opd", org_unit=cast.units["disdik"])
    with pytest.raises(NotFoundError):
        declare(cast, actor="planner")
    assert not Outage.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": dt.time(7)}, "end_time"),
        ({"reason": " "}, "reason"),
        ({"date": TODAY + dt.timedelta(days=40)}, "date"),
    ],
)
def test_bad_declarations_name_the_field(cast, changes, field):
    with pytest.raises(ValidationFailed) as exc:
        declare(cast, **changes)
    assert field in exc.value.field_errors


def test_a_closed_month_is_refused(cast):
    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=11)
    with pytest.raises(ValidationFailed):
        declare(cast)


def test_revoke_with_a_reason_once(cast):
    outage = declare(cast, org_unit=cast.units["kec"])
    DirtyDay.objects.all().delete()
    with pytest.raises(ValidationFailed):
        outage_revoke(actor=cast.users["hr_admin"], outage=outage, reason="", today=TODAY)
    outage = outage_revoke(actor=cast.users["hr_admin"], outage=outage, reason="Salah unit", today=TODAY)
    assert not outage.is_active and outage.revoked_reason == "Salah unit"
    assert list(DirtyDay.objects.values_list("employee_id", flat=True)) == [cast.employees["camat"].pk]
    assert AuditEvent.objects.filter(action="attendance.outage.revoke", reason="Salah unit").exists()
    with pytest.raises(Conflict):
        outage_revoke(actor=cast.users["hr_admin"], outage=outage, reason="lagi", today=TODAY)
