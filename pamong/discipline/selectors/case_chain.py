"""The chain of officials above an examinee, for the PYBMH check (``rules.authority.check_decider``).

Walks the examinee's unit path from his own unit to the root (``excuse_superiors.unit_chain``): at each unit
the head on the day (the definitive holder, else the Plt), skipping the examinee himself and vacant posts,
with the authority of the head post's position type (``rules.authority.AUTHORITY_OF_POST``; a Pelaksana or
JF post carries none and is skipped). One query whatever the depth of the tree.
"""

from __future__ import annotations

import datetime as dt

from pamong.attendance.selectors.excuse_superiors import unit_chain
from pamong.org.rules.echelons import PositionType
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment

from ..rules.authority import AUTHORITY_OF_POST, Official

_KINDS = (AssignmentKind.DEFINITIVE, AssignmentKind.PLT)


def officials_above(*, tenant_id: int, employee_id: int, unit_path: str, day: dt.date) -> list[Official]:
    """The heads up the chain of ``unit_path`` on ``day`` (direct superior first), each with his authority."""
    units = unit_chain(unit_path)
    if not units:
        return []
    rows = (
        Assignment.objects.filter(
            tenant_id=tenant_id,
            position__org_unit_id__in=units,
            position__is_head=True,
            kind__in=_KINDS,
            starts_on__lte=day,
        )
        .exclude(ends_on__lt=day)
        .exclude(employee_id=employee_id)
        .order_by("starts_on", "pk")
        .values_list("position__org_unit_id", "employee_id", "employee__name", "kind", "position__position_type")
    )
    by_unit: dict[int, list[tuple[int, str, str, str]]] = {}
    for unit_id, head_id, name, kind, ptype in rows:
        by_unit.setdefault(unit_id, []).append((head_id, name, kind, ptype))
    chain: list[Official] = []
    for unit_id in units:
        heads = by_unit.get(unit_id, [])
        for kind in _KINDS:
            found = [h for h in heads if h[2] == kind]
            if not found:
                continue
            head_id, name, _kind, ptype = found[0]
            authority = AUTHORITY_OF_POST.get(PositionType(ptype)) if ptype else None
            if authority is not None:
                chain.append(Official(ref=head_id, authority=authority, name=name))
            break
    return chain
