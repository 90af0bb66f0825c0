"""The case register as an Excel workbook (openpyxl through ``performance.spreadsheets.workbook``): exactly the
rows the register page shows for the same filters and scope, the NIP as text."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from pamong.performance.spreadsheets import workbook
from pamong.performance.tables import Table

from .choices import CaseStatus, LevelChoice, SanctionChoice
from .models import Case


def register_table(cases: Iterable[Case]) -> Table:
    rows = []
    for case in cases:
        decision = getattr(case, "decision", None)
        rows.append(
            (
                case.number,
                case.opened_on,
                case.employee.nip,
                case.employee.name,
                case.org_unit.name,
                str(LevelChoice(case.level).label),
                str(CaseStatus(case.status).label),
                str(SanctionChoice(decision.sanction).label) if decision else "",
                decision.executed if decision else "",
                decision.letter_number if decision else "",
                decision.signed_on if decision else None,
                decision.effective_on if decision else None,
                decision.ends_on if decision else None,
                case.closed_reason,
            )
        )
    return Table(
        "register",
        _("Register kasus disiplin"),
        (
            _("Nomor"),
            _("Dibuka"),
            _("NIP"),
            _("Nama"),
            _("Unit"),
            _("Tingkat"),
            _("Status"),
            _("Hukuman"),
            _("Yang dijalankan"),
            _("Nomor keputusan"),
            _("Ditetapkan"),
            _("Berlaku"),
            _("Berakhir"),
            _("Alasan ditutup"),
        ),
        rows,
    )


def register_workbook(cases: Iterable[Case], *, heading: str) -> bytes:
    return workbook([register_table(cases)], heading=heading)
