"""Pages of the planning cascade, by sub-domain: the tree, the RPJMD and strategic targets, indicators, the import."""

from .imports import ImportView
from .indicators import IndicatorCreateView, IndicatorDetailView, IndicatorTargetsView, IndicatorUpdateView
from .rpjmd import (
    GoalCreateView,
    MissionCreateView,
    PeriodCreateView,
    PeriodStatusView,
    ProgramCreateView,
    RegionalTargetCreateView,
    StrategicTargetCreateView,
)
from .tree import TreeView

__all__ = [
    "GoalCreateView",
    "ImportView",
    "IndicatorCreateView",
    "IndicatorDetailView",
    "IndicatorTargetsView",
    "IndicatorUpdateView",
    "MissionCreateView",
    "PeriodCreateView",
    "PeriodStatusView",
    "ProgramCreateView",
    "RegionalTargetCreateView",
    "StrategicTargetCreateView",
    "TreeView",
]
