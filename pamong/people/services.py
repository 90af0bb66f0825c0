"""State changes of employees and their assignments: one audited function each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.authz import authorize, authorize_at, require_tenant
from pamong.core.errors import Conflict, ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.org.models import OrgUnit, Position

from .choices import AssignmentKind
from .models import Assignment, Employee
from .rules.assignments import (
    Holding,
    Proposal,
    Refusal,
    RefusalCode,
    check_assignment,
    check_proposal,
    takes_effect_now,
)
from .rules.grades import GradeError, grade_by_code, pppk_grade_by_code
from .rules.kinds import EmployeeKind
from .rules.nip import NipError, NipInfo, parse_nip

EMPLOYEE_AUDIT_FIELDS = (
    "nip",
    "nip_lama",
    "name",
    "front_title",
    "back_title",
    "kind",
    "grade",
    "email",
    "phone",
    "org_unit",
    "position",
    "is_active",
)


def decode_nip(raw: str, *, kind: str, today: dt.date) -> tuple[NipInfo | None, list[str]]:
    """Parse a NIP for a form or an import row: the decoded parts, or the messages why not."""
    try:
        return parse_nip(raw, kind=EmployeeKind(kind), today=today), []
    except NipError as exc:
        return None, [localized(issue) for issue in exc.issues]


def normalize_grade(raw: str, *, kind: str) -> tuple[str, list[str]]:
    """The canonical grade code (``III/a`` or ``IX``), or the message why not."""
    if not raw.strip():
        return "", []
    try:
        if kind == EmployeeKind.PPPK.value:
            return pppk_grade_by_code(raw).code, []
        return grade_by_code(raw).code, []
    except GradeError as exc:
        return "", [localized(exc)]


def _validated_identity(*, nip: str, kind: str, grade: str, today: dt.date) -> tuple[NipInfo, str]:
    errors: dict[str, list[str]] = {}
    info, nip_errors = decode_nip(nip, kind=kind, today=today)
    if nip_errors:
        errors["nip"] = nip_errors
    grade_code, grade_errors = normalize_grade(grade, kind=kind)
    if grade_errors:
        errors["grade"] = grade_errors
    if errors or info is None:
        raise ValidationFailed(_("Data pegawai tidak sah."), field_errors=errors)
    return info, grade_code


@transaction.atomic
def employee_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    nip: str,
    name: str,
    kind: str,
    today: dt.date,
    grade: str = "",
    front_title: str = "",
    back_title: str = "",
    nip_lama: str = "",
    email: str = "",
    phone: str = "",
) -> Employee:
    """Register an employee in ``org_unit``; the NIP is validated and decoded."""
    authorize(actor, "people.manage", org_unit)
    info, grade_code = _validated_identity(nip=nip, kind=kind, grade=grade, today=today)
    if Employee.objects.filter(tenant_id=org_unit.tenant_id, nip=info.nip).exists():
        raise ValidationFailed(
            _("NIP %(nip)s sudah terdaftar.") % {"nip": info.formatted},
            field_errors={"nip": [_("NIP sudah terdaftar.")]},
        )
    if not name.strip():
        raise ValidationFailed(_("Nama wajib diisi."), field_errors={"name": [_("Wajib diisi.")]})
    employee = Employee(
        tenant_id=org_unit.tenant_id,
        org_unit=org_unit,
        nip=info.nip,
        nip_lama=nip_lama,
        name=name.strip(),
        front_title=front_title.strip(),
        back_title=back_title.strip(),
        kind=kind,
        grade=grade_code,
        birth_date=info.birth_date,
        gender=info.gender.value,
        appointment_year=info.appointment_year,
        appointment_month=info.appointment_month,
        email=email,
        phone=phone,
    )
    employee.full_clean(exclude=["tenant", "position"])
    employee.save()
    audit.record(
        actor=actor,
        tenant_id=employee.tenant_id,
        action="people.employee.created",
        target=employee,
        org_unit_path=org_unit.path,
        after=audit.model_snapshot(employee, EMPLOYEE_AUDIT_FIELDS),
    )
    return employee


@transaction.atomic
def employee_update(
    *,
    actor: Any,
    employee: Employee,
    name: str,
    front_title: str,
    back_title: str,
    grade: str,
    email: str,
    phone: str,
    reason: str = "",
) -> Employee:
    """Correct an employee's name, titles, grade or contact; the NIP is the identity and stays."""
    authorize(actor, "people.manage", employee)
    employee = Employee.objects.select_for_update().select_related("org_unit").get(pk=employee.pk)
    grade_code, grade_errors = normalize_grade(grade, kind=employee.kind)
    if grade_errors:
        raise ValidationFailed(_("Data pegawai tidak sah."), field_errors={"grade": grade_errors})
    if not name.strip():
        raise ValidationFailed(_("Nama wajib diisi."), field_errors={"name": [_("Wajib diisi.")]})
    before = audit.model_snapshot(employee, EMPLOYEE_AUDIT_FIELDS)
    employee.name = name.strip()
    employee.front_title = front_title.strip()
    employee.back_title = back_title.strip()
    employee.grade = grade_code
    employee.email = email
    employee.phone = phone
    employee.full_clean(exclude=["tenant", "position"])
    after = audit.model_snapshot(employee, EMPLOYEE_AUDIT_FIELDS)
    if after != before:
        employee.save()
        audit.record(
            actor=actor,
            tenant_id=employee.tenant_id,
            action="people.employee.updated",
            target=employee,
            org_unit_path=employee.org_unit.path,
            before=before,
            after=after,
            reason=reason,
        )
    return employee


