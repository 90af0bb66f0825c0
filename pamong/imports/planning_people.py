"""Planning an employee file: who to create or change, and which assignments to start or end.

A row with KODE_JABATAN + JENIS_PENUGASAN + TMT_JABATAN starts an assignment
unless an identical one (same employee, post, kind and start) exists. Whether it
may is decided by ``pamong.people.rules.assignments.check_assignment``, the rule
the employee page (``assignment_start``) applies too (ADR 0010), once per row
against holdings loaded for the whole file at once: structural posts have one
definitive and one acting holder, shared posts any number; a Plt fills a
vacancy, a Plh stands in for a definitive holder; a definitive appointment ends
the employee's previous open definitive post the day before and becomes the
employee's own post once its TMT has come (the nightly ``people_sync_posts``
moves the employee for a future TMT). Every check sees the state *after* the
file: a rotation where A leaves post P and B takes it, both in the same file, is
fine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from pamong.core.i18n import localized
from pamong.people.choices import AssignmentKind
from pamong.people.rules.assignments import (
    Holding,
    Proposal,
    Refusal,
    RefusalCode,
    check_assignment,
    superseded,
    takes_effect_now,
)

from .planning import CanPlace, Create, Issues, Label, Plan, Update, diff, unique_rows
from .rows import EmployeeRow
from .state import AssignmentState, EmployeeState, PositionState, UnitState

DEFINITIVE = AssignmentKind.DEFINITIVE.value
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


@dataclass
class Posts:
    """Where the file leaves each employee's own post: in force today, or waiting for its TMT."""

    now: dict[str, int] = field(default_factory=dict)  # NIP -> post held definitively from today
    pending: set[str] = field(default_factory=set)  # NIPs whose new definitive post starts after today

    def record(self, nip: str, position_id: int, *, starts_on: dt.date, today: dt.date) -> None:
        if takes_effect_now(starts_on, today):
            self.now[nip] = position_id
        else:
            self.pending.add(nip)


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
    today: dt.date,
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
    posts = _plan_assignments(in_file, resolved, stored, assignments, issues, plan, today)
    if plan.errors:
        return plan
    positions_by_id = {p.id: p for p in positions}
    for nip, r in in_file.items():
        existing = stored.get(nip)
        unit = resolved[nip][0]
        final: dict[str, Any] = {"name": r.name, "org_unit_id": unit.id}
        if nip in posts.pending and existing is not None:
            # A future TMT: the employee stays where they are until people_sync_posts moves them on the day.
            final["org_unit_id"] = existing.org_unit_id
        for name in OPTIONAL_FIELDS:
            if existing is None or name in present:
                final[name] = getattr(r, name)
        if nip in posts.now:
            final["position_id"] = posts.now[nip]
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
    today: dt.date,
) -> Posts:
    """Fill ``plan.extra`` with the assignments to start and end; return where each employee stands today.

    Each new assignment is decided by ``check_assignment`` against the state after
    the file: stored holdings of the post end where the file moves their holders
    away, and earlier rows of the file that take the same post count as holders.
    """
    identical = {(a.employee_id, a.position_id, a.kind, a.starts_on): a for a in assignments}
    of_employee: dict[int, list[Holding]] = {}
    on_position: dict[int, list[AssignmentState]] = {}
    for a in assignments:
        on_position.setdefault(a.position_id, []).append(a)
        if a.kind == DEFINITIVE:
            of_employee.setdefault(a.employee_id, []).append(_holding(a, a.ends_on))
    posts = Posts()
    planned: list[NewAssignment] = []
    for nip, r in in_file.items():
        position = resolved[nip][1]
        if position is None or r.starts_on is None:
            continue
        existing = stored.get(nip)
        employee_id = existing.id if existing is not None else None
        same = identical.get((employee_id, position.id, r.assignment_kind, r.starts_on)) if employee_id else None
        if same is None:
            planned.append(NewAssignment(r.row, nip, employee_id, position, r.assignment_kind, r.starts_on))
        elif same.kind == DEFINITIVE and same.ends_on is None:
            posts.record(nip, position.id, starts_on=same.starts_on, today=today)
    proposals = {
        p.row: Proposal(_employee_key(p), p.kind, p.starts_on, None, p.position.is_structural) for p in planned
    }
    # First the whole file's moves: a post a holder leaves in this file is free from the day of the move.
    final_end: dict[int, dt.date | None] = {a.id: a.ends_on for a in assignments}
    for p in planned:
        if p.employee_id is not None:
            for ending in superseded(proposals[p.row], holdings_of_employee=of_employee.get(p.employee_id, [])):
                if ending.holding.assignment_id is not None:
                    final_end[ending.holding.assignment_id] = ending.ends_on
    names = {a.id: a.employee_name for a in assignments}
    from_file: dict[int, list[Holding]] = {}
    labels: dict[int, str] = {}
    ended: dict[int, dt.date] = {}
    for p in planned:
        proposal = proposals[p.row]
        # Shared posts take any number of holders: only a structural post's holders are looked at.
        of_post: list[Holding] = []
        if p.position.is_structural:
            of_post = [_holding(a, final_end[a.id]) for a in on_position.get(p.position.id, [])]
            of_post += from_file.get(p.position.id, [])
        decision = check_assignment(
            proposal,
            holdings_of_post=of_post,
            holdings_of_employee=of_employee.get(p.employee_id, []) if p.employee_id is not None else [],
        )
        if isinstance(decision, Refusal):
            _refuse(issues, p, decision, _holder_name(decision.holder, names, labels))
            continue
        if p.position.is_structural:
            # Later rows meet this one as a holder of the post (a refused row holds nothing).
            from_file.setdefault(p.position.id, []).append(Holding(proposal.employee_id, p.kind, p.starts_on, None))
            labels[proposal.employee_id] = _("%(name)s (NIP %(nip)s, baris %(row)d)") % {
                "name": in_file[p.nip].name,
                "nip": p.nip,
                "row": p.row,
            }
        ended.update({e.holding.assignment_id: e.ends_on for e in decision.ends if e.holding.assignment_id is not None})
        if decision.moves_employee_on is not None:
            posts.record(p.nip, p.position.id, starts_on=decision.moves_employee_on, today=today)
    plan.extra["new_assignments"] = planned
    plan.extra["ended_assignments"] = ended
    # An assignment ended is always the previous post of an employee with a planned one: touched already.
    for p in planned:
        if p.employee_id is not None:
            plan.touched[p.nip] = p.row
    return posts


