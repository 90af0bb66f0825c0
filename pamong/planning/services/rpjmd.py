"""State changes of the RPJMD (tenant-wide) and of OPD strategic targets: one atomic, audited function each."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.org.models import OrgUnit

from ..authz import authorize_tenant_wide, authorize_unit
from ..choices import PeriodStatus, ProgramKind
from ..models import Goal, Mission, PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget

PERIOD_SPAN = 5
PERIOD_FIELDS = ("name", "start_year", "end_year", "vision", "status")
PROGRAM_FIELDS = ("code", "name", "kind", "owner_unit", "description")
STRATEGIC_FIELDS = ("org_unit", "period", "code", "text", "regional_target", "priority_program")


def _required(errors: dict[str, list[str]], **values: str) -> None:
    for name, value in values.items():
        if not (value or "").strip():
            errors.setdefault(name, []).append(_("Wajib diisi."))


def _raise(errors: dict[str, list[str]], message: str | None = None) -> None:
    if errors:
        raise ValidationFailed(
            message or _("Data rencana tidak sah; periksa isian yang ditandai."), field_errors=errors
        )


def _same_tenant(tenant_id: int, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.tenant_id != tenant_id:
            raise NotFoundError(_("Data tidak ditemukan."))


# -- period --------------------------------------------------------------------------------------------


def check_period_years(start_year: int, end_year: int) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not 2000 <= start_year <= 2100:
        errors["start_year"] = [_("Tahun awal harus antara 2000 dan 2100.")]
    elif end_year != start_year + PERIOD_SPAN:
        errors["end_year"] = [
            _("Periode RPJMD mencakup lima tahun: tahun akhir harus %(year)d.") % {"year": start_year + PERIOD_SPAN}
        ]
    return errors


@transaction.atomic
def period_create(*, actor: Any, name: str, start_year: int, end_year: int, vision: str) -> PlanPeriod:
    """A new RPJMD period in draft, with the head of region's vision."""
    tenant_id = authorize_tenant_wide(actor)
    errors = check_period_years(start_year, end_year)
    _required(errors, name=name, vision=vision)
    if PlanPeriod.objects.filter(tenant_id=tenant_id, start_year=start_year).exists():
        errors.setdefault("start_year", []).append(_("Sudah ada periode yang dimulai tahun ini."))
    _raise(errors)
    period: PlanPeriod = PlanPeriod.objects.create(
        tenant_id=tenant_id, name=name.strip(), start_year=start_year, end_year=end_year, vision=vision.strip()
    )
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="planning.period.created",
        target=period,
        after=audit.model_snapshot(period, PERIOD_FIELDS),
    )
    return period


@transaction.atomic
def period_update(*, actor: Any, period: PlanPeriod, name: str | None = None, vision: str | None = None) -> PlanPeriod:
    tenant_id = authorize_tenant_wide(actor, period)
    period = PlanPeriod.objects.select_for_update().get(pk=period.pk)
    before = audit.model_snapshot(period, PERIOD_FIELDS)
    errors: dict[str, list[str]] = {}
    if name is not None:
        _required(errors, name=name)
        period.name = name.strip()
    if vision is not None:
        _required(errors, vision=vision)
        period.vision = vision.strip()
    _raise(errors)
    after = audit.model_snapshot(period, PERIOD_FIELDS)
    if after != before:
        period.save()
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="planning.period.updated",
            target=period,
            before=before,
            after=after,
        )
    return period


@transaction.atomic
def period_activate(*, actor: Any, period: PlanPeriod) -> PlanPeriod:
    """Put a draft period in force; the plan in force must be closed first (at most one per tenant)."""
    tenant_id = authorize_tenant_wide(actor, period)
    period = PlanPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.DRAFT:
        raise Conflict(_("Hanya periode berstatus draf yang dapat diberlakukan."))
    active = PlanPeriod.objects.filter(tenant_id=tenant_id, status=PeriodStatus.ACTIVE).first()
    if active is not None:
        raise Conflict(_("%(name)s masih berlaku; tutup dahulu sebelum memberlakukan periode lain.") % {"name": active})
    period.status = PeriodStatus.ACTIVE
    period.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor, tenant_id=tenant_id, action="planning.period.activated", target=period, after={"status": "active"}
    )
    return period


