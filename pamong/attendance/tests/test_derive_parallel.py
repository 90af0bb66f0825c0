"""A large month without rows yet is derived in shards on two connections (PostgreSQL, outside a transaction):
the rows are exactly those of the one-statement derivation."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from pamong.attendance.derive import days as days_module
from pamong.attendance.derive.days import derive_days
from pamong.attendance.models import AttendanceDay

from .test_derive_days import setup_calendar
from .test_derive_differential import add_punches

pytestmark = pytest.mark.django_db(transaction=True)

FIELDS = ("employee_id", "date", "status", "late_minutes", "early_minutes", "check_in_min", "check_out_min")


def rows(cast) -> list[tuple]:
    return list(AttendanceDay.objects.filter(tenant=cast.tenant).order_by("employee_id", "date").values_list(*FIELDS))


def test_sharded_month_equals_the_single_statement(cast, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("shards run on PostgreSQL only (SQLite derives in one statement)")
    setup_calendar(cast)
    rng = random.Random(4)
    punches = []
    for employee in cast.employees.values():
        for day in range(2, 28):
            when = dt.date(2026, 3, day)
            if when.weekday() < 5 and rng.random() > 0.1:
                punches += [(employee.pk, when, 420 + rng.randrange(60)), (employee.pk, when, 950 + rng.randrange(60))]
    add_punches(cast.tenant, punches)
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 31)

    monkeypatch.setattr(days_module, "PARALLEL_MIN_EMPLOYEE_DAYS", 1)
    calls = []
    original = days_module._derive_month_sharded
    monkeypatch.setattr(
        days_module, "_derive_month_sharded", lambda **kw: calls.append(len(kw["shards"])) or original(**kw)
    )
    derive_days(tenant_id=cast.tenant.pk, start=start, end=end)
    sharded = rows(cast)
    assert calls == [2] and len(sharded) == len(cast.employees) * 31

    AttendanceDay.objects.filter(tenant=cast.tenant).delete()
    monkeypatch.setattr(days_module, "PARALLEL_SHARDS", 1)
    derive_days(tenant_id=cast.tenant.pk, start=start, end=end)
    assert rows(cast) == sharded
    # A month with rows is derived again in one statement, never in shards.
    monkeypatch.setattr(days_module, "PARALLEL_SHARDS", 2)
    derive_days(tenant_id=cast.tenant.pk, start=start, end=end)
    assert calls == [2] and rows(cast) == sharded
