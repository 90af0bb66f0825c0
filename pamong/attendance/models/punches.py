"""The punch log: every check-in/out that arrived, once, from any source (the large table).

On PostgreSQL ``attendance_punch`` is partitioned by month of ``local_date`` (migration 0001 and
``pamong.attendance.partitions``); its primary key there is ``(id, local_date)``. The natural key
(``tenant``, ``local_date``, ``natural_key``) makes every resend a no-op:

- device and file punches: ``<serial>|<PIN>|<YYYY-MM-DD HH:MM:SS>|<status>`` (``rules.adms.punch_key``),
  so a USB file of a device that also pushed adds nothing twice;
- web/mobile punches: ``web|<employee id>|<client uuid>`` (the page makes the uuid when the button is
  pressed, so a queued punch resent after the network returns is the same punch);
- manual punches: ``manual|<employee id>|<local datetime>``.

A punch whose PIN matches no employee is kept with ``employee`` empty and attached when the PIN is mapped.
Rows are never updated except to attach an employee; corrections are new punches or excuses.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.models import Tenant
from pamong.core.querysets import ScopedQuerySet
from pamong.people.models import Employee

from ..choices import PunchSource
from .devices import Device, IngestBatch


class Punch(models.Model):
    """One punch: who, when (aware; ``local_date``/``local_minute`` in the tenant's zone), from where."""

    id = models.BigAutoField(primary_key=True)
    tenant = models.ForeignKey(
        Tenant, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.DO_NOTHING, null=True, related_name="+", db_constraint=False, db_index=False
    )
    punched_at = models.DateTimeField()
    local_date = models.DateField()
    local_minute = models.PositiveSmallIntegerField()  # minutes since the tenant-local midnight of local_date
    source = models.CharField(max_length=8, choices=PunchSource.choices)
    device = models.ForeignKey(
        Device, on_delete=models.DO_NOTHING, null=True, related_name="+", db_constraint=False, db_index=False
    )
    batch = models.ForeignKey(
        IngestBatch, on_delete=models.DO_NOTHING, null=True, related_name="+", db_constraint=False, db_index=False
    )
    pin = models.CharField(max_length=24, blank=True)
    status = models.SmallIntegerField(default=0)  # ZKTeco punch state: 0 in, 1 out, 2/3 break, 4/5 overtime
    verify = models.SmallIntegerField(null=True)  # ZKTeco verify mode: 1 finger, 15 face, ... (kept as sent)
    natural_key = models.CharField(max_length=120)
    received_at = models.DateTimeField()
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    accuracy_m = models.PositiveIntegerField(null=True)
    client_device = models.CharField(max_length=64, blank=True)  # the PWA's install id (shared-device anomaly)
    is_mock = models.BooleanField(default=False)  # the phone reported a mock location
    raw = models.CharField(max_length=255, blank=True)  # the device or file line as received

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()

    # Scoped like any employee row (unmatched punches, without an employee, only tenant-wide).
    scope_path_field = "employee__org_unit__path"
    scope_self_field = "employee_id"
    view_action = ATTENDANCE_VIEW

    class Meta:
        ordering = ["tenant_id", "local_date", "punched_at"]
        verbose_name = "punch"
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "local_date", "natural_key"], name="attendance_punch_natural_key"
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "employee", "local_date"], name="attendance_punch_emp_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id or self.pin} {self.punched_at:%Y-%m-%d %H:%M:%S}"
