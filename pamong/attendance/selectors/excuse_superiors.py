"""Who decides an excuse: the employee's direct superior, resolved for many excuses in a fixed number of queries.

The direct superior is the head (definitive, else Plt) of the employee's unit on the excuse's first day; when
the employee is that head himself, the head of the parent unit. A vacant post, or a head without a user
account, passes the decision further up the tree. Nobody found up to the root: only BKPSDM
(``attendance.manage``) decides (ADR 0028).

One query whatever the number of excuses: the head assignments of every unit on the excuses' paths over
the span of their first days, with each head's user id and unit name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pamong.org.models import PATH_SEPARATOR
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment

#: Who may decide as the head of a unit: the definitive holder first, then the Plt (a Plh does not).
_DECIDING_KINDS = (AssignmentKind.DEFINITIVE, AssignmentKind.PLT)


@dataclass(frozen=True, slots=True)
class SuperiorQuery:
    """One employee (in the unit at ``unit_path``) on ``day``: whose superior is wanted."""

    employee_id: int
    unit_path: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class Superior:
    """The direct superior: the head of ``unit_id`` (``kind`` definitive or Plt) and the users who may decide."""

    unit_id: int
    unit_name: str
    employee_id: int
    employee_name: str
    kind: str
    user_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class _Head:
    unit_id: int
    employee_id: int
    employee_name: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None
    user_id: int | None

    def holds_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def unit_chain(path: str) -> list[int]:
    """The unit ids of a materialised path, the unit itself first, the root last."""
    return [int(segment) for segment in path.split(PATH_SEPARATOR) if segment][::-1]


def _resolve(query: SuperiorQuery, heads: dict[int, list[_Head]], names: dict[int, str]) -> Superior | None:
    chain = unit_chain(query.unit_path)
    if not chain:
        return None
    own = [h for h in heads.get(chain[0], ()) if h.holds_on(query.day) and h.employee_id == query.employee_id]
    if own:  # the employee heads his own unit: his superior is the parent unit's head
        chain = chain[1:]
    for unit_id in chain:
        holding = [
            h
            for h in heads.get(unit_id, ())
            if h.holds_on(query.day) and h.employee_id != query.employee_id and h.user_id is not None
        ]
        for kind in _DECIDING_KINDS:
            of_kind = [h for h in holding if h.kind == kind]
            if of_kind:
                first = of_kind[0]
                return Superior(
                    unit_id=unit_id,
                    unit_name=names.get(unit_id, ""),
                    employee_id=first.employee_id,
                    employee_name=first.employee_name,
                    kind=kind,
                    user_ids=frozenset(h.user_id for h in of_kind if h.user_id is not None),
                )
    return None


def direct_superiors(*, tenant_id: int, queries: Iterable[SuperiorQuery]) -> dict[SuperiorQuery, Superior | None]:
    """The direct superior of each query (None: nobody up the tree; BKPSDM decides). One query."""
    wanted: Sequence[SuperiorQuery] = list(dict.fromkeys(queries))
    if not wanted:
        return {}
    unit_ids = {uid for q in wanted for uid in unit_chain(q.unit_path)}
    first, last = min(q.day for q in wanted), max(q.day for q in wanted)
    rows = (
        Assignment.objects.filter(
            tenant_id=tenant_id,
            position__org_unit_id__in=unit_ids,
            position__is_head=True,
            kind__in=_DECIDING_KINDS,
            starts_on__lte=last,
        )
        .exclude(ends_on__lt=first)
        .order_by("starts_on", "pk")
        .values_list(
            "position__org_unit_id",
            "employee_id",
            "employee__name",
            "kind",
            "starts_on",
            "ends_on",
            "employee__user__id",
            "position__org_unit__name",
        )
    )
    heads: dict[int, list[_Head]] = {}
    names: dict[int, str] = {}
    for unit_id, employee_id, name, kind, starts_on, ends_on, user_id, unit_name in rows:
        heads.setdefault(unit_id, []).append(_Head(unit_id, employee_id, name, kind, starts_on, ends_on, user_id))
        names[unit_id] = unit_name
    return {q: _resolve(q, heads, names) for q in wanted}


def direct_superior(*, tenant_id: int, employee_id: int, unit_path: str, day: dt.date) -> Superior | None:
    """The direct superior of one employee on ``day`` (see ``direct_superiors``)."""
    query = SuperiorQuery(employee_id, unit_path, day)
    return direct_superiors(tenant_id=tenant_id, queries=[query])[query]