def _overlapping(qs: Any, starts_on: dt.date, ends_on: dt.date | None) -> Any:
    """Rows of ``qs`` whose [starts_on, ends_on] period meets the given one."""
    qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        qs = qs.filter(starts_on__lte=ends_on)
    return qs


def _holding(assignment: Assignment) -> Holding:
    return Holding(
        employee_id=assignment.employee_id,
        kind=assignment.kind,
        starts_on=assignment.starts_on,
        ends_on=assignment.ends_on,
        assignment_id=assignment.pk,
    )


def _refused(refusal: Refusal, names: dict[int, str]) -> ValidationFailed | Conflict:
    """The domain error for a refusal of ``rules.assignments``, naming the conflicting holder."""
    holder_id = refusal.holder_id
    message = localized(refusal.named(names.get(holder_id, "")) if holder_id is not None else refusal)
    if refusal.code in (RefusalCode.ENDS_BEFORE_START, RefusalCode.ACTING_ON_SHARED_POST):
        return ValidationFailed(message, field_errors={refusal.field: [message]})
    return Conflict(message)


@transaction.atomic
def assignment_start(
    *,
    actor: Any,
    employee: Employee,
    position: Position,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    decree_number: str = "",
    decree_date: dt.date | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> Assignment:
    """Put an employee in a post, definitively or as Plt/Plh.

    The decision is ``rules.assignments.check_assignment`` (ADR 0010): a structural
    post has at most one definitive and one acting holder at a time, functional
    and pelaksana posts are shared and take no Plt/Plh, a Plt fills a vacancy and
    a Plh stands in for an absent holder. A definitive appointment ends the
    employee's previous definitive post the day before (audited) and moves the
    employee to the post's unit once its TMT has come (``employees_sync_current_posts``
    does it for a future TMT).
    """
    authorize(actor, "people.manage", employee)
    authorize(actor, "people.manage", position)
    today = today or Tenant.objects.get(pk=employee.tenant_id).today()
    if position.tenant_id != employee.tenant_id:
        raise ValidationFailed(
            _("Jabatan tidak ditemukan."), field_errors={"position": [_("Jabatan tidak ditemukan.")]}
        )
    proposal = Proposal(
        employee_id=employee.pk,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        position_is_structural=position.is_structural,
    )
    # Input that is wrong whatever the post's holders: refused before any lock is taken.
    wrong = check_proposal(proposal)
    if wrong is not None:
        raise _refused(wrong, {})
    if position.closed_on is not None and position.closed_on <= starts_on:
        raise ValidationFailed(
            _("Jabatan ini sudah ditutup."), field_errors={"position": [_("Jabatan ini sudah ditutup.")]}
        )
    # Lock the post's assignments in a fixed order (position, then employee) so two
    # concurrent appointments to the same post cannot both pass the overlap check.
    Position.objects.select_for_update().filter(pk=position.pk).first()
    employee = Employee.objects.select_for_update().select_related("org_unit").get(pk=employee.pk)
    # Shared posts have no limit on holders: only a structural post's holders are loaded.
    of_post = (
        list(
            _overlapping(Assignment.objects.filter(position=position), starts_on, ends_on)
            .exclude(employee=employee)
            .select_related("employee")
        )
        if position.is_structural
        else []
    )
    # The employee's definitive posts this one may end or overlap.
    of_employee = {
        _holding(a): a
        for a in Assignment.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on), employee=employee, kind=AssignmentKind.DEFINITIVE
        ).select_related("position__org_unit")
    }
    decision = check_assignment(
        proposal, holdings_of_post=[_holding(a) for a in of_post], holdings_of_employee=list(of_employee)
    )
    if isinstance(decision, Refusal):
        raise _refused(decision, {a.employee_id: a.employee.full_name for a in of_post})
    before = audit.model_snapshot(employee, ("org_unit", "position"))
    for ending in decision.ends:
        previous = of_employee[ending.holding]
        previous.ends_on = ending.ends_on
        previous.save(update_fields=["ends_on", "updated_at"])
        audit.record(
            actor=actor,
            tenant_id=previous.tenant_id,
            action="people.assignment.ended",
            target=previous,
            org_unit_path=previous.position.org_unit.path,
            before={"ends_on": None},
            after={"ends_on": previous.ends_on},
            reason=_("Digantikan oleh penugasan definitif baru."),
        )
    assignment = Assignment(
        tenant_id=employee.tenant_id,
        employee=employee,
        position=position,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        decree_number=decree_number,
        decree_date=decree_date,
        note=note,
    )
    assignment.full_clean(exclude=["tenant"])
    assignment.save()
    # A future-dated SK (TMT after today) moves the employee only when it takes
    # effect: employees_sync_current_posts does that each night.
    if decision.moves_employee_on is not None and takes_effect_now(decision.moves_employee_on, today):
        employee.position = position
        employee.org_unit_id = position.org_unit_id
        employee.save(update_fields=["position", "org_unit", "updated_at"])
        _employee_moved(actor=actor, employee=employee, old_org_unit_id=before["org_unit"])
    audit.record(
        actor=actor,
        tenant_id=employee.tenant_id,
        action="people.assignment.started",
        target=assignment,
        org_unit_path=position.org_unit.path,
        before=before,
        after={
            "employee": employee.pk,
            "position": position.pk,
            "kind": kind,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "decree_number": decree_number,
            "org_unit": employee.org_unit_id,
        },
    )
    return assignment


