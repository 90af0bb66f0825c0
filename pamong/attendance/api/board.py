"""The today board API: the same selector as the page (``selectors.board.today_board``), as JSON."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.org.models import OrgUnit

from ..selectors.board import Board, today_board


class TodayBoardFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = serializers.IntegerField(required=False, help_text="Show this unit's subtree (its employees' rows).")


class TodayBoardGroupSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = serializers.IntegerField(source="unit_id")
    name = serializers.CharField()
    counts = serializers.SerializerMethodField()

    def get_counts(self, obj: Any) -> dict[str, int]:
        return dict(obj.counts.as_dict())


class TodayBoardRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField(source="employee_id")
    name = serializers.CharField()
    nip = serializers.CharField()
    unit_name = serializers.CharField()
    status = serializers.CharField()
    first_punch = serializers.SerializerMethodField()
    expected_start = serializers.SerializerMethodField()
    late_minutes = serializers.IntegerField()
    note = serializers.CharField()

    def get_first_punch(self, obj: Any) -> str:
        return str(obj.first_hhmm).replace(".", ":")

    def get_expected_start(self, obj: Any) -> str:
        return str(obj.expected_hhmm).replace(".", ":")


class TodayBoardSerializer(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField(source="today")
    time = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    groups = TodayBoardGroupSerializer(many=True)
    rows = TodayBoardRowSerializer(many=True, allow_null=True)

    def get_time(self, obj: Board) -> str:
        return obj.now_hhmm.replace(".", ":")

    def get_unit(self, obj: Board) -> int | None:
        return obj.unit.pk if obj.unit is not None else None

    def get_counts(self, obj: Board) -> dict[str, int]:
        return obj.counts.as_dict()


class BoardViewSet(ScopedViewSet):
    """Who is in, late, not yet in, absent, excused or off today (live from today's punches)."""

    model = OrgUnit
    view_action = ATTENDANCE_VIEW
    serializer_class = TodayBoardSerializer
    pagination_class = None

    @extend_schema(
        summary="Today's board: counts per status, groups (units) and, for a unit, its employees",
        parameters=[TodayBoardFilterSerializer],
        responses={200: TodayBoardSerializer, **errors(400, 401, 403, 404)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(TodayBoardFilterSerializer)
        tenant = getattr(request.user, "tenant", None)
        board = today_board(actor=request.user, tenant=tenant, now=timezone.now(), unit_id=f.get("unit"))
        return self.render(board)
