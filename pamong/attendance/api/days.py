"""Attendance days and recaps API: derived days, monthly recaps, month close and recap corrections.

The same selectors (``selectors.days``) and services (``services.months``) as the pages; reads are scoped
by ``visible_to`` (an ASN sees only himself, a head his unit's subtree).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.authz import require_tenant

from ..choices import DayStatusChoice
from ..models import AttendanceDay, MonthClose, MonthRecap, RecapAdjustment
from ..selectors import days as sel
from ..selectors.board import hhmm


class AttendanceDayFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField(required=False)
    unit = serializers.IntegerField(required=False)
    # ``from`` is a keyword: the query parameter is read through ``source``-less field names below.
    start = serializers.DateField(required=False, help_text="From this date (query parameter `from`).")
    end = serializers.DateField(required=False, help_text="Up to this date (query parameter `to`).")
    status = serializers.ChoiceField(choices=DayStatusChoice.choices, required=False)


class AttendanceDaySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField(source="employee_id", read_only=True)
    org_unit = serializers.IntegerField(source="org_unit_id", read_only=True)
    check_in = serializers.SerializerMethodField()
    check_out = serializers.SerializerMethodField()

    class Meta:
        model = AttendanceDay
        fields = (
            "id",
            "employee",
            "date",
            "org_unit",
            "status",
            "late_minutes",
            "early_minutes",
            "check_in",
            "check_out",
            "punch_count",
            "excuse_kind",
            "leave_kind",
            "holiday",
        )
        read_only_fields = fields

    def get_check_in(self, obj: AttendanceDay) -> str:
        return hhmm(obj.check_in_min).replace(".", ":")

    def get_check_out(self, obj: AttendanceDay) -> str:
        return hhmm(obj.check_out_min).replace(".", ":")


class MonthRecapFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    unit = serializers.IntegerField(required=False)


class RecapAdjustmentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    actor = serializers.CharField(source="actor.username", read_only=True, default="")

    class Meta:
        model = RecapAdjustment
        fields = ("id", "field", "old_value", "new_value", "reason", "actor", "created_at")
        read_only_fields = fields


class MonthRecapSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField(source="employee_id", read_only=True)
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    employee_name = serializers.CharField(source="employee.name", read_only=True)
    org_unit = serializers.IntegerField(source="org_unit_id", read_only=True)

    class Meta:
        model = MonthRecap
        fields = (
            "id",
            "employee",
            "employee_nip",
            "employee_name",
            "org_unit",
            "year",
            "month",
            "working_days",
            "present_days",
            "late_days",
            "late_minutes",
            "early_leave_days",
            "early_minutes",
            "missing_check_out_days",
            "absent_days",
            "excused_days",
            "excused_by_kind",
            "is_adjusted",
        )
        read_only_fields = fields


class RecapAdjustInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    field = serializers.ChoiceField(choices=[name for name, _label in sel.ADJUSTABLE_FIELDS])
    new_value = serializers.IntegerField(min_value=0)
    reason = serializers.CharField(allow_blank=True)


class MonthCloseInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MonthCloseSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = MonthClose
        fields = ("id", "year", "month", "note", "created_at")
        read_only_fields = fields


def _unit(request: Request, unit_id: int | None) -> Any:
    if unit_id is None:
        return None
    unit = sel.attendance_units(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("Unit tidak ditemukan.")
    return unit


class DayViewSet(ScopedViewSet):
    """Derived employee-days the caller may see (their own, or their units' staff)."""

    model = AttendanceDay
    view_action = ATTENDANCE_VIEW
    serializer_class = AttendanceDaySerializer

    @extend_schema(
        summary="List derived days (filters: employee, unit, from, to, status)",
        parameters=[AttendanceDayFilterSerializer],
        responses={200: AttendanceDaySerializer(many=True), **errors(400, 401, 404)},
    )
    def list(self, request: Request) -> Response:
        query = request.query_params.copy()
        for param, name in (("from", "start"), ("to", "end")):
            if param in query:
                query[name] = query.pop(param)[0]
        f = self.parse(AttendanceDayFilterSerializer, data=query)
        rows = sel.day_rows(
            actor=request.user,
            employee_id=f.get("employee"),
            unit=_unit(request, f.get("unit")),
            start=f.get("start"),
            end=f.get("end"),
            status=f.get("status", ""),
        )
        return self.render_page(rows)


class RecapViewSet(ScopedViewSet):
    """Monthly recaps the caller may see, and the correction of a closed month's recap."""

    model = MonthRecap
    view_action = ATTENDANCE_VIEW
    serializer_class = MonthRecapSerializer
    lookup_value_regex = r"\d+"

    def base_queryset(self) -> QuerySet[MonthRecap]:
        return MonthRecap.objects.select_related("employee")

    @extend_schema(
        summary="List monthly recaps (year and month required; unit: its subtree)",
        parameters=[MonthRecapFilterSerializer],
        responses={200: MonthRecapSerializer(many=True), **errors(400, 401, 404)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(MonthRecapFilterSerializer)
        unit = _unit(request, f.get("unit"))
        rows = self.get_queryset().filter(year=f["year"], month=f["month"])
        if unit is not None:
            rows = rows.filter(org_unit__path__startswith=unit.path)
        return self.render_page(rows.order_by("org_unit__path", "employee__name"))

    @extend_schema(
        summary="Correct one figure of a closed month's recap, with a reason (audited)",
        request=RecapAdjustInputSerializer,
        responses={200: RecapAdjustmentSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def adjust(self, request: Request, pk: str | None = None) -> Response:
        from ..services.months import recap_adjust

        recap = self.get_object()
        d = self.parse(RecapAdjustInputSerializer)
        adjustment = recap_adjust(
            actor=request.user, recap=recap, field=d["field"], new_value=d["new_value"], reason=d["reason"]
        )
        return self.render(adjustment, RecapAdjustmentSerializer)


class MonthViewSet(ScopedViewSet):
    """Closing a month (BKPSDM): its recaps become final."""

    model = MonthRecap
    view_action = ATTENDANCE_VIEW
    serializer_class = MonthCloseSerializer

    @extend_schema(
        summary="Close a month of the caller's tenant (attendance.manage)",
        request=MonthCloseInputSerializer,
        responses={201: MonthCloseSerializer, **errors(400, 401, 403, 409)},
    )
    @action(detail=False, methods=["post"])
    def close(self, request: Request) -> Response:
        from ..services.months import month_close

        d = self.parse(MonthCloseInputSerializer)
        closed = month_close(
            actor=request.user, tenant_id=require_tenant(request.user), year=d["year"], month=d["month"], note=d["note"]
        )
        if not isinstance(closed, MonthClose):
            closed = MonthClose.objects.get(tenant_id=require_tenant(request.user), year=d["year"], month=d["month"])
        return self.render(closed, status_code=status.HTTP_201_CREATED)
