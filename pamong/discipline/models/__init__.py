"""Discipline models: the ladder (standings, warnings), cases with their steps, GDN supervision reports."""

from .cases import Appeal, Case, CaseViolation, Decision, Examination, Summons, TeamMember
from .ladder import Standing, Warning
from .supervision import ClusterSummary, SupervisionReport

__all__ = [
    "Appeal",
    "Case",
    "CaseViolation",
    "ClusterSummary",
    "Decision",
    "Examination",
    "Standing",
    "Summons",
    "SupervisionReport",
    "TeamMember",
    "Warning",
]
