"""Reads of the planning cascade: the whole tree of one period in a fixed number of queries.

``plan_tree`` loads the missions, goals, regional targets, priority programs,
strategic targets and indicators the actor may see with one query each and
assembles them into dataclasses: vision → missions → goals → regional targets →
(IKU daerah, and the OPD strategic targets under each with their indicators);
priority programs → the OPD indicators linked to them; and the orphans, OPD
indicators linked to neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from pamong.access.roles import PLANNING_VIEW
from pamong.core.scope import scope_of

from .choices import IndicatorLevel, PeriodStatus
from .models import Goal, Indicator, Mission, PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget


@dataclass
class StrategicNode:
    target: StrategicTarget
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class RegionalTargetNode:
    target: RegionalTarget
    indicators: list[Indicator] = field(default_factory=list)
    strategic: list[StrategicNode] = field(default_factory=list)


@dataclass
class GoalNode:
    goal: Goal
    targets: list[RegionalTargetNode] = field(default_factory=list)


@dataclass
class MissionNode:
    mission: Mission
    goals: list[GoalNode] = field(default_factory=list)


@dataclass
class ProgramNode:
    program: PriorityProgram
    indicators: list[Indicator] = field(default_factory=list)
    #: OPD strategic targets that support this program and no regional target (else they sit under that target).
    strategic: list[StrategicNode] = field(default_factory=list)


@dataclass
class PlanTree:
    period: PlanPeriod
    missions: list[MissionNode]
    programs: list[ProgramNode]
    orphans: list[Indicator]
    #: OPD strategic targets linked to nothing upward (their indicators may still hang under a program).
    unlinked_strategic: list[StrategicNode]
    indicator_count: int
    #: Every strategic target in the tree, wherever it is placed (e.g. to decide which may be edited).
    strategic: list[StrategicNode] = field(default_factory=list)


def periods(*, actor: Any) -> QuerySet[PlanPeriod]:
    return PlanPeriod.objects.visible_to(actor, PLANNING_VIEW).order_by("-start_year")


def current_period(*, actor: Any, period_id: int | None = None) -> PlanPeriod | None:
    """The requested period, else the one in force, else the newest (one query)."""
    qs = periods(actor=actor)
    if period_id is not None:
        return qs.filter(pk=period_id).first()
    rows = list(qs.filter(Q(status=PeriodStatus.ACTIVE) | Q(status=PeriodStatus.DRAFT) | Q(status=PeriodStatus.CLOSED)))
    active = [p for p in rows if p.status == PeriodStatus.ACTIVE]
    return active[0] if active else (rows[0] if rows else None)


def is_orphan(indicator: Indicator) -> bool:
    """An OPD indicator linked neither (via its strategic target) to a regional target nor to a priority program."""
    if indicator.level != IndicatorLevel.OPD or indicator.priority_program_id is not None:
        return False
    target = indicator.strategic_target
    return target is None or (target.regional_target_id is None and target.priority_program_id is None)


ORPHAN_Q = Q(level=IndicatorLevel.OPD, priority_program__isnull=True) & (
    Q(strategic_target__isnull=True)
    | Q(strategic_target__regional_target__isnull=True, strategic_target__priority_program__isnull=True)
)


def orphan_indicators(*, actor: Any, period: PlanPeriod) -> QuerySet[Indicator]:
    """The OPD indicators of ``period`` the actor may see that hang under nothing in the RPJMD."""
    qs = Indicator.objects.visible_to(actor, PLANNING_VIEW).filter(period=period).filter(ORPHAN_Q)
    return qs.select_related("org_unit", "strategic_target").order_by("org_unit__path", "code")


def plan_tree(*, actor: Any, period: PlanPeriod) -> PlanTree:
    """The whole cascade of ``period`` as far as the actor may see it: six queries, whatever its size."""
    missions = list(Mission.objects.visible_to(actor, PLANNING_VIEW).filter(period=period).order_by("number"))
    goals = list(Goal.objects.visible_to(actor, PLANNING_VIEW).filter(mission__period=period).order_by("code"))
    targets = list(
        RegionalTarget.objects.visible_to(actor, PLANNING_VIEW).filter(goal__mission__period=period).order_by("code")
    )
    programs = list(
        PriorityProgram.objects.visible_to(actor, PLANNING_VIEW)
        .filter(period=period)
        .select_related("owner_unit")
        .order_by("kind", "code")
    )
    strategic = list(
        StrategicTarget.objects.visible_to(actor, PLANNING_VIEW)
        .filter(period=period)
        .select_related("org_unit")
        .order_by("org_unit__sort_order", "org_unit__name", "code")
    )
    indicators = list(
        Indicator.objects.visible_to(actor, PLANNING_VIEW)
        .filter(period=period)
        .select_related("org_unit")
        .order_by("org_unit__sort_order", "org_unit__name", "code")
    )
    strategic_by_id = {s.pk: StrategicNode(s) for s in strategic}
    target_nodes = {t.pk: RegionalTargetNode(t) for t in targets}
    program_nodes = {p.pk: ProgramNode(p) for p in programs}
    orphans: list[Indicator] = []
    strategic_targets = {s.pk: s for s in strategic}
    for indicator in indicators:
        if indicator.level == IndicatorLevel.REGIONAL:
            if indicator.regional_target_id in target_nodes:
                target_nodes[indicator.regional_target_id].indicators.append(indicator)
            continue
        # Attach the loaded strategic target so is_orphan reads no further row.
        if indicator.strategic_target_id is not None:
            indicator.strategic_target = strategic_targets.get(indicator.strategic_target_id)
        if indicator.strategic_target_id in strategic_by_id:
            strategic_by_id[indicator.strategic_target_id].indicators.append(indicator)
        program_id = indicator.priority_program_id
        if program_id is None and indicator.strategic_target is not None:
            program_id = indicator.strategic_target.priority_program_id
        if program_id in program_nodes:
            program_nodes[program_id].indicators.append(indicator)
        if indicator.strategic_target_id is not None and indicator.strategic_target is None:
            continue  # its strategic target lies outside the actor's sight: judged where it is visible
        if is_orphan(indicator):
            orphans.append(indicator)
    unlinked: list[StrategicNode] = []
    for node in strategic_by_id.values():
        if node.target.regional_target_id in target_nodes:
            target_nodes[node.target.regional_target_id].strategic.append(node)
        elif node.target.priority_program_id in program_nodes:
            program_nodes[node.target.priority_program_id].strategic.append(node)
        else:
            unlinked.append(node)
    goal_nodes = {g.pk: GoalNode(g) for g in goals}
    for target_node in target_nodes.values():
        if target_node.target.goal_id in goal_nodes:
            goal_nodes[target_node.target.goal_id].targets.append(target_node)
    mission_nodes = [MissionNode(m) for m in missions]
    by_mission = {node.mission.pk: node for node in mission_nodes}
    for goal_node in goal_nodes.values():
        if goal_node.goal.mission_id in by_mission:
            by_mission[goal_node.goal.mission_id].goals.append(goal_node)
    return PlanTree(
        period=period,
        missions=mission_nodes,
        programs=list(program_nodes.values()),
        orphans=orphans,
        unlinked_strategic=unlinked,
        indicator_count=len(indicators),
        strategic=list(strategic_by_id.values()),
    )


def indicator_detail(*, actor: Any) -> QuerySet[Indicator]:
    """Indicators the actor may see, with everything the detail page names."""
    return Indicator.objects.visible_to(actor, PLANNING_VIEW).select_related(
        "org_unit",
        "period",
        "regional_target",
        "strategic_target__regional_target",
        "priority_program",
        "responsible_position",
    )


def indicator_targets(*, indicator: Indicator) -> tuple[list[Any], dict[int, list[Any]]]:
    """The indicator's annual targets and, per year, its trajectory (two queries)."""
    annual = list(indicator.annual_targets.order_by("year"))
    trajectory: dict[int, list[Any]] = {}
    for row in indicator.period_targets.order_by("year", "period_no"):
        trajectory.setdefault(row.year, []).append(row)
    return annual, trajectory


def can_view(actor: Any) -> bool:
    return scope_of(actor).can(PLANNING_VIEW)
