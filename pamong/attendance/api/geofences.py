"""Geofences API: the check-in places (``/api/attendance/geofences/``), through the same services as the pages.

Listed for those who manage places (BKPSDM tenant-wide, unit heads over their subtree), as the page is; each
write is authorised by ``services.geofences`` (403 for a place in sight but not managed, 404 out of sight).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.fields import ScopedPrimaryKeyRelatedField
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit

from ..models import Geofence
from ..services.geofences import geofence_create, geofence_set_active, geofence_update, may_manage_geofences


class GeofenceSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)

    class Meta:
        model = Geofence
        fields = ["id", "org_unit", "org_unit_name", "name", "latitude", "longitude", "radius_m", "is_active"]
        read_only_fields = fields


class GeofenceInput(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit, action=ATTENDANCE_VIEW)
    name = serializers.CharField(max_length=120)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6)
    radius_m = serializers.IntegerField(help_text="10 to 5,000 m.")


class GeofenceUpdateInput(GeofenceInput):
    """Any of the fields; the others keep their values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class GeofenceDeactivateInput(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(max_length=500, help_text="Why the place is no longer used (audited).")


class GeofenceFilter(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField(required=False)
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)


class GeofenceViewSet(ScopedViewSet):
    """Check-in places of the units the caller manages; deactivated, never deleted."""

    model = Geofence
    view_action = ATTENDANCE_VIEW
    serializer_class = GeofenceSerializer
    lookup_value_regex = r"\d+"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        tenant_id = scope_of(request.user).tenant_id
        if tenant_id is None or not may_manage_geofences(request.user, tenant_id=tenant_id, path=None):
            raise PermissionDenied(_("Titik lokasi presensi diatur oleh BKPSDM atau kepala unit."))

    def base_queryset(self) -> QuerySet[Geofence]:
        return Geofence.objects.select_related("org_unit").order_by("-is_active", "org_unit__path", "name", "pk")

    @extend_schema(
        summary="List check-in places (active first)",
        parameters=[GeofenceFilter],
        responses={200: GeofenceSerializer(many=True), **errors(400, 401, 403)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(GeofenceFilter)
        qs = self.get_queryset()
        if f.get("org_unit"):
            qs = qs.filter(org_unit_id=f["org_unit"])
        if f["is_active"] is not None:
            qs = qs.filter(is_active=f["is_active"])
        return self.render_page(qs)

    @extend_schema(summary="One check-in place", responses={200: GeofenceSerializer, **errors(401, 403, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Add a check-in place to a unit (geofence_create)",
        request=GeofenceInput,
        responses={201: GeofenceSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(GeofenceInput)
        fence = geofence_create(
            actor=request.user,
            org_unit=d["org_unit"],
            name=d["name"],
            latitude=d["latitude"],
            longitude=d["longitude"],
            radius_m=d["radius_m"],
        )
        return self.render(self.get_queryset().get(pk=fence.pk), status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Move, rename or resize a check-in place (geofence_update)",
        request=GeofenceUpdateInput,
        responses={200: GeofenceSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        fence = self.get_object()
        d = self.parse(GeofenceUpdateInput)
        geofence_update(
            actor=request.user,
            geofence=fence,
            org_unit=d.get("org_unit", fence.org_unit),
            name=d.get("name", fence.name),
            latitude=d.get("latitude", fence.latitude),
            longitude=d.get("longitude", fence.longitude),
            radius_m=d.get("radius_m", fence.radius_m),
        )
        return self.render(self.get_queryset().get(pk=fence.pk))

    @extend_schema(
        summary="Stop using a check-in place, with a reason (geofence_set_active)",
        request=GeofenceDeactivateInput,
        responses={200: GeofenceSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        fence = self.get_object()
        d = self.parse(GeofenceDeactivateInput)
        geofence_set_active(actor=request.user, geofence=fence, active=False, reason=d["reason"])
        return self.render(self.get_queryset().get(pk=fence.pk))

    @extend_schema(
        summary="Use a deactivated check-in place again (geofence_set_active)",
        request=None,
        responses={200: GeofenceSerializer, **errors(401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str | None = None) -> Response:
        fence = self.get_object()
        geofence_set_active(actor=request.user, geofence=fence, active=True)
        return self.render(self.get_queryset().get(pk=fence.pk))
