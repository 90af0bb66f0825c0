"""Check-in API: ``POST /api/attendance/checkins/`` (phones with a token, and the check-in page with its
session) and the anomaly flags (list, detail, review). Errors in the ``pamong.core`` format with the codes
``validation_failed``, ``outside_geofence``, ``clock_skew``, ``too_old``, ``in_future``, ``no_employee``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.drainage import set_override
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet

from ..choices import AnomalyKind, AnomalyStatus
from ..models import Anomaly
from ..selectors.checkin import checkin_token_user
from ..services.anomalies import anomaly_review
from ..services.checkin import checkin_record
from .checkin_input import CheckinInputSerializer, parse_checkin


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


class CheckinTokenAuthentication(TokenAuthentication):
    """DRF's token authentication that loads the user's employee and unit with the token: one query
    (``selectors.checkin.checkin_token_user``); ``request.auth`` is the key.

    ``checkin_record`` then takes the employee from the user (``selectors.checkin.checkin_employee``)
    instead of asking again; every ASN checks in twice a day, so a cache would not spare that query.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user = checkin_token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, key


# The same scheme as DRF's (``Authorization: Token <key>``, component "tokenAuth"): only the query differs.
set_override(CheckinTokenAuthentication, "suppress_collision_warning", True)


class CheckinView(APIView):
    """One web/mobile check-in of the caller (an employee user)."""

    authentication_classes = (CheckinTokenAuthentication, SessionAuthentication)

    @extend_schema(
        summary="Record my check-in (device time, position, client uuid)",
        request=CheckinInputSerializer,
        responses={201: CheckinOutputSerializer, 200: CheckinOutputSerializer, **errors(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        result = checkin_record(actor=request.user, **parse_checkin(request.data))
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
