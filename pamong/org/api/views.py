"""Organisation API: units (with moves, closing and heads on a day) and positions.

Same services as the HTML pages: each write calls one ``pamong.org.services``
function, each read goes through ``visible_to`` in ``ScopedViewSet``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.org.models import OrgUnit, Position
from pamong.org.services import position_create, position_update, unit_close, unit_create, unit_move, unit_update
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment
from pamong.people.selectors import heads_of_unit_on

from .serializers import (
    HeadSerializer,
    HeadsQuerySerializer,
    PositionCreateSerializer,
    PositionFilterSerializer,
    PositionSerializer,
    PositionUpdateSerializer,
    UnitCloseSerializer,
    UnitCreateSerializer,
    UnitFilterSerializer,
    UnitMoveSerializer,
    UnitSerializer,
    UnitUpdateSerializer,
)


@extend_schema_view(
    retrieve=extend_schema(summary="One unit", responses={200: UnitSerializer, **errors(401, 404)}),
)
class UnitViewSet(ScopedViewSet):
    """Units of the org tree the caller may see (``org.view``)."""

    model = OrgUnit
    serializer_class = UnitSerializer

    def base_queryset(self) -> QuerySet[OrgUnit]:
        return OrgUnit.objects.select_related("parent", "cluster").order_by("path")

    @extend_schema(
        summary="List units",
        parameters=[UnitFilterSerializer],
        responses={200: UnitSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        filters = self.parse_query(UnitFilterSerializer)
        units = self.get_queryset()
        if filters.get("parent") is not None:
            units = units.filter(parent=filters["parent"])
        if filters.get("kind"):
            units = units.filter(kind=filters["kind"])
        if filters.get("cluster") is not None:
            units = units.filter(cluster=filters["cluster"])
        if filters.get("q", "").strip():
            text = filters["q"].strip()
            units = units.filter(Q(name__icontains=text) | Q(code__icontains=text) | Q(short_name__icontains=text))
        if not filters["include_closed"]:
            units = units.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=self.tenant_today()))
        return self.render_page(units)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Create a unit",
        request=UnitCreateSerializer,
        responses={201: UnitSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        data = self.parse(UnitCreateSerializer)
        unit = unit_create(
            actor=request.user,
            parent=data["parent"],
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            short_name=data["short_name"],
            cluster=data["cluster"],
            opened_on=data["opened_on"],
            sort_order=data["sort_order"],
        )
        return self.render(unit, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Rename or re-classify a unit",
        request=UnitUpdateSerializer,
        responses={200: UnitSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        unit = self.get_object()
        data = self.parse(UnitUpdateSerializer)
        unit = unit_update(
            actor=request.user,
            unit=unit,
            name=data.get("name"),
            short_name=data.get("short_name"),
            kind=data.get("kind"),
            cluster=data.get("cluster"),
            clear_cluster="cluster" in data and data["cluster"] is None,
            sort_order=data.get("sort_order"),
            reason=data["reason"],
        )
        return self.render(unit)

    @extend_schema(
        summary="Move a unit (and its subtree) under another parent",
        request=UnitMoveSerializer,
        responses={200: UnitSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        unit = self.get_object()
        data = self.parse(UnitMoveSerializer)
        unit = unit_move(actor=request.user, unit=unit, new_parent=data["new_parent"], reason=data["reason"])
        return self.render(unit)

    @extend_schema(
        summary="Close a unit",
        request=UnitCloseSerializer,
        responses={200: UnitSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        unit = self.get_object()
        data = self.parse(UnitCloseSerializer)
        unit = unit_close(actor=request.user, unit=unit, closed_on=data["closed_on"], reason=data["reason"])
        return self.render(unit)

    @extend_schema(
        summary="Who headed the unit on a day",
        description="Definitive holder first, then Plt/Plh; only people the caller may see are listed.",
        parameters=[
            OpenApiParameter("date", dt.date, description="YYYY-MM-DD; the tenant's today when omitted."),
        ],
        responses={200: HeadSerializer(many=True), **errors(400, 401, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def heads(self, request: Request, pk: str | None = None) -> Response:
        unit = self.get_object()
        day = self.parse_query(HeadsQuerySerializer).get("date") or self.tenant_today()
        heads = heads_of_unit_on(actor=request.user, unit=unit, day=day)
        return Response(HeadSerializer(heads, many=True).data)


@extend_schema_view(
    retrieve=extend_schema(summary="One position", responses={200: PositionSerializer, **errors(401, 404)}),
)
class PositionViewSet(ScopedViewSet):
    """Posts (jabatan) in the units the caller may see, with their vacancy today."""

    model = Position
    serializer_class = PositionSerializer

    def base_queryset(self) -> QuerySet[Position]:
        holders = Assignment.objects.filter(position=OuterRef("pk"), kind=AssignmentKind.DEFINITIVE).on(
            self.tenant_today()
        )
        positions: QuerySet[Position] = Position.objects.select_related("org_unit").annotate(vacant=~Exists(holders))
        return positions

    def reload(self, position: Position) -> Position:
        """The position as the list shows it (with ``vacant``), after a write."""
        return self.base_queryset().get(pk=position.pk)

    @extend_schema(
        summary="List positions",
        parameters=[PositionFilterSerializer],
        responses={200: PositionSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        filters = self.parse_query(PositionFilterSerializer)
        positions = self.get_queryset()
        if filters.get("org_unit") is not None:
            positions = positions.filter(org_unit=filters["org_unit"])
        if filters.get("vacant") is not None:
            positions = positions.filter(vacant=filters["vacant"])
        return self.render_page(positions)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Create a position",
        request=PositionCreateSerializer,
        responses={201: PositionSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        data = self.parse(PositionCreateSerializer)
        position = position_create(
            actor=request.user,
            org_unit=data["org_unit"],
            code=data["code"],
            name=data["name"],
            position_type=data["position_type"],
            eselon=data["eselon"],
            job_class=data["job_class"],
            duties=data["duties"],
            is_head=data["is_head"],
        )
        return self.render(self.reload(position), status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Correct a position",
        request=PositionUpdateSerializer,
        responses={200: PositionSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        position = self.get_object()
        data = self.parse(PositionUpdateSerializer)
        # A PATCH changes only what it sends: the rest is the current value.
        position = position_update(
            actor=request.user,
            position=position,
            name=data.get("name", position.name),
            position_type=data.get("position_type", position.position_type),
            eselon=data.get("eselon", position.eselon),
            job_class=data.get("job_class", position.job_class),
            duties=data.get("duties", position.duties),
            reason=data["reason"],
        )
        return self.render(self.reload(position))
