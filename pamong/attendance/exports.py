"""Excel exports of attendance recaps (openpyxl through the shared ``performance.spreadsheets.workbook``).

BKPSDM computes TPP deductions from these figures, so the file holds exactly what the recap page shows
(the same selector and scope) with the employee's NIP as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from pamong.performance.spreadsheets import workbook
from pamong.performance.tables import Table

from .models import MonthRecap

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _kinds(value: Any) -> str:
    if not isinstance(value, dict) or not value:
        return ""
    return ", ".join(f"{kind}: {days}" for kind, days in sorted(value.items()))


def recap_table(rows: Iterable[MonthRecap], *, title: str) -> Table:
    return Table(
        "rekap",
        title,
        (
            _("NIP"),
            _("Nama"),
            _("Unit"),
            _("Hari kerja"),
            _("Hadir"),
            _("Hari terlambat"),
            _("Menit terlambat"),
            _("Hari pulang cepat"),
            _("Menit pulang cepat"),
            _("Tanpa presensi pulang"),
            _("Tanpa keterangan (hari)"),
            _("Berketerangan (hari)"),
            _("Berketerangan per jenis"),
            _("Dikoreksi"),
        ),
        [
            (
                r.employee.nip,
                r.employee.name,
                r.org_unit.name,
                r.working_days,
                r.present_days,
                r.late_days,
                r.late_minutes,
                r.early_leave_days,
                r.early_minutes,
                r.missing_check_out_days,
                r.absent_days,
                r.excused_days,
                _kinds(r.excused_by_kind),
                _("ya") if r.is_adjusted else "",
            )
            for r in rows
        ],
    )


def recap_workbook(rows: Iterable[MonthRecap], *, tenant_name: str, unit_name: str, label: str, closed: bool) -> bytes:
    state = _("sudah ditutup (final)") if closed else _("belum ditutup (sementara)")
    heading = f"{tenant_name} · {unit_name} · {label} · {state}"
    return workbook([recap_table(rows, title=_("Rekap presensi %(month)s") % {"month": label})], heading=heading)
