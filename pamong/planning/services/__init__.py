"""State changes of the planning cascade: one atomic, audited function per use case."""

from .indicators import IndicatorData, indicator_create, indicator_set_targets, indicator_update
from .rpjmd import (
    goal_create,
    goal_update,
    mission_create,
    mission_update,
    period_activate,
    period_close,
    period_create,
    period_update,
    priority_program_create,
    priority_program_update,
    regional_target_create,
    regional_target_update,
    strategic_target_create,
    strategic_target_update,
)
from .sipd_import import ImportResult, planning_import_sipd

__all__ = [
    "ImportResult",
    "planning_import_sipd",
    "IndicatorData",
    "goal_create",
    "goal_update",
    "indicator_create",
    "indicator_set_targets",
    "indicator_update",
    "mission_create",
    "mission_update",
    "period_activate",
    "period_close",
    "period_create",
    "period_update",
    "priority_program_create",
    "priority_program_update",
    "regional_target_create",
    "regional_target_update",
    "strategic_target_create",
    "strategic_target_update",
]
