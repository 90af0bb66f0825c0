"""Shared pieces of the punch-file tests: sample files, file builders, a device, operators of a unit."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl

from pamong.access.models import User
from pamong.access.roles import Role
from pamong.access.services import role_assign
from pamong.attendance.models import Device, DevicePin
from pamong.core.scope import SystemActor

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# 2026-11-20 10:00 WITA (the cast tenant's zone) = 02:00 UTC; the sample files hold 16-17 November 2026.
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def device_of(cast, unit: str = "disdik", serial: str = "SN-DISDIK-1") -> Device:
    return Device.objects.create(
        tenant=cast.tenant, org_unit=cast.units[unit], serial_number=serial, name=f"Mesin {unit}"
    )


def map_pins(cast) -> None:
    """PIN 101 is Citra (asn, Disdik), PIN 102 is Dewi (asn_other_opd, Dinkes), as in samples/attlog.dat."""
    DevicePin.objects.create(tenant=cast.tenant, employee=cast.employees["asn"], pin="101")
    DevicePin.objects.create(tenant=cast.tenant, employee=cast.employees["asn_other_opd"], pin="102")


def operator(cast, unit: str, username: str | None = None) -> User:
    """An OPD attendance operator (``attendance_operator``) over ``unit`` and its subtree."""
    user: User = User.objects.create_user(username=username or f"operator_{unit}", password="x", tenant=cast.tenant)
    role_assign(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"),
        user=user,
        role=Role.ATTENDANCE_OPERATOR,
        org_unit=cast.units[unit],
    )
    return user


def csv_bytes(rows: list[list[str]], *, sep: str = ",", bom: bool = False) -> bytes:
    text = "\r\n".join(sep.join(row) for row in rows) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attlog(*lines: tuple[str, dt.datetime, int]) -> bytes:
    return "".join(f"{pin}\t{at:%Y-%m-%d %H:%M:%S}\t{status}\t1\t0\t0\n" for pin, at, status in lines).encode()
