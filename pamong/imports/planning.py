"""From parsed rows and the stored state to a plan: what to create, what to change, and every error.

Planning is pure Python over the dataclasses the selectors load (no query here),
so the same function checks a file in the validating phase and re-plans it
inside the apply transaction against fresh data. Cross-row checks are set-based:
duplicate keys within the file, codes resolved against the file plus the stored
rows, parent cycles, one open head per unit, and the actor's scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from pamong.org.choices import OrgUnitKind

from .report import RowError
from .rows import EmployeeRow, PositionRow, UnitRow
from .state import PositionState, UnitState

Label = Callable[[str], str]
CanPlace = Callable[[str], bool]
R = TypeVar("R", bound=UnitRow | PositionRow | EmployeeRow)


@dataclass(frozen=True)
class Create:
    key: str
    row: int
    values: dict[str, Any]


@dataclass(frozen=True)
class Update:
    """A stored row to change: ``values`` holds every managed field's final value, ``changes`` the differences."""

    pk: int
    key: str
    row: int
    values: dict[str, Any]
    changes: dict[str, tuple[Any, Any]]


@dataclass
class Plan:
    creates: list[Create] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Stored rows changed without a field of their own changing (an employee's new assignment): key -> row.
    touched: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def created(self) -> int:
        return len(self.creates)

    @property
    def updated(self) -> int:
        return len(self.updates) + len(self.touched)


def changed_fields(updates: Iterable[Update]) -> list[str]:
    """The stored fields any of ``updates`` changes (``bulk_update`` writes these for all of them)."""
    names: dict[str, None] = {}
    for update in updates:
        names.update(dict.fromkeys(name for name in update.values if name in update.changes))
    return list(names)


class Issues:
    """Collects errors against the file's own column headers."""

    def __init__(self, plan: Plan, label: Label) -> None:
        self.plan = plan
        self.label = label

    def add(self, row: int, key: str, value: object, message: str) -> None:
        self.plan.errors.append(RowError(row, self.label(key), "" if value is None else str(value), message))


def unique_rows(rows: Iterable[R], issues: Issues, key: Callable[[R], str], column: str, message: str) -> dict[str, R]:
    """The first row of every key; later rows with the same key are errors naming the first row."""
    first: dict[str, R] = {}
    for row in rows:
        value = key(row)
        if value in first:
            issues.add(row.row, column, value, message % {"row": first[value].row})
        else:
            first[value] = row
    return first


def diff(current: dict[str, Any], final: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {name: (current[name], value) for name, value in final.items() if current[name] != value}


# --------------------------------------------------------------------- units --


def plan_units(
    rows: list[UnitRow],
    *,
    units: list[UnitState],
    clusters: dict[str, int],
    present: frozenset[str],
    can_place: CanPlace,
    label: Label,
) -> Plan:
    plan = Plan()
    issues = Issues(plan, label)
    by_code = {u.code: u for u in units}
    by_id = {u.id: u for u in units}
    root = next((u for u in units if u.parent_id is None), None)
    if root is None:
        issues.add(1, "code", "", _("Pemerintah daerah ini belum memiliki unit akar; hubungi admin platform."))
        return plan
    cluster_codes = {pk: code for code, pk in clusters.items()}
    in_file = unique_rows(
        rows,
        issues,
        lambda r: r.code,
        "code",
        _("Kode unor ini sudah dipakai di baris %(row)d; setiap unit hanya satu baris."),
    )
    stored_parent: dict[str, str | None] = {u.code: (by_id[u.parent_id].code if u.parent_id else None) for u in units}
    parent_of = dict(stored_parent)
    closed_of = {u.code: u.closed_on for u in units}
    for code, r in in_file.items():
        existing = by_code.get(code)
        if code == root.code:
            if "parent_code" in present and r.parent_code:
                issues.add(
                    r.row,
                    "parent_code",
                    r.parent_code,
                    _("Unit akar pemerintah daerah tidak memiliki induk; kosongkan."),
                )
            if r.kind != OrgUnitKind.REGION:
                issues.add(r.row, "kind", r.kind, _("Unit akar harus berjenis Pemerintah daerah."))
        elif r.kind == OrgUnitKind.REGION:
            issues.add(
                r.row,
                "kind",
                r.kind,
                _("Jenis Pemerintah daerah hanya untuk unit akar (kode %(code)s).") % {"code": root.code},
            )
        if code != root.code:
            if "parent_code" in present:
                parent_of[code] = r.parent_code or root.code
            elif existing is None:
                parent_of[code] = root.code
        if "closed_on" in present:
            closed_of[code] = r.closed_on
        parent = parent_of.get(code)
        if parent is not None and parent not in by_code and parent not in in_file:
            issues.add(
                r.row,
                "parent_code",
                parent,
                _("Unit induk %(code)s tidak ditemukan, baik di berkas ini maupun di data yang ada.")
                % {"code": parent},
            )
            parent_of[code] = None
        if r.cluster_code and r.cluster_code not in clusters:
            issues.add(
                r.row,
                "cluster_code",
                r.cluster_code,
                _("Klaster Asisten %(code)s belum terdaftar; daftarkan dahulu atau kosongkan.")
                % {"code": r.cluster_code},
            )
        if existing and r.closed_on and existing.opened_on and r.closed_on < existing.opened_on:
            issues.add(
                r.row,
                "closed_on",
                r.closed_on.strftime("%d/%m/%Y"),
                _("Tanggal tutup sebelum tanggal pembentukan unit."),
            )
    if plan.errors:
        return plan
    _check_cycles(in_file, parent_of, issues)
    if plan.errors:
        return plan
    _check_closing(in_file, by_code, stored_parent, parent_of, closed_of, issues, present)
    _check_unit_scope(in_file, by_code, parent_of, root, can_place, issues)
    if plan.errors:
        return plan
    depth_of: dict[str, int] = {}

    def depth(code: str) -> int:
        if code not in depth_of:
            parent = parent_of.get(code)
            depth_of[code] = 0 if parent is None else depth(parent) + 1
        return depth_of[code]

    for code, r in in_file.items():
        existing = by_code.get(code)
        final: dict[str, Any] = {"name": r.name, "kind": r.kind, "parent_code": parent_of.get(code)}
        if existing is None or "short_name" in present:
            final["short_name"] = r.short_name
        if existing is None or "cluster_code" in present:
            final["cluster_id"] = clusters.get(r.cluster_code) if r.cluster_code else None
        if existing is None or "closed_on" in present:
            final["closed_on"] = r.closed_on
        if existing is None:
            plan.creates.append(Create(code, r.row, {**final, "code": code, "depth": depth(code)}))
            continue
        current = {
            "name": existing.name,
            "kind": existing.kind,
            "parent_code": stored_parent.get(code),
            "short_name": existing.short_name,
            "cluster_id": existing.cluster_id,
            "closed_on": existing.closed_on,
        }
        changes = diff(current, final)
        if "cluster_id" in changes:
            before, after = changes.pop("cluster_id")
            changes["cluster_id"] = (cluster_codes.get(before), cluster_codes.get(after))
        if changes:
            plan.updates.append(Update(existing.id, code, r.row, {**current, **final}, changes))
        else:
            plan.unchanged += 1
    plan.creates.sort(key=lambda c: c.values["depth"])
    return plan


def _check_cycles(in_file: dict[str, UnitRow], parent_of: dict[str, str | None], issues: Issues) -> None:
    done: set[str] = set()
    for start in in_file:
        trail: list[str] = []
        on_trail: set[str] = set()
        code: str | None = start
        while code is not None and code not in done:
            if code in on_trail:
                cycle = trail[trail.index(code) :] + [code]
                for member in cycle[:-1]:
                    if member in in_file:
                        issues.add(
                            in_file[member].row,
                            "parent_code",
                            parent_of.get(member),
                            _("Induk unit membentuk lingkaran: %(cycle)s.") % {"cycle": " → ".join(cycle)},
                        )
                break
            trail.append(code)
            on_trail.add(code)
            code = parent_of.get(code)
        done.update(trail)


def _check_closing(
    in_file: dict[str, UnitRow],
    by_code: dict[str, UnitState],
    stored_parent: dict[str, str | None],
    parent_of: dict[str, str | None],
    closed_of: dict[str, Any],
    issues: Issues,
    present: frozenset[str],
) -> None:
    """A unit closes only without open sub-units; a unit placed or reopened under a closed one is refused."""
    children: dict[str, list[str]] = {}
    for code, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(code)
    for code, r in in_file.items():
        existing = by_code.get(code)
        closed = closed_of.get(code)
        if "closed_on" in present and closed is not None and (existing is None or existing.closed_on is None):
            open_children = sorted(c for c in children.get(code, []) if closed_of.get(c) is None)
            if open_children:
                issues.add(
                    r.row,
                    "closed_on",
                    closed.strftime("%d/%m/%Y"),
                    _("Unit ini masih memiliki sub-unit aktif (%(codes)s); tutup atau pindahkan dahulu.")
                    % {"codes": ", ".join(open_children[:10])},
                )
        parent = parent_of.get(code)
        placed = (
            existing is None or parent != stored_parent.get(code) or (existing.closed_on is not None and closed is None)
        )
        if placed and closed is None and parent is not None and closed_of.get(parent) is not None:
            issues.add(r.row, "parent_code", parent, _("Unit induk %(code)s sudah ditutup.") % {"code": parent})


def _check_unit_scope(
    in_file: dict[str, UnitRow],
    by_code: dict[str, UnitState],
    parent_of: dict[str, str | None],
    root: UnitState,
    can_place: CanPlace,
    issues: Issues,
) -> None:
    def nearest_stored_path(code: str | None) -> str:
        seen: set[str] = set()
        while code is not None and code not in seen:
            if code in by_code:
                return by_code[code].path
            seen.add(code)
            code = parent_of.get(code)
        return root.path

    for code, r in in_file.items():
        existing = by_code.get(code)
        if existing is not None and not can_place(existing.path):
            issues.add(r.row, "code", code, _("Unit ini berada di luar wewenang Anda."))
            continue
        parent = parent_of.get(code)
        if parent is not None and not can_place(nearest_stored_path(parent)):
            issues.add(
                r.row, "parent_code", parent, _("Unit induk %(code)s berada di luar wewenang Anda.") % {"code": parent}
            )


# ----------------------------------------------------------------- positions --


def plan_positions(
    rows: list[PositionRow],
    *,
    units: list[UnitState],
    positions: list[PositionState],
    present: frozenset[str],
    can_place: CanPlace,
    label: Label,
) -> Plan:
    plan = Plan()
    issues = Issues(plan, label)
    units_by_code = {u.code: u for u in units}
    units_by_id = {u.id: u for u in units}
    stored = {p.code: p for p in positions}
    in_file = unique_rows(
        rows,
        issues,
        lambda r: r.code,
        "code",
        _("Kode jabatan ini sudah dipakai di baris %(row)d; setiap jabatan hanya satu baris."),
    )
    unit_of: dict[str, UnitState] = {}
    for code, r in in_file.items():
        existing = stored.get(code)
        unit = units_by_code.get(r.unit_code)
        if unit is None:
            issues.add(
                r.row,
                "unit_code",
                r.unit_code,
                _("Unit %(code)s tidak ditemukan. Impor unitnya terlebih dahulu.") % {"code": r.unit_code},
            )
            continue
        unit_of[code] = unit
        moved = existing is None or existing.org_unit_id != unit.id
        if moved and unit.closed_on is not None:
            issues.add(
                r.row,
                "unit_code",
                r.unit_code,
                _("Unit %(code)s sudah ditutup sejak %(date)s.")
                % {"code": r.unit_code, "date": unit.closed_on.strftime("%d/%m/%Y")},
            )
        if existing is not None and not can_place(units_by_id[existing.org_unit_id].path):
            issues.add(r.row, "code", code, _("Jabatan ini berada di unit di luar wewenang Anda."))
        elif not can_place(unit.path):
            issues.add(
                r.row,
                "unit_code",
                r.unit_code,
                _("Unit %(code)s berada di luar wewenang Anda.") % {"code": r.unit_code},
            )
    if plan.errors:
        return plan
    _check_heads(in_file, stored, unit_of, units_by_id, present, issues)
    if plan.errors:
        return plan
    for code, r in in_file.items():
        existing = stored.get(code)
        final: dict[str, Any] = {
            "name": r.name,
            "org_unit_id": unit_of[code].id,
            "position_type": r.position_type,
            "eselon": r.eselon,
        }
        for name in ("job_class", "duties", "is_head"):
            if existing is None or name in present:
                final[name] = getattr(r, name)
        if existing is None:
            plan.creates.append(Create(code, r.row, {**final, "code": code}))
            continue
        current = {
            name: getattr(existing, name)
            for name in ("name", "org_unit_id", "position_type", "eselon", "job_class", "duties", "is_head")
        }
        changes = diff(current, final)
        if "org_unit_id" in changes:
            before, after = changes.pop("org_unit_id")
            changes["org_unit"] = (units_by_id[before].code, units_by_id[after].code)
            changes["org_unit_id"] = (before, after)
        if changes:
            plan.updates.append(Update(existing.id, code, r.row, {**current, **final}, changes))
        else:
            plan.unchanged += 1
    return plan


def _check_heads(
    in_file: dict[str, PositionRow],
    stored: dict[str, PositionState],
    unit_of: dict[str, UnitState],
    units_by_id: dict[int, UnitState],
    present: frozenset[str],
    issues: Issues,
) -> None:
    """At most one open head post per unit once the file is applied (a database constraint too)."""
    heads: dict[int, list[str]] = {}
    for code, position in stored.items():
        if code not in in_file and position.is_head and position.closed_on is None:
            heads.setdefault(position.org_unit_id, []).append(code)
    for code, r in in_file.items():
        existing = stored.get(code)
        is_head = r.is_head if "is_head" in present or existing is None else existing.is_head
        if is_head and (existing is None or existing.closed_on is None):
            heads.setdefault(unit_of[code].id, []).append(code)
    names = {
        code: (in_file[code].name if code in in_file else stored[code].name)
        for codes in heads.values()
        for code in codes
    }
    for unit_id, codes in heads.items():
        if len(codes) < 2:
            continue
        for code in codes:
            if code not in in_file:
                continue
            others = ", ".join(f"{c} ({names[c]})" for c in codes if c != code)
            issues.add(
                in_file[code].row,
                "is_head",
                "Y",
                _("Unit %(unit)s sudah memiliki jabatan kepala lain: %(others)s. Satu unit hanya boleh satu kepala.")
                % {"unit": units_by_id[unit_id].code, "others": others},
            )
