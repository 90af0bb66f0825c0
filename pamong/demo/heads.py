"""Who headed a demo unit on a given day, read from the plan (no database).

The demo's story dates every act (a PK signed, a report submitted) and names whoever headed the unit
that day, the way the services would: the definitive head first, else the acting one (Plt); a Plh, who
stands in for days only, never signs (``pamong.agreements.facts.SIGNING_KINDS``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .dto import AssignmentPlan, PositionPlan

DEFINITIVE, PLT = "definitive", "plt"
_ORDER = {DEFINITIVE: 0, PLT: 1}


@dataclass(frozen=True, slots=True)
class HeadSpell:
    """One person heading one unit from ``starts_on`` to ``ends_on`` (inclusive; None: still today)."""

    unit_code: str
    employee_index: int
    kind: str
    position_name: str
    starts_on: dt.date
    ends_on: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def acting(self) -> bool:
        return self.kind == PLT


class Heads:
    """The head posts' definitive and Plt assignments, by unit."""

    def __init__(self, positions: Iterable[PositionPlan], assignments: Iterable[AssignmentPlan]) -> None:
        posts = {p.code: p for p in positions if p.is_head}
        self._spells: dict[str, list[HeadSpell]] = defaultdict(list)
        for a in assignments:
            post = posts.get(a.position_code)
            if post is None or a.kind not in _ORDER:
                continue
            self._spells[post.unit_code].append(
                HeadSpell(post.unit_code, a.employee_index, a.kind, post.name, a.starts_on, a.ends_on)
            )
        for spells in self._spells.values():
            spells.sort(key=lambda s: (s.starts_on, _ORDER[s.kind]))

    def on(self, unit_code: str, day: dt.date) -> HeadSpell | None:
        """The unit's head on ``day``: definitive, else Plt; None if the post was empty."""
        spells = [s for s in self._spells.get(unit_code, ()) if s.covers(day)]
        spells.sort(key=lambda s: _ORDER[s.kind])
        return spells[0] if spells else None

    def appointed_after(self, unit_code: str, day: dt.date, within_days: int) -> HeadSpell | None:
        """A definitive head whose spell starts after ``day`` and at most ``within_days`` later."""
        for spell in self._spells.get(unit_code, ()):
            if spell.kind == DEFINITIVE and day < spell.starts_on <= day + dt.timedelta(days=within_days):
                return spell
        return None
