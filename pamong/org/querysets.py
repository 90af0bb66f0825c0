"""Querysets of the organisation app."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db.models import Q

from pamong.core.querysets import ScopedQuerySet


class OrgUnitQuerySet(ScopedQuerySet):
    def open_on(self, day: dt.date) -> Self:
        """Units that existed on ``day`` (closed units keep their history)."""
        return self.filter(Q(opened_on__isnull=True) | Q(opened_on__lte=day)).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=day)
        )

    def subtree_of(self, path: str) -> Self:
        return self.filter(path__startswith=path)


class PositionQuerySet(ScopedQuerySet):
    def open_on(self, day: dt.date) -> Self:
        return self.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