@transaction.atomic
def period_close(*, actor: Any, period: PlanPeriod, reason: str) -> PlanPeriod:
    """Close the period in force; the reason (e.g. the new Perda RPJMD) is part of the audit record."""
    tenant_id = authorize_tenant_wide(actor, period)
    if not reason.strip():
        raise ValidationFailed(
            _("Alasan wajib diisi saat menutup periode."), field_errors={"reason": [_("Wajib diisi.")]}
        )
    period = PlanPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.ACTIVE:
        raise Conflict(_("Hanya periode yang sedang berlaku yang dapat ditutup."))
    period.status = PeriodStatus.CLOSED
    period.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="planning.period.closed",
        target=period,
        after={"status": "closed"},
        reason=reason,
    )
    return period


# -- missions, goals, regional targets ----------------------------------------------------------------


@transaction.atomic
def mission_create(*, actor: Any, period: PlanPeriod, number: int, text: str) -> Mission:
    tenant_id = authorize_tenant_wide(actor, period)
    errors: dict[str, list[str]] = {}
    _required(errors, text=text)
    if number < 1:
        errors["number"] = [_("Nomor misi dimulai dari 1.")]
    elif Mission.objects.filter(period=period, number=number).exists():
        errors["number"] = [_("Misi nomor %(n)d sudah ada.") % {"n": number}]
    _raise(errors)
    mission: Mission = Mission.objects.create(tenant_id=tenant_id, period=period, number=number, text=text.strip())
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="planning.mission.created",
        target=mission,
        after={"period": period.pk, "number": number, "text": mission.text},
    )
    return mission


@transaction.atomic
def mission_update(*, actor: Any, mission: Mission, number: int | None = None, text: str | None = None) -> Mission:
    tenant_id = authorize_tenant_wide(actor, mission)
    mission = Mission.objects.select_for_update().get(pk=mission.pk)
    before = {"number": mission.number, "text": mission.text}
    errors: dict[str, list[str]] = {}
    if text is not None:
        _required(errors, text=text)
        mission.text = text.strip()
    if number is not None and number != mission.number:
        if number < 1:
            errors["number"] = [_("Nomor misi dimulai dari 1.")]
        elif Mission.objects.filter(period_id=mission.period_id, number=number).exists():
            errors["number"] = [_("Misi nomor %(n)d sudah ada.") % {"n": number}]
        mission.number = number
    _raise(errors)
    after = {"number": mission.number, "text": mission.text}
    if after != before:
        mission.save()
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="planning.mission.updated",
            target=mission,
            before=before,
            after=after,
        )
    return mission


def _coded_create(*, actor: Any, model: Any, parent_field: str, parent: Any, code: str, text: str, action: str) -> Any:
    tenant_id = authorize_tenant_wide(actor, parent)
    errors: dict[str, list[str]] = {}
    _required(errors, code=code, text=text)
    if code.strip() and model.objects.filter(**{parent_field: parent}, code=code.strip()).exists():
        errors["code"] = [_("Kode %(code)s sudah dipakai.") % {"code": code.strip()}]
    _raise(errors)
    row = model.objects.create(tenant_id=tenant_id, **{parent_field: parent}, code=code.strip(), text=text.strip())
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action=action,
        target=row,
        after={parent_field: parent.pk, "code": row.code, "text": row.text},
    )
    return row


def _coded_update(*, actor: Any, row: Any, parent_field: str, code: str | None, text: str | None, action: str) -> Any:
    tenant_id = authorize_tenant_wide(actor, row)
    model = type(row)
    row = model.objects.select_for_update().get(pk=row.pk)
    before = {"code": row.code, "text": row.text}
    errors: dict[str, list[str]] = {}
    if text is not None:
        _required(errors, text=text)
        row.text = text.strip()
    if code is not None and code.strip() != row.code:
        _required(errors, code=code)
        parent_id = getattr(row, f"{parent_field}_id")
        if model.objects.filter(**{f"{parent_field}_id": parent_id}, code=code.strip()).exists():
            errors["code"] = [_("Kode %(code)s sudah dipakai.") % {"code": code.strip()}]
        row.code = code.strip()
    _raise(errors)
    after = {"code": row.code, "text": row.text}
    if after != before:
        row.save()
        audit.record(actor=actor, tenant_id=tenant_id, action=action, target=row, before=before, after=after)
    return row


