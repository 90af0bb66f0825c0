"""Discipline cases: opening (from a ladder warning or by hand), closing without a sanction, the nightly advance.

The steps in between live in ``case_steps`` (summonses, team, examination, decision, delivery) and
``appeals``. Every service authorises (``selectors.case_access``), validates with the pure rules, locks the
case, writes, records ``discipline.case.<step>`` and notifies on commit.

Numbering: ``HD/<year>/<0001>`` per tenant and year of opening; the tenant row is locked while the next
number is taken, so two cases opened at once never get the same number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.access.roles import DISCIPLINE_ACT, DISCIPLINE_VIEW
from pamong.attendance.selectors.excuse_superiors import direct_superior
from pamong.core.errors import Conflict, Forbidden, NotFoundError
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor, scope_of
from pamong.org.choices import PositionTypeChoice
from pamong.people.models import Employee

from ..choices import CaseOrigin, CaseStatus, LevelChoice, WarningStatus
from ..models import Case, CaseViolation, Warning
from ..rules.catalogue import ATTENDANCE, violation
from ..rules.errors import DisciplineRuleError
from ..rules.sanctions import Sanction
from ..selectors.case_access import pending_appeal
from .case_common import (
    SNAPSHOT,
    case_url,
    invalid,
    lock_case,
    notify_on_commit,
    record,
    require_step,
    rule_failed,
    set_status,
)

#: A violation as the services take it: (catalogue code, from, to, description).
ViolationInput = tuple[str, dt.date | None, dt.date | None, str]


def _next_number(tenant_id: int, year: int) -> str:
    Tenant.objects.select_for_update().filter(pk=tenant_id).values_list("pk", flat=True).first()
    prefix = f"HD/{year}/"
    used = Case.objects.filter(tenant_id=tenant_id, number__startswith=prefix).values_list("number", flat=True)
    last = max((int(n[len(prefix) :]) for n in used if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


def _authorize_open(actor: Any, employee: Employee, superior_id: int | None) -> None:
    scope = scope_of(actor)
    if scope.tenant_id != employee.tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    if scope.employee_id is not None and scope.employee_id == employee.pk:
        raise Forbidden(_("Anda tidak dapat membuka kasus disiplin atas diri sendiri."))
    path = employee.org_unit.path
    if scope.allows(DISCIPLINE_ACT, tenant_id=employee.tenant_id, path=path):
        return
    if superior_id is not None and scope.employee_id == superior_id:
        return
    if scope.allows(DISCIPLINE_VIEW, tenant_id=employee.tenant_id, path=path):
        raise Forbidden(_("Kasus disiplin dibuka oleh atasan langsung pegawai atau BKPSDM."))
    raise NotFoundError(_("Data tidak ditemukan."))


def _violations(raw: Sequence[ViolationInput]) -> list[ViolationInput]:
    rows: list[ViolationInput] = []
    for code, occurred_from, occurred_to, description in raw:
        try:
            entry = violation(code)
        except DisciplineRuleError as err:
            raise rule_failed(err) from None
        if occurred_from and occurred_to and occurred_to < occurred_from:
            raise invalid(
                "violations", _("Tanggal akhir pelanggaran %(code)s sebelum tanggal awalnya.") % {"code": code}
            )
        rows.append((entry.code, occurred_from, occurred_to, (description or "").strip()))
    if not rows:
        raise invalid("violations", _("Pilih sedikitnya satu pelanggaran dari katalog PP 94/2021 Pasal 3–5."))
    return rows


def _from_warning(warning: Warning, employee: Employee) -> list[ViolationInput]:
    if warning.employee_id != employee.pk:
        raise invalid("warning", _("Peringatan ini milik pegawai lain."))
    if warning.case_id is not None:
        existing = Case.objects.filter(pk=warning.case_id).values_list("number", "status").first()
        number, status = existing or ("", "")
        if status in (CaseStatus.CLOSED, CaseStatus.ENDED):
            raise Conflict(
                _(
                    "Kasus %(number)s untuk peringatan ini sudah %(status)s; "
                    "peringatan yang sama tidak dapat dibuka lagi."
                )
                % {"number": number, "status": CaseStatus(status).label.lower()}
            )
        raise Conflict(_("Peringatan ini sudah ditindaklanjuti dengan kasus %(number)s.") % {"number": number})
    dates = sorted(str(d) for d in (warning.evidence or {}).get("dates", []) if d)
    first = dt.date.fromisoformat(dates[0]) if dates else dt.date(warning.year, 1, 1)
    last = dt.date.fromisoformat(dates[-1]) if dates else warning.raised_on
    description = _("%(days)s hari kerja tanpa keterangan (termasuk konversi menit) pada tahun %(year)s.") % {
        "days": warning.total_days,
        "year": warning.year,
    }
    return [(ATTENDANCE, first, last, description)]


@transaction.atomic
def case_open(
    *,
    actor: Any,
    employee: Employee,
    level: str = "",
    summary: str,
    violations: Sequence[ViolationInput] = (),
    warning: Warning | None = None,
    today: dt.date | None = None,
) -> Case:
    """Open a case against ``employee``: from a ladder warning (violation 4f) or by hand from the catalogue."""
    employee = Employee.objects.select_related("org_unit", "position", "tenant").get(pk=employee.pk)
    tenant = employee.tenant
    today = today or tenant.today()
    superior = direct_superior(
        tenant_id=tenant.pk, employee_id=employee.pk, unit_path=employee.org_unit.path, day=today
    )
    _authorize_open(actor, employee, superior.employee_id if superior else None)
    summary = (summary or "").strip()
    if warning is not None:
        warning = Warning.objects.select_for_update().get(pk=warning.pk, tenant_id=tenant.pk)
        rows = _from_warning(warning, employee)
        level = level or Sanction(warning.sanction).level.name.lower()
        summary = summary or _("Dibuka dari peringatan ambang kehadiran %(year)s.") % {"year": warning.year}
    else:
        rows = _violations(violations)
    if level not in LevelChoice.values:
        raise invalid("level", _("Pilih tingkat pelanggaran yang diperiksa: ringan, sedang atau berat."))
    if not summary:
        raise invalid("summary", _("Uraikan dugaan pelanggarannya: apa, kapan, dan dari mana diketahui."))
    position = employee.position
    position_type = position.position_type if position is not None else PositionTypeChoice.PELAKSANA
    case = Case.objects.create(
        tenant_id=tenant.pk,
        number=_next_number(tenant.pk, today.year),
        employee=employee,
        org_unit=employee.org_unit,
        position_type=position_type,
        ahli_utama=bool(
            position is not None
            and position_type == PositionTypeChoice.FUNGSIONAL
            and "ahli utama" in position.name.lower()
        ),
        grade=employee.grade,
        origin=CaseOrigin.LADDER if warning is not None else CaseOrigin.MANUAL,
        level=level,
        summary=summary,
        superior_id=superior.employee_id if superior else None,
        opened_on=today,
        opened_by=actor if not isinstance(actor, SystemActor) else _system_user(tenant.pk),
    )
    CaseViolation.objects.bulk_create(
        [CaseViolation(case=case, code=c, occurred_from=f, occurred_to=t, description=d) for c, f, t, d in rows]
    )
    if warning is not None:
        warning.status = WarningStatus.CASE_OPENED
        warning.case = case
        warning.acted_on = today
        warning.acted_by = actor if not isinstance(actor, SystemActor) else None
        warning.save(update_fields=["status", "case", "acted_on", "acted_by", "updated_at"])
    record(
        actor,
        case,
        "open",
        after={
            **_snapshot(case),
            "employee": employee.pk,
            "origin": case.origin,
            "warning": warning.pk if warning else None,
            "violations": [c for c, *_rest in rows],
        },
    )
    notify_on_commit(
        case,
        employee_ids=[case.superior_id] if case.superior_id != scope_of(actor).employee_id else [],
        title=_("Kasus disiplin %(number)s dibuka untuk %(name)s") % {"number": case.number, "name": employee.name},
        body=summary,
    )
    return case


def _system_user(tenant_id: int) -> Any:
    """Cases opened by a job or the demo are recorded as opened by the tenant's first BKPSDM account."""
    from django.contrib.auth import get_user_model

    from pamong.access.models import RoleAssignment
    from pamong.access.roles import Role

    user_id = (
        RoleAssignment.objects.filter(user__tenant_id=tenant_id, role=Role.HR_ADMIN)
        .order_by("pk")
        .values_list("user_id", flat=True)
        .first()
    )
    if user_id is None:
        raise Conflict(_("Belum ada akun BKPSDM untuk mencatat kasus ini."))
    return get_user_model().objects.get(pk=user_id)


