"""Querysets of the people app."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db.models import Q

from pamong.core.querysets import ScopedQuerySet


class EmployeeQuerySet(ScopedQuerySet):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def search(self, text: str) -> Self:
        """Match a name fragment or a NIP (spaces ignored)."""
        text = text.strip()
        if not text:
            return self
        digits = "".join(text.split())
        if digits.isdigit():
            return self.filter(nip__startswith=digits)
        return self.filter(name__icontains=text)


class AssignmentQuerySet(ScopedQuerySet):
    def on(self, day: dt.date) -> Self:
        """Assignments in force on ``day`` (start and end dates inclusive)."""
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
