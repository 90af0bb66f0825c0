"""The demo regency's discipline: the ladder evaluated, warnings, cases at every stage, GDN reports.

Each part lives in its own module (``story_discipline_ladder``, ``story_discipline_cases``,
``story_discipline_reports``) and runs through the real services as the system actor, after the attendance
story has derived the days the ladder reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import story_discipline_cases, story_discipline_ladder, story_discipline_reports


def discipline_story(tenant: Any, *, today: dt.date, seed: int) -> dict[str, int]:
    """Run every part in order (the cases part opens one from a ladder warning); returns their counts."""
    counts: dict[str, int] = {}
    for part in (story_discipline_ladder, story_discipline_cases, story_discipline_reports):
        counts |= part.story(tenant, today=today, seed=seed)
    return counts
