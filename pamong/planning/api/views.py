"""Planning API: periods (and their status), the RPJMD rows and strategic targets (retrieve, PATCH),
indicators (list, retrieve, create, PATCH, POST targets), the tree, the import.

Same services and selectors as the HTML pages; reads go through ``visible_to`` in ``ScopedViewSet``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import PLANNING_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet

from .. import selectors, services
from ..choices import IndicatorLevel
from ..models import Goal, Indicator, Mission, PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget
from .serializers import (
    CodedTextUpdateSerializer,
    GoalSerializer,
    ImportSerializer,
    IndicatorCreateSerializer,
    IndicatorFilterSerializer,
    IndicatorInputSerializer,
    IndicatorSerializer,
    MissionSerializer,
    MissionUpdateSerializer,
    PeriodCloseSerializer,
    PeriodSerializer,
    PeriodUpdateSerializer,
    PriorityProgramSerializer,
    PriorityProgramUpdateSerializer,
    RegionalTargetSerializer,
    StrategicTargetSerializer,
    StrategicTargetUpdateSerializer,
    TargetsSerializer,
    TreeQuerySerializer,
)


def _data(d: dict[str, Any]) -> services.IndicatorData:
    names = services.IndicatorData.__dataclass_fields__
    return services.IndicatorData(**{k: v for k, v in d.items() if k in names})


class PeriodViewSet(ScopedViewSet):
    """RPJMD periods of the caller's tenant (planning.view anywhere in it)."""

    model = PlanPeriod
    serializer_class = PeriodSerializer

    @extend_schema(summary="List RPJMD periods", responses={200: PeriodSerializer(many=True), **errors(401, 403)})
    def list(self, request: Request) -> Response:
        return self.render_page(self.get_queryset().order_by("-start_year"))

    @extend_schema(summary="One RPJMD period", responses={200: PeriodSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Rename a period or change its vision (the planner)",
        request=PeriodUpdateSerializer,
        responses={200: PeriodSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        d = self.parse(PeriodUpdateSerializer)
        return self.render(
            services.period_update(actor=request.user, period=period, name=d.get("name"), vision=d.get("vision"))
        )

    @extend_schema(
        summary="Put a draft period in force (no other period may be in force)",
        request=None,
        responses={200: PeriodSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str | None = None) -> Response:
        return self.render(services.period_activate(actor=request.user, period=self.get_object()))

    @extend_schema(
        summary="Close the period in force, with a mandatory reason",
        request=PeriodCloseSerializer,
        responses={200: PeriodSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        d = self.parse(PeriodCloseSerializer)
        return self.render(services.period_close(actor=request.user, period=period, reason=d["reason"]))


class MissionViewSet(ScopedViewSet):
    """Missions of the RPJMD: read by every holder of planning.view in the tenant, changed by the planner."""

    model = Mission
    view_action = PLANNING_VIEW
    serializer_class = MissionSerializer

    @extend_schema(summary="One mission", responses={200: MissionSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Renumber a mission or change its text (the planner)",
        request=MissionUpdateSerializer,
        responses={200: MissionSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        mission = self.get_object()
        d = self.parse(MissionUpdateSerializer)
        return self.render(
            services.mission_update(actor=request.user, mission=mission, number=d.get("number"), text=d.get("text"))
        )


class GoalViewSet(ScopedViewSet):
    """Goals (tujuan) of the RPJMD's missions."""

    model = Goal
    view_action = PLANNING_VIEW
    serializer_class = GoalSerializer

    @extend_schema(summary="One goal", responses={200: GoalSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Change a goal's code or text (the planner)",
        request=CodedTextUpdateSerializer,
        responses={200: GoalSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        goal = self.get_object()
        d = self.parse(CodedTextUpdateSerializer)
        return self.render(services.goal_update(actor=request.user, goal=goal, code=d.get("code"), text=d.get("text")))


class RegionalTargetViewSet(ScopedViewSet):
    """Regional targets (sasaran RPJMD) of the goals."""

    model = RegionalTarget
    view_action = PLANNING_VIEW
    serializer_class = RegionalTargetSerializer

    @extend_schema(summary="One regional target", responses={200: RegionalTargetSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Change a regional target's code or text (the planner)",
        request=CodedTextUpdateSerializer,
        responses={200: RegionalTargetSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        d = self.parse(CodedTextUpdateSerializer)
        return self.render(
            services.regional_target_update(actor=request.user, target=target, code=d.get("code"), text=d.get("text"))
        )


class PriorityProgramViewSet(ScopedViewSet):
    """Priority programs and movements (gerakan) of a period, each owned by an OPD."""

    model = PriorityProgram
    view_action = PLANNING_VIEW
    serializer_class = PriorityProgramSerializer

    def base_queryset(self) -> QuerySet[PriorityProgram]:
        return PriorityProgram.objects.select_related("owner_unit")

    @extend_schema(summary="One priority program", responses={200: PriorityProgramSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Change a priority program's name, kind, owner or description (the planner)",
        request=PriorityProgramUpdateSerializer,
        responses={200: PriorityProgramSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        program = self.get_object()
        d = self.parse(PriorityProgramUpdateSerializer)
        program = services.priority_program_update(
            actor=request.user,
            program=program,
            name=d.get("name"),
            kind=d.get("kind"),
            owner_unit=d.get("owner_unit"),
            description=d.get("description"),
        )
        return self.render(program)


class StrategicTargetViewSet(ScopedViewSet):
    """OPD strategic targets, by scope; changed by the managers of their unit (or the planner)."""

    model = StrategicTarget
    serializer_class = StrategicTargetSerializer

    def base_queryset(self) -> QuerySet[StrategicTarget]:
        return StrategicTarget.objects.select_related("org_unit", "period")

    @extend_schema(summary="One strategic target", responses={200: StrategicTargetSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Change a strategic target's code, text or upward links (null removes a link)",
        request=StrategicTargetUpdateSerializer,
        responses={200: StrategicTargetSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        d = self.parse(StrategicTargetUpdateSerializer)
        target = services.strategic_target_update(
            actor=request.user,
            target=target,
            code=d.get("code"),
            text=d.get("text"),
            regional_target=d.get("regional_target"),
            priority_program=d.get("priority_program"),
            # A link sent as null is removed; a link left out keeps its value.
            clear_regional_target="regional_target" in d and d["regional_target"] is None,
            clear_priority_program="priority_program" in d and d["priority_program"] is None,
        )
        return self.render(target)


class IndicatorViewSet(ScopedViewSet):
    """Indicators the caller may see: OPD indicators by scope, IKU daerah tenant-wide."""

    model = Indicator
    serializer_class = IndicatorSerializer

    def base_queryset(self) -> QuerySet[Indicator]:
        return Indicator.objects.select_related("org_unit").order_by("org_unit__path", "code")

    @extend_schema(
        summary="List indicators",
        parameters=[IndicatorFilterSerializer],
        responses={200: IndicatorSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        filters = self.parse_query(IndicatorFilterSerializer)
        rows = self.get_queryset()
        if filters.get("period") is not None:
            rows = rows.filter(period=filters["period"])
        if filters.get("org_unit") is not None:
            rows = rows.filter(org_unit_id=filters["org_unit"])
        if filters.get("level"):
            rows = rows.filter(level=filters["level"])
        if filters["q"].strip():
            text = filters["q"].strip()
            rows = rows.filter(Q(name__icontains=text) | Q(code__icontains=text))
        return self.render_page(rows)

    @extend_schema(summary="One indicator", responses={200: IndicatorSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Create an indicator",
        request=IndicatorCreateSerializer,
        responses={201: IndicatorSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(IndicatorCreateSerializer)
        unit = d["org_unit"]
        indicator = services.indicator_create(
            actor=request.user,
            org_unit=unit,
            period=d["period"],
            level=IndicatorLevel.REGIONAL if unit.parent_id is None else IndicatorLevel.OPD,
            data=_data(d),
        )
        return self.render(indicator, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an indicator's definition (all definition fields, as on the form)",
        request=IndicatorInputSerializer,
        responses={200: IndicatorSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        indicator = self.get_object()
        current = IndicatorSerializer(indicator).data
        merged: dict[str, Any] = {str(k): current[k] for k in IndicatorInputSerializer().fields if k in current}
        merged.update(request.data)
        d = self.parse(IndicatorInputSerializer, data=merged)
        return self.render(services.indicator_update(actor=request.user, indicator=indicator, data=_data(d)))

    @extend_schema(
        summary="Replace one year's annual target and trajectory",
        request=TargetsSerializer,
        responses={200: IndicatorSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def targets(self, request: Request, pk: str | None = None) -> Response:
        indicator = self.get_object()
        d = self.parse(TargetsSerializer)
        indicator = services.indicator_set_targets(
            actor=request.user,
            indicator=indicator,
            year=d["year"],
            annual_target=d["annual_target"],
            period_targets=d["period_targets"],
        )
        return self.render(indicator)


def _indicator_ref(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.pk,
        "code": i.code,
        "name": i.name,
        "org_unit": i.org_unit.code,
        "unit_of_measure": i.unit_of_measure,
    }


def _strategic_ref(node: selectors.StrategicNode, *, with_indicators: bool = True) -> dict[str, Any]:
    ref: dict[str, Any] = {
        "id": node.target.pk,
        "code": node.target.code,
        "org_unit": node.target.org_unit.code,
        "text": node.target.text,
    }
    if with_indicators:  # under a program the indicators are already listed with the program
        ref["indicators"] = [_indicator_ref(i) for i in node.indicators]
    return ref


class TreeViewSet(ScopedViewSet):
    """The whole cascade of one period (the one in force by default) as far as the caller may see it."""

    model = PlanPeriod

    @extend_schema(summary="The planning tree of a period", parameters=[TreeQuerySerializer], responses={200: dict})
    def list(self, request: Request) -> Response:
        query = self.parse_query(TreeQuerySerializer)
        period = selectors.current_period(actor=request.user, period_id=query.get("period"))
        if period is None:
            raise NotFound()
        tree = selectors.plan_tree(actor=request.user, period=period)
        return Response(
            {
                "period": PeriodSerializer(period).data,
                "missions": [
                    {
                        "id": m.mission.pk,
                        "number": m.mission.number,
                        "text": m.mission.text,
                        "goals": [
                            {
                                "id": g.goal.pk,
                                "code": g.goal.code,
                                "text": g.goal.text,
                                "targets": [
                                    {
                                        "id": t.target.pk,
                                        "code": t.target.code,
                                        "text": t.target.text,
                                        "indicators": [_indicator_ref(i) for i in t.indicators],
                                        "strategic_targets": [_strategic_ref(s) for s in t.strategic],
                                    }
                                    for t in g.targets
                                ],
                            }
                            for g in m.goals
                        ],
                    }
                    for m in tree.missions
                ],
                "priority_programs": [
                    {
                        "id": p.program.pk,
                        "code": p.program.code,
                        "name": p.program.name,
                        "kind": p.program.kind,
                        "owner_unit": p.program.owner_unit.code,
                        "indicators": [_indicator_ref(i) for i in p.indicators],
                        "strategic_targets": [_strategic_ref(s, with_indicators=False) for s in p.strategic],
                    }
                    for p in tree.programs
                ],
                "orphans": [_indicator_ref(i) for i in tree.orphans],
                "unlinked_strategic_targets": [_strategic_ref(s) for s in tree.unlinked_strategic],
            }
        )


class ImportViewSet(ScopedViewSet):
    """Upload a SIPD-shaped JSON (multipart ``file`` + ``kind``); answers the counts or every problem found."""

    model = PlanPeriod
    parser_classes = (MultiPartParser, FormParser, JSONParser)  # type: ignore[assignment]

    @extend_schema(
        summary="Import an RPJMD or Renstra", request=ImportSerializer, responses={200: dict, **errors(400, 401, 403)}
    )
    def create(self, request: Request) -> Response:
        d = self.parse(ImportSerializer)
        result = services.planning_import_sipd(actor=request.user, payload=d["file"].read(), kind=d["kind"])
        return Response({"period": result.period.pk, "created": result.created, "updated": result.updated})
