"""Directives and field visits API: the same services and selectors as the pages.

``GET|POST /api/meetings/directives/``, ``GET …/{id}/``, ``GET …/{id}/matrix/?period=YYYY-MM``,
``POST …/{id}/report/``; ``GET|POST /api/meetings/visits/``, ``GET …/{id}/``, ``GET|POST …/{id}/photos/``
(multipart upload), ``GET /api/meetings/visit-photos/{id}/`` (the image, inline, only in scope).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.serializers import CodedRefSerializer
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..models import Directive, DirectiveItem, FieldVisit, Meeting
from ..selectors import directives as directive_selectors
from ..selectors import visits as visit_selectors
from ..services.directives import directive_create, directive_report
from ..services.visits import visit_photo_add, visit_record
from ..views.visits import photo_response


def _require_view(user: Any) -> None:
    if not scope_of(user).can(MEETINGS_VIEW):
        raise Forbidden("Anda tidak berwenang melihat data rapat, arahan dan kunjungan.")


def _tenant_row(model: Any, user: Any, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    row = model.objects.filter(tenant_id=scope_of(user).tenant_id or 0, pk=pk).first()
    if row is None:
        raise ValidationFailed(f"{field}: tidak ditemukan.", field_errors={field: ["Tidak ditemukan di daerah ini."]})
    return row


class DirectiveItemSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    units = CodedRefSerializer(many=True, read_only=True)

    class Meta:
        model = DirectiveItem
        fields = ("id", "number", "text", "units")
        read_only_fields = fields


class DirectiveSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True)
    item_count = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = Directive
        fields = ("id", "title", "org_unit", "issued_on", "reporting", "meeting", "is_active", "item_count")
        read_only_fields = fields


class DirectiveDetailSerializer(DirectiveSerializer):
    items = DirectiveItemSerializer(many=True, read_only=True)

    class Meta(DirectiveSerializer.Meta):
        fields: tuple[str, ...] = (*DirectiveSerializer.Meta.fields, "items")  # type: ignore[assignment]
        read_only_fields: tuple[str, ...] = fields  # type: ignore[assignment]


class DirectiveItemInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    number = serializers.IntegerField(min_value=1, max_value=999)
    text = serializers.CharField(allow_blank=True, max_length=5000)
    units = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class DirectiveInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    org_unit = serializers.IntegerField()
    issued_on = serializers.DateField()
    reporting = serializers.CharField(max_length=12)
    meeting = serializers.IntegerField(required=False, allow_null=True, default=None)
    items = DirectiveItemInputSerializer(many=True)


class DirectivePeriodSerializer(serializers.Serializer):  # type: ignore[type-arg]
    period = serializers.RegexField(r"^\d{4}-\d{2}$", required=False, help_text="YYYY-MM (default: current)")


class DirectiveReportInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    item = serializers.IntegerField()
    org_unit = serializers.IntegerField()
    period_start = serializers.DateField(required=False, help_text="First day of the period (default: current)")
    status = serializers.CharField(max_length=14)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    evidence_link = serializers.URLField(required=False, allow_blank=True, default="")


class DirectiveReportSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id")
    org_unit = serializers.IntegerField(source="org_unit_id")
    period_start = serializers.DateField()
    status = serializers.CharField()
    note = serializers.CharField()
    evidence_link = serializers.CharField()
    reported_at = serializers.DateTimeField()


class DirectiveCellSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField(source="unit.pk")
    addressed = serializers.BooleanField()
    status = serializers.CharField()
    colour = serializers.CharField()


class DirectiveRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    item = DirectiveItemSerializer()
    cells = DirectiveCellSerializer(many=True)


class DirectiveMatrixSerializer(serializers.Serializer):  # type: ignore[type-arg]
    period = serializers.DateField()
    units = CodedRefSerializer(many=True)
    rows = DirectiveRowSerializer(many=True)
    counts = serializers.DictField(child=serializers.IntegerField())


class DirectiveViewSet(ScopedViewSet):
    """The Bupati's directives (read by whoever holds ``meetings.view`` in the tenant)."""

    model = Directive
    serializer_class = DirectiveSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Directive]:
        if getattr(self, "swagger_fake_view", False):
            return Directive.objects.none()
        _require_view(self.request.user)
        return directive_selectors.directive_list(self.request.user)

    def _period(self, directive: Directive, value: str | None) -> dt.date:
        today = self.tenant_today()
        if not value:
            return directive_selectors.current_period(directive, today)
        for period in directive_selectors.periods_of(directive, today):
            if period.strftime("%Y-%m") == value:
                return period
        raise ValidationFailed("Periode di luar masa berlaku arahan.", field_errors={"period": ["Periode tidak ada."]})

    @extend_schema(
        summary="List directives, newest first", responses={200: DirectiveSerializer(many=True), **errors(401, 403)}
    )
    def list(self, request: Request) -> Response:
        return self.render_page(self.get_queryset())

    @extend_schema(
        summary="One directive with its numbered items",
        responses={200: DirectiveDetailSerializer, **errors(401, 403, 404)},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        directive = self.get_queryset().prefetch_related("items__units").get(pk=self.get_object().pk)
        return self.render(directive, DirectiveDetailSerializer)

    @extend_schema(
        summary="Record a set of directives, all items or none (meetings.manage tenant-wide)",
        request=DirectiveInputSerializer,
        responses={201: DirectiveDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(DirectiveInputSerializer)
        user = request.user
        units = {u.pk: u for u in OrgUnit.objects.filter(tenant_id=scope_of(user).tenant_id or 0)}
        items = []
        for spec in d["items"]:
            missing = [pk for pk in spec["units"] if pk not in units]
            if missing:
                raise NotFoundError(f"Unit {missing} tidak ditemukan.")
            items.append((spec["number"], spec["text"], [units[pk] for pk in spec["units"]]))
        org_unit = units.get(d["org_unit"])
        if org_unit is None:
            raise NotFoundError("Unit penerbit tidak ditemukan.")
        directive = directive_create(
            actor=user,
            org_unit=org_unit,
            title=d["title"],
            issued_on=d["issued_on"],
            reporting=d["reporting"],
            meeting=_tenant_row(Meeting, user, d["meeting"], "meeting"),
            items=items,
        )
        directive = Directive.objects.prefetch_related("items__units").select_related("org_unit").get(pk=directive.pk)
        return self.render(directive, DirectiveDetailSerializer, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The item × OPD matrix of one period (status and colour per cell)",
        parameters=[DirectivePeriodSerializer],
        responses={200: DirectiveMatrixSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get"])
    def matrix(self, request: Request, pk: str | None = None) -> Response:
        directive = self.get_object()
        period = self._period(directive, self.parse_query(DirectivePeriodSerializer).get("period"))
        return self.render(
            directive_selectors.directive_matrix(request.user, directive, period), DirectiveMatrixSerializer
        )

    @extend_schema(
        summary="Report an OPD's compliance with one item for a period (the OPD head; again to update)",
        request=DirectiveReportInputSerializer,
        responses={200: DirectiveReportSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        directive = self.get_object()
        d = self.parse(DirectiveReportInputSerializer)
        item = DirectiveItem.objects.filter(directive=directive, pk=d["item"]).first()
        unit = OrgUnit.objects.filter(tenant_id=directive.tenant_id, pk=d["org_unit"]).first()
        if item is None or unit is None:
            raise NotFoundError("Butir arahan atau OPD tidak ditemukan.")
        period = d.get("period_start") or directive_selectors.current_period(directive, self.tenant_today())
        report = directive_report(
            actor=request.user,
            item=item,
            org_unit=unit,
            period_start=period,
            status=d["status"],
            note=d["note"],
            evidence_link=d["evidence_link"],
        )
        return self.render(report, DirectiveReportSerializer)


class VisitPersonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    name = serializers.CharField()


class VisitPhotoSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    caption = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()


class VisitSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    place = CodedRefSerializer(read_only=True)
    led_by = VisitPersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = FieldVisit
        fields = ("id", "title", "place", "visited_on", "led_by", "findings")
        read_only_fields = fields


class VisitDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    visit = VisitSerializer()
    participants = VisitPersonSerializer(many=True)
    photos = VisitPhotoSerializer(many=True)
    action_items = serializers.SerializerMethodField()

    def get_action_items(self, obj: Any) -> list[dict[str, Any]]:
        return [
            {"id": i.pk, "title": i.title, "owner_unit": i.owner_unit_id, "due_on": i.due_on, "status": i.status}
            for i in obj.items
        ]


class VisitInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    place = serializers.IntegerField()
    visited_on = serializers.DateField()
    title = serializers.CharField(max_length=200)
    led_by = serializers.IntegerField(required=False, allow_null=True, default=None)
    participants = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    findings = serializers.CharField(allow_blank=True, max_length=10000)


class VisitPhotoInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField()
    caption = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class VisitViewSet(ScopedViewSet):
    """Field visits, scoped by the place visited."""

    model = FieldVisit
    serializer_class = VisitSerializer
    lookup_value_regex = r"\d+"
    parser_classes = (JSONParser, MultiPartParser, FormParser)  # type: ignore[assignment]

    def get_queryset(self) -> QuerySet[FieldVisit]:
        if getattr(self, "swagger_fake_view", False):
            return FieldVisit.objects.none()
        _require_view(self.request.user)
        return visit_selectors.visit_list(self.request.user)

    @extend_schema(
        summary="List visits in scope, newest first", responses={200: VisitSerializer(many=True), **errors(401, 403)}
    )
    def list(self, request: Request) -> Response:
        return self.render_page(self.get_queryset())

    @extend_schema(
        summary="One visit: findings, participants, photos, action items in scope",
        responses={200: VisitDetailSerializer, **errors(401, 403, 404)},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        visit = self.get_object()
        return self.render(visit_selectors.visit_detail(request.user, visit), VisitDetailSerializer)

    @extend_schema(
        summary="Record a visit (meetings.manage over the place)",
        request=VisitInputSerializer,
        responses={201: VisitSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(VisitInputSerializer)
        user = request.user
        place = OrgUnit.objects.filter(tenant_id=scope_of(user).tenant_id or 0, pk=d["place"]).first()
        if place is None:
            raise NotFoundError("Lokasi tidak ditemukan.")
        people = list(Employee.objects.filter(tenant_id=place.tenant_id, pk__in=d["participants"]))
        if len(people) != len(set(d["participants"])):
            raise ValidationFailed("Peserta tidak ditemukan.", field_errors={"participants": ["Tidak ditemukan."]})
        visit = visit_record(
            actor=user,
            place=place,
            visited_on=d["visited_on"],
            title=d["title"],
            led_by=_tenant_row(Employee, user, d["led_by"], "led_by"),
            participants=people,
            findings=d["findings"],
        )
        return self.render(self.get_queryset().get(pk=visit.pk), status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The visit's photos (GET) or upload one as multipart 'file' with 'caption' (POST)",
        request={"multipart/form-data": VisitPhotoInputSerializer},
        responses={200: VisitPhotoSerializer(many=True), 201: VisitPhotoSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get", "post"])
    def photos(self, request: Request, pk: str | None = None) -> Response:
        visit = self.get_object()
        if request.method == "GET":
            return Response(VisitPhotoSerializer(list(visit.photos.order_by("id")), many=True).data)
        d = self.parse(VisitPhotoInputSerializer)
        photo = visit_photo_add(actor=request.user, visit=visit, file=d["file"], caption=d["caption"])
        return Response(VisitPhotoSerializer(photo).data, status=status.HTTP_201_CREATED)


class VisitPhotoViewSet(ScopedViewSet):
    """A photo's bytes, inline, to whoever may see its visit (else 404)."""

    model = FieldVisit
    lookup_value_regex = r"\d+"

    @extend_schema(
        summary="Download a visit photo (image/jpeg or image/png)", responses={200: bytes, **errors(401, 404)}
    )
    def retrieve(self, request: Request, pk: str | None = None) -> FileResponse:
        return photo_response(get_object_or_404(visit_selectors.visible_photos(request.user), pk=pk))
