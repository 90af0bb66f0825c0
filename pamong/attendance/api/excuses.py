"""Excuses and outages API: the same services and selectors as the pages.

``GET /api/attendance/excuses/`` (filters; ``queue=true``: waiting for my decision), ``POST`` to request
(JSON, or multipart with a ``document``), ``GET …/{id}/`` with history, ``POST …/{id}/approve|reject|cancel|
revoke/``, ``GET …/{id}/document/``; ``GET|POST /api/attendance/outages/``, ``POST …/{id}/revoke/``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.serializers import CodedRefSerializer
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import NotFoundError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import ExcuseKind, ExcuseStatus
from ..models import Excuse, Outage
from ..selectors import excuses as selectors
from ..services.excuse_checks import LeaveFlags
from ..services.excuses import excuse_approve, excuse_cancel, excuse_reject, excuse_request, excuse_revoke
from ..services.outages import outage_declare, outage_revoke


class _EmployeeRef(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ExcuseSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = _EmployeeRef(read_only=True)
    org_unit = CodedRefSerializer(source="employee.org_unit", read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Excuse
        fields = (
            "id",
            "employee",
            "org_unit",
            "kind",
            "leave_kind",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "working_days",
            "reason",
            "status",
            "decided_at",
            "decision_note",
            "has_document",
            "created_at",
        )
        read_only_fields = fields

    def get_has_document(self, obj: Excuse) -> bool:
        return bool(obj.document)


class _StepSerializer(serializers.Serializer):  # type: ignore[type-arg]
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor_label = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class _SuperiorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField()
    employee_id = serializers.IntegerField()
    employee_name = serializers.CharField()
    kind = serializers.CharField()


class ExcuseDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    excuse = ExcuseSerializer()
    steps = _StepSerializer(many=True)
    superior = _SuperiorSerializer(allow_null=True)
    can_decide = serializers.BooleanField()
    can_cancel = serializers.BooleanField()
    can_revoke = serializers.BooleanField()


class ExcuseFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    queue = serializers.BooleanField(required=False, default=False, help_text="Only requests waiting for me")
    org_unit = serializers.IntegerField(required=False, help_text="A unit id: its whole subtree")
    employee = serializers.IntegerField(required=False)
    kind = serializers.ChoiceField(choices=ExcuseKind.choices, required=False)
    status = serializers.ChoiceField(choices=ExcuseStatus.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)


class ExcuseInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField(required=False, help_text="Omit for oneself")
    kind = serializers.ChoiceField(choices=ExcuseKind.choices)
    leave_kind = serializers.CharField(required=False, allow_blank=True, default="")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True, default=None)
    end_time = serializers.TimeField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=2000, allow_blank=True)
    document = serializers.FileField(required=False, allow_null=True, default=None)
    child_number = serializers.IntegerField(required=False, allow_null=True, default=None)
    religious_duty = serializers.BooleanField(required=False, default=False)
    miscarriage = serializers.BooleanField(required=False, default=False)
    work_accident = serializers.BooleanField(required=False, default=False)


class ReasonInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


def _employee(actor: Any, employee_id: int | None) -> Employee:
    tenant_id = scope_of(actor).tenant_id
    pk = employee_id if employee_id is not None else scope_of(actor).employee_id
    if pk is None:
        message = "Isi pegawai yang dimintakan izin atau cuti."
        raise ValidationFailed(message, field_errors={"employee": [message]})
    found: Employee | None = Employee.objects.filter(tenant_id=tenant_id or 0, pk=pk).first()
    if found is None:
        raise NotFoundError("Pegawai tidak ditemukan.")
    return found


class ExcuseViewSet(ScopedViewSet):
    """Excuses of the people the caller may see (attendance.view; one's own always)."""

    model = Excuse
    view_action = ATTENDANCE_VIEW
    serializer_class = ExcuseSerializer
    lookup_value_regex = r"\d+"
    parser_classes = (JSONParser, MultiPartParser, FormParser)  # type: ignore[assignment]

    def base_queryset(self) -> QuerySet[Excuse]:
        return Excuse.objects.select_related("employee", "employee__org_unit")

    def _detail(self, excuse: Excuse, code: int = status.HTTP_200_OK) -> Response:
        excuse = self.get_queryset().get(pk=excuse.pk)
        return self.render(
            selectors.excuse_page(actor=self.request.user, excuse=excuse), ExcuseDetailSerializer, status_code=code
        )

    @extend_schema(
        summary="List excuses (filters; queue=true: waiting for my decision)",
        parameters=[ExcuseFilterSerializer],
        responses={200: ExcuseSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(ExcuseFilterSerializer)
        if f.get("queue"):
            return self.render_page([row.excuse for row in selectors.excuse_inbox(actor=request.user)])
        path = ""
        if f.get("org_unit") is not None:
            unit = OrgUnit.objects.filter(tenant_id=scope_of(request.user).tenant_id or 0, pk=f["org_unit"]).first()
            path = unit.path if unit is not None else "-"
        filters = selectors.ExcuseFilters(
            org_unit_path=path,
            kind=f.get("kind", ""),
            status=f.get("status", ""),
            year=f.get("year"),
            month=f.get("month") if f.get("year") else None,
            employee_id=f.get("employee"),
        )
        return self.render_page(selectors.excuse_list(actor=request.user, filters=filters))

    @extend_schema(
        summary="One excuse with its history, its decider and what the caller may do",
        responses={200: ExcuseDetailSerializer, **errors(401, 404)},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        summary="Request an excuse for oneself, or (operators, BKPSDM) for staff in scope",
        request={"application/json": ExcuseInputSerializer, "multipart/form-data": ExcuseInputSerializer},
        responses={201: ExcuseDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(ExcuseInputSerializer)
        excuse = excuse_request(
            actor=request.user,
            employee=_employee(request.user, d.get("employee")),
            kind=d["kind"],
            leave_kind=d["leave_kind"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            start_time=d["start_time"],
            end_time=d["end_time"],
            reason=d["reason"],
            document=d["document"],
            flags=LeaveFlags(
                child_number=d["child_number"],
                religious_duty=d["religious_duty"],
                miscarriage=d["miscarriage"],
                work_accident=d["work_accident"],
            ),
        )
        return self._detail(excuse, status.HTTP_201_CREATED)

    def _step(self, step: str) -> Response:
        excuse = self.get_object()
        reason = self.parse(ReasonInputSerializer)["reason"]
        user = self.request.user
        if step == "approve":
            excuse_approve(actor=user, excuse=excuse, note=reason)
        elif step == "reject":
            excuse_reject(actor=user, excuse=excuse, reason=reason)
        elif step == "revoke":
            excuse_revoke(actor=user, excuse=excuse, reason=reason)
        else:
            excuse_cancel(actor=user, excuse=excuse, reason=reason)
        return self._detail(excuse)

    @extend_schema(
        summary="Approve a request (its direct superior, or BKPSDM)",
        request=ReasonInputSerializer,
        responses={200: ExcuseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._step("approve")

    @extend_schema(
        summary="Reject a request with a reason",
        request=ReasonInputSerializer,
        responses={200: ExcuseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._step("reject")

    @extend_schema(
        summary="Withdraw one's own request before it is decided",
        request=ReasonInputSerializer,
        responses={200: ExcuseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        return self._step("cancel")

    @extend_schema(
        summary="Revoke an approved excuse with a reason (superior or BKPSDM)",
        request=ReasonInputSerializer,
        responses={200: ExcuseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        return self._step("revoke")

    @extend_schema(
        summary="Download the supporting document (attachment, nosniff)",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY), **errors(401, 404)},
    )
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str | None = None) -> FileResponse:
        excuse = self.get_object()
        if not excuse.document:
            raise NotFoundError("Permintaan ini tidak memiliki dokumen pendukung.")
        name = excuse.document.name.rsplit("/", 1)[-1]
        response = FileResponse(excuse.document.open("rb"), as_attachment=True, filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class OutageSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Outage
        fields = ("id", "date", "start_time", "end_time", "org_unit", "reason", "is_active", "revoked_reason")
        read_only_fields = fields


class OutageInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    org_unit = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="Omit: the tenant")
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class OutageViewSet(ScopedViewSet):
    """System outages of the caller's tenant (read by every holder of attendance.view; declared by BKPSDM)."""

    model = Outage
    serializer_class = OutageSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Outage]:
        if getattr(self, "swagger_fake_view", False):
            return Outage.objects.none()
        return selectors.outage_list(actor=self.request.user)

    @extend_schema(summary="List outages, newest first", responses={200: OutageSerializer(many=True), **errors(401)})
    def list(self, request: Request) -> Response:
        return self.render_page(self.get_queryset())

    @extend_schema(summary="One outage", responses={200: OutageSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Declare an outage: everyone in scope is excused in the window",
        request=OutageInputSerializer,
        responses={201: OutageSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(OutageInputSerializer)
        unit = None
        if d["org_unit"] is not None:
            unit = OrgUnit.objects.filter(tenant_id=scope_of(request.user).tenant_id or 0, pk=d["org_unit"]).first()
            if unit is None:
                raise ValidationFailed("Unit tidak ditemukan.", field_errors={"org_unit": ["Unit tidak ditemukan."]})
        outage = outage_declare(
            actor=request.user,
            date=d["date"],
            start_time=d["start_time"],
            end_time=d["end_time"],
            org_unit=unit,
            reason=d["reason"],
        )
        return self.render(outage, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Revoke an outage with a reason",
        request=ReasonInputSerializer,
        responses={200: OutageSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        outage = self.get_object()
        reason = self.parse(ReasonInputSerializer)["reason"]
        return self.render(outage_revoke(actor=request.user, outage=outage, reason=reason))
