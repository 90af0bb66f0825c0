"""Reports on the persona cast (test support only): the plan of ``build_plan``, opened on 5 October 2026.

Dinas Pendidikan reports quarterly on IK1 (targets 25/50/75/100 %), Dinas Kesehatan monthly
on IKX (no targets for 2026), Kecamatan Anggrek quarterly on governance. ``operator`` is a
performance operator (OPD clerk) of Dinas Pendidikan: fills reports, cannot submit them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pamong.access.models import User
from pamong.access.roles import Role
from pamong.access.services import role_assign
from pamong.core.scope import SystemActor
from pamong.core.testing.personas import PERSONA_PASSWORD, Cast
from pamong.planning.testing import Plan, build_plan

from .choices import ReportKind
from .models import Report
from .services import reports_open_due

OPENED_ON = dt.date(2026, 10, 5)


@dataclass
class Reports:
    plan: Plan
    disdik: Report  # realisation, Triwulan III 2026 (deadline 10 October 2026)
    kec: Report  # governance, Triwulan III 2026
    dinkes: Report  # realisation, September 2026
    operator: User
    system: Any


def build_reports(cast: Cast, today: dt.date = OPENED_ON) -> Reports:
    plan = build_plan(cast)
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    reports_open_due(actor=system, today=today)
    operator = User.objects.create_user(username="operator", password=PERSONA_PASSWORD, tenant=cast.tenant)
    role_assign(actor=system, user=operator, role=Role.PERFORMANCE_OPERATOR, org_unit=cast.units["disdik"])
    reports = Report.objects.select_related("org_unit")
    return Reports(
        plan=plan,
        disdik=reports.get(org_unit=cast.units["disdik"], year=2026, period_no=3),
        kec=reports.get(org_unit=cast.units["kec"], kind=ReportKind.GOVERNANCE, year=2026, period_no=3),
        dinkes=reports.get(org_unit=cast.units["dinkes"], year=2026, period_no=9),
        operator=operator,
        system=system,
    )
