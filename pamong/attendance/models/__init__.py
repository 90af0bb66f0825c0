"""Attendance models, one module per sub-domain; import them from here."""

from .calendars import Holiday, RosterEntry, ScheduleDay, ScheduleOverride, Shift, UnitSchedule, WorkSchedule
from .days import Anomaly, AttendanceDay, DirtyDay, MonthClose, MonthRecap, RecapAdjustment
from .devices import Device, DeviceCommand, DevicePin, DeviceRefusal, Geofence, IngestBatch
from .excuses import Excuse, ExcuseStep, LeaveCarry, Outage
from .punches import Punch

__all__ = [
    "Anomaly",
    "AttendanceDay",
    "Device",
    "DeviceCommand",
    "DevicePin",
    "DeviceRefusal",
    "DirtyDay",
    "Excuse",
    "ExcuseStep",
    "Geofence",
    "Holiday",
    "IngestBatch",
    "LeaveCarry",
    "MonthClose",
    "MonthRecap",
    "Outage",
    "Punch",
    "RecapAdjustment",
    "RosterEntry",
    "ScheduleDay",
    "ScheduleOverride",
    "Shift",
    "UnitSchedule",
    "WorkSchedule",
]