@transaction.atomic
def goal_create(*, actor: Any, mission: Mission, code: str, text: str) -> Goal:
    goal: Goal = _coded_create(
        actor=actor,
        model=Goal,
        parent_field="mission",
        parent=mission,
        code=code,
        text=text,
        action="planning.goal.created",
    )
    return goal


@transaction.atomic
def goal_update(*, actor: Any, goal: Goal, code: str | None = None, text: str | None = None) -> Goal:
    result: Goal = _coded_update(
        actor=actor, row=goal, parent_field="mission", code=code, text=text, action="planning.goal.updated"
    )
    return result


@transaction.atomic
def regional_target_create(*, actor: Any, goal: Goal, code: str, text: str) -> RegionalTarget:
    target: RegionalTarget = _coded_create(
        actor=actor,
        model=RegionalTarget,
        parent_field="goal",
        parent=goal,
        code=code,
        text=text,
        action="planning.regional_target.created",
    )
    return target


@transaction.atomic
def regional_target_update(
    *, actor: Any, target: RegionalTarget, code: str | None = None, text: str | None = None
) -> RegionalTarget:
    result: RegionalTarget = _coded_update(
        actor=actor, row=target, parent_field="goal", code=code, text=text, action="planning.regional_target.updated"
    )
    return result


# -- priority programs ---------------------------------------------------------------------------------


def _check_owner(tenant_id: int, owner_unit: OrgUnit | None, errors: dict[str, list[str]]) -> None:
    if owner_unit is None or owner_unit.tenant_id != tenant_id:
        errors.setdefault("owner_unit", []).append(_("Pilih OPD penanggung jawab."))


@transaction.atomic
def priority_program_create(
    *,
    actor: Any,
    period: PlanPeriod,
    code: str,
    name: str,
    kind: str,
    owner_unit: OrgUnit | None,
    description: str = "",
) -> PriorityProgram:
    """A priority program or movement (gerakan) of the period, owned by one OPD."""
    tenant_id = authorize_tenant_wide(actor, period)
    errors: dict[str, list[str]] = {}
    _required(errors, code=code, name=name)
    if kind not in ProgramKind.values:
        errors["kind"] = [_("Pilih program atau gerakan.")]
    _check_owner(tenant_id, owner_unit, errors)
    if code.strip() and PriorityProgram.objects.filter(period=period, code=code.strip()).exists():
        errors["code"] = [_("Kode %(code)s sudah dipakai.") % {"code": code.strip()}]
    _raise(errors)
    assert owner_unit is not None  # checked above
    program: PriorityProgram = PriorityProgram.objects.create(
        tenant_id=tenant_id,
        period=period,
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        owner_unit=owner_unit,
        description=description.strip(),
    )
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="planning.program.created",
        target=program,
        after=audit.model_snapshot(program, PROGRAM_FIELDS),
    )
    return program


@transaction.atomic
def priority_program_update(
    *,
    actor: Any,
    program: PriorityProgram,
    name: str | None = None,
    kind: str | None = None,
    owner_unit: OrgUnit | None = None,
    description: str | None = None,
) -> PriorityProgram:
    tenant_id = authorize_tenant_wide(actor, program)
    program = PriorityProgram.objects.select_for_update().get(pk=program.pk)
    before = audit.model_snapshot(program, PROGRAM_FIELDS)
    errors: dict[str, list[str]] = {}
    if name is not None:
        _required(errors, name=name)
        program.name = name.strip()
    if kind is not None:
        if kind not in ProgramKind.values:
            errors["kind"] = [_("Pilih program atau gerakan.")]
        program.kind = kind
    if owner_unit is not None:
        _check_owner(tenant_id, owner_unit, errors)
        program.owner_unit = owner_unit
    if description is not None:
        program.description = description.strip()
    _raise(errors)
    after = audit.model_snapshot(program, PROGRAM_FIELDS)
    if after != before:
        program.save()
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="planning.program.updated",
            target=program,
            before=before,
            after=after,
        )
    return program


