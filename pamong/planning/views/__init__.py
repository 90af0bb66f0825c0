"""Pages of the planning cascade, by sub-domain: the tree, the RPJMD and strategic targets, indicators, the import."""

from .imports import ImportView
from .indicators import IndicatorCreateView, IndicatorDetailView, IndicatorTargetsView, IndicatorUpdateView
from .rpjmd import (
    GoalCreateView,
    GoalUpdateView,
    MissionCreateView,
    MissionUpdateView,
    PeriodCreateView,
    PeriodStatusView,
    PeriodUpdateView,
    ProgramCreateView,
    ProgramUpdateView,
    RegionalTargetCreateView,
    RegionalTargetUpdateView,
    StrategicTargetCreateView,
    StrategicTargetUpdateView,
)
from .tree import TreeView

__all__ = [
    "GoalCreateView",
    "GoalUpdateView",
    "ImportView",
    "IndicatorCreateView",
    "IndicatorDetailView",
    "IndicatorTargetsView",
    "IndicatorUpdateView",
    "MissionCreateView",
    "MissionUpdateView",
    "PeriodCreateView",
    "PeriodStatusView",
    "PeriodUpdateView",
    "ProgramCreateView",
    "ProgramUpdateView",
    "RegionalTargetCreateView",
    "RegionalTargetUpdateView",
    "StrategicTargetCreateView",
    "StrategicTargetUpdateView",
    "TreeView",
]
