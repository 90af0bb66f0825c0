"""Who heads a unit on a day, for many units at once (the register's subject and whom to notify)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from pamong.access.models import User
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment

_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


@dataclass
class UnitHeads:
    """The heads of one unit on a day: the employee who answers for it (definitive first) and their logins."""

    employee_id: int | None = None
    users: list[User] = field(default_factory=list)


def heads_by_unit(*, tenant_id: int, unit_ids: Iterable[int], day: dt.date) -> dict[int, UnitHeads]:
    """Every unit's head on ``day`` (definitive, else Plt, else Plh) and the accounts of all of them: two
    queries."""
    rows = list(
        Assignment.objects.on(day)
        .filter(tenant_id=tenant_id, position__is_head=True, position__org_unit_id__in=list(unit_ids))
        .values_list("position__org_unit_id", "employee_id", "kind")
    )
    rows.sort(key=lambda r: _ORDER.get(AssignmentKind(r[2]), 9))
    users: dict[int, list[User]] = {}
    for user in User.objects.filter(tenant_id=tenant_id, is_active=True, employee_id__in=[r[1] for r in rows]):
        users.setdefault(user.employee_id or 0, []).append(user)
    result: dict[int, UnitHeads] = {}
    for unit_id, employee_id, _kind in rows:
        heads = result.setdefault(unit_id, UnitHeads())
        if heads.employee_id is None:
            heads.employee_id = employee_id
        heads.users.extend(users.get(employee_id, []))
    return result
