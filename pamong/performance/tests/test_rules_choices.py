"""The rules' enums accept exactly the values that ``pamong.planning.choices`` stores (no database)."""

from enum import StrEnum

import pytest
from django.db import models

from pamong.performance.rules.achievement import LowerIsBetterFormula, Polarity
from pamong.performance.rules.aggregation import Aggregation
from pamong.performance.rules.periods import PeriodKind
from pamong.planning import choices


@pytest.mark.parametrize(
    ("rule_enum", "stored"),
    [
        (Polarity, choices.Polarity),
        (LowerIsBetterFormula, choices.LowerIsBetterFormula),
        (Aggregation, choices.Aggregation),
        (PeriodKind, choices.PeriodKind),
    ],
)
def test_rule_values_match_stored_choices(rule_enum: type[StrEnum], stored: type[models.TextChoices]) -> None:
    assert {member.value for member in rule_enum} == set(stored.values)


def test_periods_per_year_match() -> None:
    for kind, count in choices.PERIODS_PER_YEAR.items():
        assert PeriodKind(kind).periods_per_year == count