# -- OPD strategic targets ----------------------------------------------------------------------------


def _check_links(
    period: PlanPeriod,
    regional_target: RegionalTarget | None,
    priority_program: PriorityProgram | None,
    errors: dict[str, list[str]],
) -> None:
    if regional_target is not None and (
        regional_target.tenant_id != period.tenant_id or regional_target.goal.mission.period_id != period.pk
    ):
        errors.setdefault("regional_target", []).append(_("Sasaran RPJMD bukan dari periode ini."))
    if priority_program is not None and priority_program.period_id != period.pk:
        errors.setdefault("priority_program", []).append(_("Program prioritas bukan dari periode ini."))


@transaction.atomic
def strategic_target_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    period: PlanPeriod,
    code: str,
    text: str,
    regional_target: RegionalTarget | None = None,
    priority_program: PriorityProgram | None = None,
) -> StrategicTarget:
    """An OPD's strategic target, linked up to a regional target and/or a priority program."""
    authorize_unit(actor, org_unit)
    _same_tenant(org_unit.tenant_id, period)
    errors: dict[str, list[str]] = {}
    _required(errors, code=code, text=text)
    _check_links(period, regional_target, priority_program, errors)
    if code.strip() and StrategicTarget.objects.filter(period=period, org_unit=org_unit, code=code.strip()).exists():
        errors["code"] = [_("Kode %(code)s sudah dipakai di unit ini.") % {"code": code.strip()}]
    _raise(errors)
    target = StrategicTarget.objects.create(
        tenant_id=org_unit.tenant_id,
        org_unit=org_unit,
        period=period,
        code=code.strip(),
        text=text.strip(),
        regional_target=regional_target,
        priority_program=priority_program,
    )
    audit.record(
        actor=actor,
        tenant_id=target.tenant_id,
        action="planning.strategic_target.created",
        target=target,
        org_unit_path=org_unit.path,
        after=audit.model_snapshot(target, STRATEGIC_FIELDS),
    )
    return target


@transaction.atomic
def strategic_target_update(
    *,
    actor: Any,
    target: StrategicTarget,
    code: str | None = None,
    text: str | None = None,
    regional_target: RegionalTarget | None = None,
    priority_program: PriorityProgram | None = None,
    clear_regional_target: bool = False,
    clear_priority_program: bool = False,
) -> StrategicTarget:
    authorize_unit(actor, target.org_unit)
    target = StrategicTarget.objects.select_for_update().select_related("org_unit", "period").get(pk=target.pk)
    before = audit.model_snapshot(target, STRATEGIC_FIELDS)
    errors: dict[str, list[str]] = {}
    if text is not None:
        _required(errors, text=text)
        target.text = text.strip()
    if code is not None and code.strip() != target.code:
        _required(errors, code=code)
        if StrategicTarget.objects.filter(
            period_id=target.period_id, org_unit_id=target.org_unit_id, code=code.strip()
        ).exists():
            errors["code"] = [_("Kode %(code)s sudah dipakai di unit ini.") % {"code": code.strip()}]
        target.code = code.strip()
    if regional_target is not None or clear_regional_target:
        target.regional_target = regional_target
    if priority_program is not None or clear_priority_program:
        target.priority_program = priority_program
    _check_links(target.period, target.regional_target, target.priority_program, errors)
    _raise(errors)
    after = audit.model_snapshot(target, STRATEGIC_FIELDS)
    if after != before:
        target.save()
        audit.record(
            actor=actor,
            tenant_id=target.tenant_id,
            action="planning.strategic_target.updated",
            target=target,
            org_unit_path=target.org_unit.path,
            before=before,
            after=after,
        )
    return target