def _employee_moved(*, actor: Any, employee: Employee, old_org_unit_id: int | None) -> None:
    """Tell other apps (``settings.PAMONG_EMPLOYEE_MOVED_HOOKS``) that an employee changed unit, in this
    transaction: e.g. attendance queues user-sync commands for the devices of both units. No import of them here."""
    if old_org_unit_id == employee.org_unit_id:
        return
    for dotted in getattr(settings, "PAMONG_EMPLOYEE_MOVED_HOOKS", ()):
        import_string(dotted)(
            actor=actor, employee=employee, old_org_unit_id=old_org_unit_id, new_org_unit_id=employee.org_unit_id
        )


@transaction.atomic
def assignment_end(*, actor: Any, assignment: Assignment, ends_on: dt.date, reason: str = "") -> Assignment:
    """End an assignment on ``ends_on`` (inclusive)."""
    authorize(actor, "people.manage", assignment)
    assignment = (
        Assignment.objects.select_for_update().select_related("position__org_unit", "employee").get(pk=assignment.pk)
    )
    if assignment.ends_on is not None and assignment.ends_on <= ends_on:
        raise Conflict(
            _("Penugasan ini sudah berakhir pada %(date)s.") % {"date": assignment.ends_on.strftime("%d/%m/%Y")}
        )
    if ends_on < assignment.starts_on:
        raise ValidationFailed(
            _("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            field_errors={"ends_on": [_("Tanggal selesai tidak boleh sebelum tanggal mulai.")]},
        )
    before = {"ends_on": assignment.ends_on}
    assignment.ends_on = ends_on
    assignment.save(update_fields=["ends_on", "updated_at"])
    if assignment.kind == AssignmentKind.DEFINITIVE and assignment.employee.position_id == assignment.position_id:
        Employee.objects.filter(pk=assignment.employee_id).update(position=None)
    audit.record(
        actor=actor,
        tenant_id=assignment.tenant_id,
        action="people.assignment.ended",
        target=assignment,
        org_unit_path=assignment.position.org_unit.path,
        before=before,
        after={"ends_on": ends_on},
        reason=reason,
    )
    return assignment


@transaction.atomic
def employees_sync_current_posts(*, actor: Any, today: dt.date) -> int:
    """Point each employee at the definitive post in force ``today`` (for future-dated SKs).

    Set-based: one query finds employees whose current definitive assignment differs
    from their recorded post; only those rows are updated, each with an audit event.
    """
    tenant_id = require_tenant(actor)
    authorize_at(actor, "people.manage", tenant_id=tenant_id, path=None)
    current = (
        Assignment.objects.filter(tenant_id=tenant_id, kind=AssignmentKind.DEFINITIVE)
        .on(today)
        .exclude(employee__position_id=F("position_id"))
        .select_related("position__org_unit", "employee")
    )
    changed = 0
    for assignment in current:
        employee = assignment.employee
        before = audit.model_snapshot(employee, ("org_unit", "position"))
        employee.position_id = assignment.position_id
        employee.org_unit_id = assignment.position.org_unit_id
        employee.save(update_fields=["position", "org_unit", "updated_at"])
        _employee_moved(actor=actor, employee=employee, old_org_unit_id=before["org_unit"])
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="people.employee.post_synced",
            target=employee,
            org_unit_path=assignment.position.org_unit.path,
            before=before,
            after=audit.model_snapshot(employee, ("org_unit", "position")),
            reason=_("Penugasan definitif mulai berlaku (TMT %(date)s).")
            % {"date": assignment.starts_on.strftime("%d/%m/%Y")},
        )
        changed += 1
    return changed
