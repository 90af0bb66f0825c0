"""Querysets of performance agreements."""

from __future__ import annotations

from typing import Self

from pamong.core.querysets import ScopedQuerySet

# The values of choices.AgreementStatus (querysets sit beside choices in the layers, so they spell them).
LIVE = ("draft", "awaiting", "signed")


class AgreementQuerySet(ScopedQuerySet):
    def live(self) -> Self:
        """Versions that count as the unit's agreement of the year (not superseded, not cancelled)."""
        return self.filter(status__in=LIVE)

    def in_force(self) -> Self:
        """Fully signed versions not superseded: at most one per unit and year."""
        return self.filter(status="signed")
