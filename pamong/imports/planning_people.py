"""Planning an employee file: who to create or change, and which assignments to start or end.

The assignment rules are those of ``pamong.people.services.assignment_start``,
applied to the whole file at once: a row with KODE_JABATAN + JENIS_PENUGASAN +
TMT_JABATAN starts an assignment unless an identical one (same employee, post,
kind and start) exists. A definitive appointment ends the employee's previous
open definitive post the day before and makes the post the employee's own; a
post has at most one definitive holder and one acting holder (Plt/Plh) at a
time; a Plt only fills a vacancy. Every check sees the state *after* the file:
a rotation where A leaves post P and B takes it, both in the same file, is fine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from pamong.people.choices import AssignmentKind

from .planning import CanPlace, Create, Issues, Label, Plan, Update, diff, unique_rows
from .rows import EmployeeRow
from .state import AssignmentState, EmployeeState, PositionState, UnitState

DEFINITIVE = AssignmentKind.DEFINITIVE.value
ACTING = frozenset({AssignmentKind.PLT.value, AssignmentKind.PLH.value})
OPTIONAL_FIELDS = ("nip_lama", "front_title", "back_title", "kind", "grade", "email", "phone")
STORED_FIELDS = ("name", "org_unit_id", "position_id", *OPTIONAL_FIELDS)


@dataclass(frozen=True)
class NewAssignment:
    row: int
    nip: str
    employee_id: int | None
    position: PositionState
    kind: str
    starts_on: dt.date


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def plan_employees(
    rows: list[EmployeeRow],
    *,
    units: list[UnitState],
    positions: list[PositionState],
    employees: list[EmployeeState],
    assignments: list[AssignmentState],
    present: frozenset[str],
    can_place: CanPlace,
    label: Label,
) -> Plan:
    plan = Plan()
    issues = Issues(plan, label)
    units_by_code = {u.code: u for u in units}
    units_by_id = {u.id: u for u in units}
    positions_by_code = {p.code: p for p in positions}
    stored = {e.nip: e for e in employees}
    in_file = unique_rows(
        rows, issues, lambda r: r.nip, "nip", _("NIP ini sudah ada di baris %(row)d; setiap pegawai hanya satu baris.")
    )
    resolved: dict[str, tuple[UnitState, PositionState | None]] = {}
    for nip, r in in_file.items():
        existing = stored.get(nip)
        unit = units_by_code.get(r.unit_code)
        if existing is not None and not can_place(units_by_id[existing.org_unit_id].path):
            issues.add(r.row, "nip", nip, _("Pegawai ini terdaftar di unit di luar wewenang Anda."))
            continue
        if unit is None:
            issues.add(
                r.row,
                "unit_code",
                r.unit_code,
                _("Unit %(code)s tidak ditemukan. Impor unitnya terlebih dahulu.") % {"code": r.unit_code},
            )
            continue
        if not can_place(unit.path):
            issues.add(
                r.row,
                "unit_code",
                r.unit_code,
                _("Unit %(code)s berada di luar wewenang Anda.") % {"code": r.unit_code},
            )
            continue
        if unit.closed_on is not None and (existing is None or existing.org_unit_id != unit.id):
            issues.add(
                r.row,
                "unit_code",
                r.unit_code,
                _("Unit %(code)s sudah ditutup sejak %(date)s.") % {"code": r.unit_code, "date": _day(unit.closed_on)},
            )
        position = positions_by_code.get(r.position_code) if r.position_code else None
        if r.position_code and position is None:
            issues.add(
                r.row,
                "position_code",
                r.position_code,
                _("Jabatan %(code)s tidak ditemukan. Impor jabatannya terlebih dahulu.") % {"code": r.position_code},
            )
        elif position is not None:
            position_unit = units_by_id[position.org_unit_id]
            if not can_place(position_unit.path):
                issues.add(
                    r.row,
                    "position_code",
                    r.position_code,
                    _("Jabatan %(code)s berada di unit di luar wewenang Anda.") % {"code": r.position_code},
                )
            elif position.closed_on is not None and r.starts_on is not None and position.closed_on <= r.starts_on:
                issues.add(
                    r.row,
                    "position_code",
                    r.position_code,
                    _("Jabatan ini sudah ditutup sejak %(date)s.") % {"date": _day(position.closed_on)},
                )
            elif r.assignment_kind == DEFINITIVE and position.org_unit_id != unit.id:
                issues.add(
                    r.row,
                    "unit_code",
                    r.unit_code,
                    _("Jabatan definitif %(position)s berada di unit %(unit)s; isi %(column)s dengan %(unit)s.")
                    % {"position": position.code, "unit": position_unit.code, "column": label("unit_code")},
                )
        resolved[nip] = (unit, position)
    if plan.errors:
        return plan
    holds = _plan_assignments(in_file, resolved, stored, assignments, issues, plan)
    if plan.errors:
        return plan
    positions_by_id = {p.id: p for p in positions}
    for nip, r in in_file.items():
        existing = stored.get(nip)
        unit = resolved[nip][0]
        final: dict[str, Any] = {"name": r.name, "org_unit_id": unit.id}
        for name in OPTIONAL_FIELDS:
            if existing is None or name in present:
                final[name] = getattr(r, name)
        if nip in holds:
            final["position_id"] = holds[nip]
        if existing is None:
            values = {
                "position_id": None,
                **final,
                "nip": nip,
                "birth_date": r.birth_date,
                "gender": r.gender,
                "appointment_year": r.appointment_year,
                "appointment_month": r.appointment_month,
            }
            plan.creates.append(Create(nip, r.row, values))
            continue
        current = {name: getattr(existing, name) for name in STORED_FIELDS}
        changes = diff(current, final)
        for attname, name, lookup in (
            ("org_unit_id", "org_unit", units_by_id),
            ("position_id", "position", positions_by_id),
        ):
            if attname in changes:
                before, after = changes[attname]
                changes[name] = (
                    lookup[before].code if before is not None else None,
                    lookup[after].code if after is not None else None,
                )
        if changes:
            plan.updates.append(Update(existing.id, nip, r.row, {**current, **final}, changes))
        elif nip in plan.touched:
            pass
        else:
            plan.unchanged += 1
    plan.touched = {nip: row for nip, row in plan.touched.items() if nip not in {u.key for u in plan.updates}}
    return plan


def _plan_assignments(
    in_file: dict[str, EmployeeRow],
    resolved: dict[str, tuple[UnitState, PositionState | None]],
    stored: dict[str, EmployeeState],
    assignments: list[AssignmentState],
    issues: Issues,
    plan: Plan,
) -> dict[str, int]:
    """Fill ``plan.extra`` with the assignments to start and end; return NIP → post now held definitively."""
    identical = {(a.employee_id, a.position_id, a.kind, a.starts_on): a for a in assignments}
    definitive_of: dict[int, list[AssignmentState]] = {}
    on_position: dict[int, list[AssignmentState]] = {}
    for a in assignments:
        on_position.setdefault(a.position_id, []).append(a)
        if a.kind == DEFINITIVE:
            definitive_of.setdefault(a.employee_id, []).append(a)
    holds: dict[str, int] = {}
    planned: list[NewAssignment] = []
    for nip, r in in_file.items():
        position = resolved[nip][1]
        if position is None or r.starts_on is None:
            continue
        existing = stored.get(nip)
        employee_id = existing.id if existing is not None else None
        same = identical.get((employee_id, position.id, r.assignment_kind, r.starts_on)) if employee_id else None
        if same is not None:
            if r.assignment_kind == DEFINITIVE and same.ends_on is None:
                holds[nip] = position.id
            continue
        planned.append(NewAssignment(r.row, nip, employee_id, position, r.assignment_kind, r.starts_on))
        if r.assignment_kind == DEFINITIVE:
            holds[nip] = position.id
    final_end: dict[int, dt.date | None] = {a.id: a.ends_on for a in assignments}
    ended: dict[int, dt.date] = {}
    for p in planned:
        if p.kind != DEFINITIVE or p.employee_id is None:
            continue
        own = definitive_of.get(p.employee_id, [])
        for a in own:
            if a.ends_on is None and a.starts_on < p.starts_on:
                final_end[a.id] = ended[a.id] = p.starts_on - dt.timedelta(days=1)
        clash = next((a for a in own if final_end[a.id] is None or final_end[a.id] >= p.starts_on), None)  # type: ignore[operator]
        if clash is not None:
            issues.add(
                p.row,
                "starts_on",
                _day(p.starts_on),
                _(
                    "Pegawai ini sudah memiliki jabatan definitif pada periode tersebut (sejak %(date)s); koreksi TMT "
                    "penugasan yang ada dilakukan di halaman pegawai, bukan lewat impor."
                )
                % {"date": _day(clash.starts_on)},
            )
    names = {nip: r.name for nip, r in in_file.items()}
    first_planned: dict[tuple[int, str], NewAssignment] = {}
    for p in planned:
        others = [
            a
            for a in on_position.get(p.position.id, [])
            if a.employee_id != p.employee_id and (final_end[a.id] is None or final_end[a.id] >= p.starts_on)  # type: ignore[operator]
        ]
        holder = next((a for a in others if a.kind == DEFINITIVE), None)
        acting = next((a for a in others if a.kind in ACTING), None)
        rival_definitive = first_planned.get((p.position.id, DEFINITIVE))
        rival_acting = first_planned.get((p.position.id, "acting"))
        if p.kind == DEFINITIVE:
            if holder is not None:
                _post_error(
                    issues,
                    p,
                    _(
                        "Jabatan %(position)s dijabat definitif oleh %(name)s sejak %(date)s; akhiri penugasan "
                        "itu dahulu atau sertakan perpindahannya di berkas ini."
                    )
                    % {"position": p.position.code, "name": holder.employee_name, "date": _day(holder.starts_on)},
                )
            elif rival_definitive is not None:
                _post_error(
                    issues,
                    p,
                    _("Jabatan %(position)s juga diisi definitif oleh NIP %(nip)s di baris %(row)d.")
                    % {"position": p.position.code, "nip": rival_definitive.nip, "row": rival_definitive.row},
                )
            first_planned.setdefault((p.position.id, DEFINITIVE), p)
            continue
        if p.kind == AssignmentKind.PLT and (holder is not None or rival_definitive is not None):
            name = holder.employee_name if holder is not None else names[rival_definitive.nip]  # type: ignore[union-attr]
            _post_error(
                issues,
                p,
                _("Plt hanya untuk jabatan yang lowong; jabatan ini dijabat definitif oleh %(name)s. Gunakan Plh.")
                % {"name": name},
            )
        elif acting is not None:
            _post_error(
                issues,
                p,
                _("Jabatan ini sudah memiliki %(kind)s: %(name)s pada periode yang sama.")
                % {"kind": AssignmentKind(acting.kind).label, "name": acting.employee_name},
            )
        elif rival_acting is not None:
            _post_error(
                issues,
                p,
                _("Jabatan ini juga diisi %(kind)s oleh NIP %(nip)s di baris %(row)d.")
                % {"kind": AssignmentKind(rival_acting.kind).label, "nip": rival_acting.nip, "row": rival_acting.row},
            )
        first_planned.setdefault((p.position.id, "acting"), p)
    plan.extra["new_assignments"] = planned
    plan.extra["ended_assignments"] = ended
    # An assignment ended is always the previous post of an employee with a planned one: touched already.
    for p in planned:
        if p.employee_id is not None:
            plan.touched[p.nip] = p.row
    return holds


def _post_error(issues: Issues, p: NewAssignment, message: str) -> None:
    issues.add(p.row, "position_code", p.position.code, message)