def _snapshot(case: Case) -> dict[str, Any]:
    from pamong.core import audit

    return audit.model_snapshot(case, SNAPSHOT)


@transaction.atomic
def case_close(*, actor: Any, case: Case, reason: str, today: dt.date | None = None) -> Case:
    """Close a case before its decision, without a sanction; the reason is required and kept."""
    case = lock_case(case)
    require_step(actor, case, "close")
    reason = (reason or "").strip()
    if not reason:
        raise invalid("reason", _("Tuliskan alasan kasus ditutup tanpa hukuman (mis. tidak terbukti)."))
    before = _snapshot(case)
    set_status(case, CaseStatus.CLOSED, closed_on=today or case.tenant.today(), closed_reason=reason)
    record(actor, case, "close", before=before, after=_snapshot(case), reason=reason)
    notify_on_commit(
        case,
        employee_ids=[case.employee_id],
        title=_("Kasus disiplin %(number)s ditutup tanpa hukuman") % {"number": case.number},
        body=reason,
    )
    return case


@transaction.atomic
def cases_advance(*, tenant: Tenant, today: dt.date) -> dict[str, int]:
    """The daily transition of one tenant: delivered → effective once the effective date is reached and no
    appeal is pending; effective → ended once ``ends_on`` has passed (an untimed sanction, ringan or B3,
    ends as soon as it is effective). Safe to run twice a day: a case moves once."""
    actor = SystemActor(tenant_id=tenant.pk, label="discipline_nightly")
    counts = {"effective": 0, "ended": 0}
    due = Case.objects.select_for_update(of=("self",)).filter(
        tenant_id=tenant.pk, status=CaseStatus.DELIVERED, decision__effective_on__lte=today
    )
    for case in due.select_related("org_unit", "decision").prefetch_related("appeals").order_by("pk"):
        if pending_appeal(case) is not None:
            continue
        before = _snapshot(case)
        set_status(case, CaseStatus.EFFECTIVE)
        counts["effective"] += 1
        record(actor, case, "effective", before=before, after=_snapshot(case))
        notify_on_commit(
            case,
            employee_ids=[case.employee_id],
            title=_("Hukuman disiplin kasus %(number)s mulai berlaku") % {"number": case.number},
            body=case.decision.executed,
        )
    running = Case.objects.select_for_update(of=("self",)).filter(tenant_id=tenant.pk, status=CaseStatus.EFFECTIVE)
    for case in running.select_related("org_unit", "decision").order_by("pk"):
        decision = case.decision
        untimed = decision.ends_on is None or decision.ends_on == decision.effective_on
        if not (untimed or (decision.ends_on is not None and decision.ends_on < today)):
            continue
        before = _snapshot(case)
        set_status(case, CaseStatus.ENDED)
        counts["ended"] += 1
        record(actor, case, "end", before=before, after=_snapshot(case))
    return counts


__all__ = ["ViolationInput", "case_close", "case_open", "case_url", "cases_advance"]
