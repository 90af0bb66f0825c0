"""Active sedang and berat sanctions, for the modules that act on them.

``active_sanctions(tenant_id=..., employee_ids=..., on=...)`` answers, in ONE query, which of the given
employees serve a sedang or berat hukuman disiplin on ``on``: a decided case whose decision took effect
on or before that day and whose ``ends_on`` is on or after it (an untimed sanction, B3, counts on its
effective day only). Annulled decisions (the case closed on appeal) never count; the sanction after a
lightened or heavier appeal is the one returned.

Used by later modules, not by the discipline pages:

- TPP (tunjangan kinerja) cuts of the sedang sanctions, once the pay PP is in force;
- KGB and KP holds (``blocks_pay_step_and_rank``: every sedang and berat sanction, PerBKN 6/2022 Pasal 55);
- talent management (an employee under sanction is not promoted).

No actor: the caller is a service that has already authorised what it does with the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..choices import CaseStatus
from ..models import Decision
from ..rules.sanctions import Level, Sanction, blocks_pay_step_and_rank

#: Case statuses in which a decision has taken effect (ended ones still answer for past days).
_IN_FORCE = (CaseStatus.EFFECTIVE, CaseStatus.ENDED)
_SEDANG_BERAT = [s.value for s in Sanction if s.level >= Level.SEDANG]


@dataclass(frozen=True, slots=True)
class ActiveSanction:
    employee_id: int
    case_id: int
    case_number: str
    sanction: Sanction
    executed: str
    effective_on: dt.date
    ends_on: dt.date

    @property
    def level(self) -> Level:
        return self.sanction.level

    @property
    def blocks_pay_step_and_rank(self) -> bool:
        return blocks_pay_step_and_rank(self.sanction)


def active_sanctions(*, tenant_id: int, employee_ids: Iterable[int], on: dt.date) -> dict[int, list[ActiveSanction]]:
    """The sedang/berat sanctions in force on ``on``, per employee id (employees without one are absent)."""
    ids = list(set(employee_ids))
    if not ids:
        return {}
    rows = (
        Decision.objects.filter(
            case__tenant_id=tenant_id,
            case__employee_id__in=ids,
            case__status__in=_IN_FORCE,
            sanction__in=_SEDANG_BERAT,
            effective_on__lte=on,
            ends_on__isnull=False,
            ends_on__gte=on,
        )
        .order_by("case__employee_id", "effective_on", "pk")
        .values_list("case__employee_id", "case_id", "case__number", "sanction", "executed", "effective_on", "ends_on")
    )
    found: dict[int, list[ActiveSanction]] = {}
    for employee_id, case_id, number, sanction, executed, effective_on, ends_on in rows:
        assert effective_on is not None and ends_on is not None  # filtered above
        found.setdefault(employee_id, []).append(
            ActiveSanction(employee_id, case_id, number, Sanction(sanction), executed, effective_on, ends_on)
        )
    return found
