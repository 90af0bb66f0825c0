"""The punch-file API: upload or check a file, enter a manual punch, read the batch history.

The endpoints call the same services as the pages (``services.files``) and the same selector
(``selectors.batches``). Serializers hold types only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet

from ..models import IngestBatch
from ..selectors.batches import batch_list, can_see_batches
from ..services.files import punch_file_import, punch_manual_add


class PunchFileUploadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField(help_text="A ZKTeco ATTLOG .dat, a CSV or an .xlsx; at most 20 MB.")
    org_unit = serializers.IntegerField(required=False, allow_null=True, help_text="Unit id; default the device's.")
    device = serializers.IntegerField(
        required=False, allow_null=True, help_text="Device id; required for a .dat (its serial keys the punches)."
    )
    dry_run = serializers.BooleanField(required=False, default=False, help_text="Check only: nothing is written.")


class PunchLineErrorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    line = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    message_id = serializers.CharField()
    message_en = serializers.CharField()
    raw = serializers.CharField()
    kept = serializers.BooleanField(required=False, help_text="True: the row was stored (unknown PIN).")


class FileReportSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file_name = serializers.CharField()
    format = serializers.ChoiceField(choices=["dat", "csv", "xlsx"])
    dry_run = serializers.BooleanField()
    org_unit = serializers.IntegerField(source="org_unit_id")
    device = serializers.IntegerField(source="device_id", allow_null=True)
    received = serializers.IntegerField()
    accepted = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    unmatched = serializers.IntegerField()
    rejected = serializers.IntegerField()
    errors = PunchLineErrorSerializer(many=True)  # type: ignore[assignment]
    notes = PunchLineErrorSerializer(many=True)
    batch = serializers.IntegerField(source="batch_id", allow_null=True)


class ManualPunchSerializer(serializers.Serializer):  # type: ignore[type-arg]
    nip = serializers.CharField(max_length=24)
    punched_at = serializers.DateTimeField(
        default_timezone=None, help_text="Local wall time in the tenant's zone, e.g. 2026-11-19T07:30:00."
    )
    status = serializers.IntegerField(min_value=0, max_value=255, default=0)
    reason = serializers.CharField(max_length=255)


class PunchBatchFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    source = serializers.CharField(required=False, default="")  # type: ignore[assignment]
    org_unit = serializers.IntegerField(required=False)
    device = serializers.IntegerField(required=False)
    day_from = serializers.DateField(required=False)
    day_to = serializers.DateField(required=False)


class PunchBatchSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True, default="")
    device_serial = serializers.CharField(source="device.serial_number", read_only=True, default="")
    created_by = serializers.CharField(source="created_by.username", read_only=True, default="")

    class Meta:
        model = IngestBatch
        fields = [
            "id",
            "source",
            "org_unit",
            "org_unit_name",
            "device",
            "device_serial",
            "file_name",
            "created_by",
            "created_at",
            "received",
            "accepted",
            "duplicates",
            "unmatched",
            "rejected",
        ]
        read_only_fields = fields


class PunchBatchDetailSerializer(PunchBatchSerializer):
    errors = PunchLineErrorSerializer(many=True, read_only=True)  # type: ignore[assignment]

    class Meta(PunchBatchSerializer.Meta):
        fields = [*PunchBatchSerializer.Meta.fields, "errors"]
        read_only_fields = fields


class PunchFileViewSet(ScopedViewSet):
    """``POST /api/attendance/punch-files/``: import or check (``dry_run``) one punch file."""

    model = IngestBatch
    parser_classes = (MultiPartParser, FormParser)  # type: ignore[assignment]
    serializer_class = FileReportSerializer

    @extend_schema(
        summary="Import or check a punch file (.dat, CSV, xlsx)",
        request={"multipart/form-data": PunchFileUploadSerializer},
        responses={201: FileReportSerializer, 200: FileReportSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        data = self.parse(PunchFileUploadSerializer)
        upload = data["file"]
        report = punch_file_import(
            actor=request.user,
            content=upload.read(),
            file_name=upload.name,
            org_unit_id=data.get("org_unit"),
            device_id=data.get("device"),
            dry_run=data["dry_run"],
        )
        code = status.HTTP_200_OK if report.dry_run else status.HTTP_201_CREATED
        return self.render(report, FileReportSerializer, status_code=code)


class ManualPunchViewSet(ScopedViewSet):
    """``POST /api/attendance/manual-punches/``: one punch for an employee, with a reason (BKPSDM)."""

    model = IngestBatch
    serializer_class = PunchBatchSerializer

    @extend_schema(
        summary="Enter a manual punch with a reason",
        request=ManualPunchSerializer,
        responses={201: PunchBatchSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        data = self.parse(ManualPunchSerializer)
        result = punch_manual_add(
            actor=request.user,
            nip=data["nip"],
            punched_at=data["punched_at"],
            status=data["status"],
            reason=data["reason"],
        )
        batch = IngestBatch.objects.select_related("org_unit", "device", "created_by").get(pk=result.batch_id)
        return self.render(batch, PunchBatchSerializer, status_code=status.HTTP_201_CREATED)


class IngestBatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """``GET /api/attendance/batches/`` and ``/{id}/``: the batch history in scope, with the line report."""

    model = IngestBatch

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action == "list" and not can_see_batches(request.user):
            raise PermissionDenied

    def base_queryset(self) -> QuerySet[IngestBatch]:
        return IngestBatch.objects.select_related("org_unit", "device", "created_by")

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        return PunchBatchDetailSerializer if self.action == "retrieve" else PunchBatchSerializer

    @extend_schema(
        summary="List punch batches in scope",
        parameters=[PunchBatchFilterSerializer],
        responses={200: PunchBatchSerializer(many=True), **errors(401, 403)},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        filters = self.parse_query(PunchBatchFilterSerializer)
        queryset = batch_list(
            actor=request.user,
            source=filters.get("source", ""),
            org_unit_id=filters.get("org_unit"),
            device_id=filters.get("device"),
            day_from=filters.get("day_from"),
            day_to=filters.get("day_to"),
        )
        return self.render_page(queryset, PunchBatchSerializer)

    @extend_schema(
        summary="One punch batch with its line report", responses={200: PunchBatchDetailSerializer, **errors(401, 404)}
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)