def _employee_key(p: NewAssignment) -> int:
    """The employee as the rules see them: the stored id, or minus the row for one the file creates."""
    return p.employee_id if p.employee_id is not None else -p.row


def _holding(a: AssignmentState, ends_on: dt.date | None) -> Holding:
    return Holding(a.employee_id, a.kind, a.starts_on, ends_on, a.id)


# The input each refusal of rules.assignments asks to change, as a column of the file.
REFUSAL_COLUMNS = {
    "starts_on": "starts_on",
    "ends_on": "starts_on",
    "kind": "assignment_kind",
    "position": "position_code",
}


def _holder_name(holder: Holding | None, names: dict[int, str], labels: dict[int, str]) -> str:
    """A stored holder's name, or the name, NIP and row of a holder planned earlier in the file."""
    if holder is None:
        return ""
    if holder.assignment_id is None:
        return labels[holder.employee_id]
    return names[holder.assignment_id]


def _refuse(issues: Issues, p: NewAssignment, refusal: Refusal, name: str) -> None:
    """Report a refusal of ``check_assignment`` in the column of the input to change, with the import's hint."""
    column = REFUSAL_COLUMNS[refusal.field]
    value = {
        "starts_on": _day(p.starts_on),
        "assignment_kind": AssignmentKind(p.kind).label,
        "position_code": p.position.code,
    }[column]
    message = localized(refusal.named(name))
    from_file = refusal.holder is not None and refusal.holder.assignment_id is None
    if refusal.code == RefusalCode.POST_HELD and from_file:
        message = (
            f"{message} {_('Jabatan struktural hanya untuk satu pejabat definitif: pertahankan salah satu baris.')}"
        )
    elif refusal.code == RefusalCode.POST_HELD:
        message = f"{message} {_('Perpindahan pejabat tersebut juga dapat dimuat di berkas ini.')}"
    elif refusal.code == RefusalCode.EMPLOYEE_HOLDS_DEFINITIVE:
        message = f"{message} {_('Untuk koreksi TMT penugasan yang ada, gunakan halaman pegawai, bukan impor.')}"
    issues.add(p.row, column, value, message)
