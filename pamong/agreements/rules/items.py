"""What an indicator needs before it can be written into a performance agreement.

Source: PermenPANRB 53/2014: every indicator of the PK carries its annual target; the rencana aksi breaks
it into quarterly (or monthly) targets for monitoring [M] (rules.md §5.2). A PK line without its annual
target, or with a hole in its trajectory, cannot be monitored, so it is refused with the indicator and
the period named, and nothing is saved.

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pamong.performance.rules.periods import PeriodKind, period_label_en, period_label_id

PERIODS = {"monthly": 12, "quarterly": 4}


def period_name(period_kind: str, number: int, *, english: bool = False) -> str:
    """``Triwulan III`` or ``Maret`` (``Quarter III``, ``March``): the performance rules' period labels."""
    kind = PeriodKind(period_kind)
    return period_label_en(kind, number) if english else period_label_id(kind, number)


@dataclass(frozen=True)
class IndicatorFacts:
    """An indicator as planning holds it for one year: its annual target and trajectory, if any."""

    code: str
    name: str
    period_kind: str
    annual_target: Decimal | None
    trajectory: Mapping[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemProblem:
    """Why one indicator cannot enter the agreement; ``period_no`` names the missing period, if that is it."""

    code: str
    period_no: int | None
    message_id: str
    message_en: str


def check_items(indicators: Sequence[IndicatorFacts], *, year: int) -> tuple[ItemProblem, ...]:
    """Every problem of every indicator (empty when all can be snapshotted)."""
    problems: list[ItemProblem] = []
    for facts in indicators:
        label = f"{facts.code} {facts.name}".strip()
        if facts.annual_target is None:
            problems.append(
                ItemProblem(
                    facts.code,
                    None,
                    f"Indikator {label} belum memiliki target tahunan {year}.",
                    f"Indicator {label} has no annual target for {year}.",
                )
            )
        count = PERIODS.get(facts.period_kind, 0)
        for number in range(1, count + 1):
            if facts.trajectory.get(number) is None:
                problems.append(
                    ItemProblem(
                        facts.code,
                        number,
                        f"Indikator {label}: target {period_name(facts.period_kind, number)} {year} belum diisi.",
                        f"Indicator {label}: the target for "
                        f"{period_name(facts.period_kind, number, english=True)} {year} is missing.",
                    )
                )
    return tuple(problems)
