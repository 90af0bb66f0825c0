"""Check-in API: ``POST /api/attendance/checkins/`` (the same ``checkin_record`` as the page) and the anomaly
flags (list, detail, review). Token or session authentication; errors in the ``pamong.core`` format with the
codes ``outside_geofence``, ``clock_skew``, ``too_old``, ``in_future``, ``no_employee``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet

from ..choices import AnomalyKind, AnomalyStatus
from ..models import Anomaly
from ..services.anomalies import anomaly_review
from ..services.checkin import checkin_record


class CheckinInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    client_id = serializers.UUIDField(help_text="Made by the phone when the button is pressed; a resend repeats it.")
    punched_at = serializers.DateTimeField(help_text="Device time of the press, ISO 8601 with offset.")
    sent_at = serializers.DateTimeField(help_text="Device clock when sending, ISO 8601 with offset.")
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    accuracy_m = serializers.FloatField(required=False, allow_null=True, default=None, min_value=0)
    is_mock = serializers.BooleanField(required=False, default=False)
    client_device = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    kind = serializers.ChoiceField(choices=["in", "out"], required=False, default="in")


class CheckinOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.ChoiceField(choices=["recorded", "duplicate"])
    client_id = serializers.CharField()
    punched_at = serializers.CharField()
    local_date = serializers.CharField()
    local_time = serializers.CharField()
    kind = serializers.CharField()
    geofence = serializers.CharField(help_text="The fence the punch is inside; empty when let in by an excuse.")
    distance_m = serializers.IntegerField(allow_null=True)
    outside_geofence = serializers.BooleanField(help_text="Accepted outside every fence (duty travel or WFH).")
    away_excuse = serializers.CharField()
    is_mock = serializers.BooleanField()
    counts_as = serializers.CharField(help_text="check_in, check_out, or empty without a schedule window today.")
    window = serializers.ListField(child=serializers.CharField(), allow_null=True)
    message = serializers.CharField()


class CheckinView(APIView):
    """One web/mobile check-in of the caller (an employee user)."""

    @extend_schema(
        summary="Record my check-in (device time, position, client uuid)",
        request=CheckinInputSerializer,
        responses={201: CheckinOutputSerializer, 200: CheckinOutputSerializer, **errors(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        serializer = CheckinInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = checkin_record(
            actor=request.user,
            client_id=str(data["client_id"]),
            punched_at=data["punched_at"],
            sent_at=data["sent_at"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            accuracy_m=data["accuracy_m"],
            is_mock=data["is_mock"],
            client_device=data["client_device"],
            kind=data["kind"],
        )
        return Response(result.as_dict(), status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)


class AnomalySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = serializers.SerializerMethodField()
    org_unit = serializers.SerializerMethodField()

    class Meta:
        model = Anomaly
        fields = (
            "id",
            "kind",
            "date",
            "employee",
            "org_unit",
            "key",
            "details",
            "status",
            "reviewed_at",
            "review_note",
        )
        read_only_fields = fields

    def get_employee(self, obj: Anomaly) -> dict[str, Any] | None:
        e = obj.employee
        return None if e is None else {"id": e.pk, "nip": e.nip, "name": e.name}

    def get_org_unit(self, obj: Anomaly) -> dict[str, Any]:
        return {"id": obj.org_unit_id, "code": obj.org_unit.code, "name": obj.org_unit.name}


class AnomalyFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.ChoiceField(choices=AnomalyStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=AnomalyKind.choices, required=False)
    date = serializers.DateField(required=False)


class AnomalyReviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    verdict = serializers.ChoiceField(choices=[AnomalyStatus.DISMISSED, AnomalyStatus.CONFIRMED])
    note = serializers.CharField(allow_blank=True)


class AnomalyViewSet(ScopedViewSet):
    """Anomaly flags in scope: BKPSDM the tenant, heads their unit's staff; BKPSDM reviews."""

    model = Anomaly
    view_action = ATTENDANCE_VIEW
    serializer_class = AnomalySerializer

    def base_queryset(self) -> QuerySet[Any]:
        return Anomaly.objects.select_related("employee", "org_unit").order_by("-date", "kind", "pk")

    @extend_schema(
        summary="List anomaly flags",
        parameters=[AnomalyFilterSerializer],
        responses={200: AnomalySerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        filters = self.parse_query(AnomalyFilterSerializer)
        qs = self.get_queryset()
        for name in ("status", "kind", "date"):
            if filters.get(name):
                qs = qs.filter(**{name: filters[name]})
        return self.render_page(qs)

    @extend_schema(summary="One anomaly flag", responses={200: AnomalySerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Review a flag: dismissed (wajar) or confirmed (terbukti), with a note",
        request=AnomalyReviewSerializer,
        responses={200: AnomalySerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str) -> Response:
        data = self.parse(AnomalyReviewSerializer)
        row = anomaly_review(actor=request.user, anomaly=self.get_object(), verdict=data["verdict"], note=data["note"])
        return self.render(Anomaly.objects.select_related("employee", "org_unit").get(pk=row.pk))
