"""Action items API: the same services and selectors as the pages.

``GET|POST /api/meetings/items/`` (filters: status incl. ``overdue``, unit, meeting, due_from, due_to),
``GET …/{id}/``, ``POST …/{id}/move/``, ``POST …/{id}/evidence/`` (multipart: kind, file | link | note),
``POST …/{id}/verify/``, ``POST …/{id}/return/``, ``POST …/{id}/drop/``; ``GET /api/meetings/follow-through/``;
``GET /api/meetings/item-evidence/{id}/`` (the file, as an attachment, only in scope).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.core.views import tenant_today
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..models import ActionEvidence, ActionItem, Meeting, MeetingDecision
from ..selectors import actions as selectors
from ..services import actions as services
from ..services.actions_evidence import evidence_submit


def _require_view(user: Any) -> None:
    if not scope_of(user).can(MEETINGS_VIEW):
        raise Forbidden("Anda tidak berwenang melihat tindak lanjut rapat.")


def _row(model: Any, user: Any, pk: int | None, field: str) -> Any:
    """A row of the caller's tenant by id (a decision through its meeting), else a field error."""
    if pk is None:
        return None
    tenant = "meeting__tenant_id" if model is MeetingDecision else "tenant_id"
    row = model.objects.filter(pk=pk, **{tenant: scope_of(user).tenant_id or 0}).first()
    if row is None:
        raise ValidationFailed(f"{field}: tidak ditemukan.", field_errors={field: ["Tidak ditemukan di daerah ini."]})
    return row


class ActionItemEventSerializer(serializers.Serializer):  # type: ignore[type-arg]
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(source="actor_label")
    note = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")


class ActionItemEvidenceSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    kind = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    link = serializers.CharField()
    note = serializers.CharField()
    submitted_at = serializers.DateTimeField(source="created_at")


class ActionItemSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    title = serializers.CharField()
    owner_unit = serializers.IntegerField(source="owner_unit_id")
    owner_unit_name = serializers.CharField(source="owner_unit.name")
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    meeting = serializers.IntegerField(source="meeting_id", allow_null=True)
    kind = serializers.CharField()
    due_on = serializers.DateField()
    expected_evidence = serializers.CharField()
    evidence_kind = serializers.CharField()
    status = serializers.CharField()
    overdue = serializers.SerializerMethodField()
    done_on = serializers.DateField(allow_null=True)
    verified_on = serializers.DateField(allow_null=True)
    drop_reason = serializers.CharField()

    def get_overdue(self, item: ActionItem) -> bool:
        return selectors.overdue(item, self.context["today"])


class ActionItemDetailSerializer(ActionItemSerializer):
    events = ActionItemEventSerializer(many=True, read_only=True)
    evidence = ActionItemEvidenceSerializer(many=True, read_only=True)


class ActionItemFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.CharField(
        required=False, default="", help_text="open, in_progress, done, verified, dropped, overdue"
    )
    unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    meeting = serializers.IntegerField(required=False, allow_null=True, default=None)
    due_from = serializers.DateField(required=False, allow_null=True, default=None)
    due_to = serializers.DateField(required=False, allow_null=True, default=None)


class ActionItemCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    owner_unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    owner = serializers.IntegerField(required=False, allow_null=True, default=None)
    meeting = serializers.IntegerField(required=False, allow_null=True, default=None)
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=255, allow_blank=True)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    expected_evidence = serializers.CharField(max_length=255, allow_blank=True, required=False, default="")
    evidence_kind = serializers.CharField(max_length=10)
    kind = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")


class ActionItemMoveSerializer(serializers.Serializer):  # type: ignore[type-arg]
    to_status = serializers.CharField(max_length=12)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ActionItemNoteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ActionItemReasonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ActionItemEvidenceInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField(max_length=10)
    file = serializers.FileField(required=False, allow_null=True, default=None)
    link = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ActionItemRateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField(source="unit_id")
    name = serializers.CharField()
    due = serializers.IntegerField(source="figures.due")
    verified_on_time = serializers.IntegerField(source="figures.verified_on_time")
    rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class ItemViewSet(ScopedViewSet):
    """Action items the caller may see (meetings.view over the owner unit)."""

    model = ActionItem
    view_action = MEETINGS_VIEW
    serializer_class = ActionItemSerializer
    lookup_value_regex = r"\d+"

    def base_queryset(self) -> QuerySet[ActionItem]:
        return ActionItem.objects.select_related("owner_unit")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["today"] = tenant_today(self.request.user)
        return context

    def _item(self, pk: int) -> ActionItem:
        _require_view(self.request.user)
        item: ActionItem = get_object_or_404(selectors.item_detail_queryset(actor=self.request.user), pk=pk)
        return item

    def _detail(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        return self.render(self._item(pk), ActionItemDetailSerializer, status_code=code)

    @extend_schema(
        summary="List action items in scope",
        parameters=[ActionItemFilterSerializer],
        responses={200: ActionItemSerializer(many=True), **errors(400, 401, 403)},
    )
    def list(self, request: Request) -> Response:
        _require_view(request.user)
        f = self.parse_query(ActionItemFilterSerializer)
        filters = selectors.ItemFilters(
            status=f["status"], unit_id=f["unit"], meeting_id=f["meeting"], due_from=f["due_from"], due_to=f["due_to"]
        )
        return self.render_page(
            selectors.item_list(actor=request.user, filters=filters, today=tenant_today(request.user))
        )

    @extend_schema(
        summary="One action item with its history and evidence",
        responses={200: ActionItemDetailSerializer, **errors(401, 403, 404)},
    )
    def retrieve(self, request: Request, pk: int) -> Response:
        return self._detail(pk)

    @extend_schema(
        summary="Create an action item",
        request=ActionItemCreateSerializer,
        responses={201: ActionItemDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        _require_view(request.user)
        d = self.parse(ActionItemCreateSerializer)
        meeting = None
        if d["meeting"] is not None:
            meeting = Meeting.objects.visible_to(request.user, MEETINGS_VIEW).filter(pk=d["meeting"]).first()
            if meeting is None:
                raise NotFoundError("Rapat tidak ditemukan.")
        item = services.item_create(
            actor=request.user,
            meeting=meeting,
            owner_unit=_row(OrgUnit, request.user, d["owner_unit"], "owner_unit"),
            owner=_row(Employee, request.user, d["owner"], "owner"),
            decision=_row(MeetingDecision, request.user, d["decision"], "decision"),
            title=d["title"],
            due_on=d["due_on"],
            expected_evidence=d["expected_evidence"],
            evidence_kind=d["evidence_kind"],
            kind=d["kind"],
        )
        return self._detail(item.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Report progress (in_progress; done needs evidence)",
        request=ActionItemMoveSerializer,
        responses={200: ActionItemDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: int) -> Response:
        d = self.parse(ActionItemMoveSerializer)
        services.item_move(actor=request.user, item=self._item(pk), to_status=d["to_status"], note=d["note"])
        return self._detail(pk)

    @extend_schema(
        summary="Submit evidence (multipart); the item becomes done",
        request={"multipart/form-data": ActionItemEvidenceInputSerializer},
        responses={201: ActionItemDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def evidence(self, request: Request, pk: int) -> Response:
        d = self.parse(ActionItemEvidenceInputSerializer)
        evidence_submit(
            actor=request.user, item=self._item(pk), kind=d["kind"], file=d["file"], link=d["link"], note=d["note"]
        )
        return self._detail(pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Verify the evidence",
        request=ActionItemNoteSerializer,
        responses={200: ActionItemDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: int) -> Response:
        d = self.parse(ActionItemNoteSerializer)
        services.item_verify(actor=request.user, item=self._item(pk), note=d["note"])
        return self._detail(pk)

    @extend_schema(
        summary="Return the evidence with what is missing",
        request=ActionItemNoteSerializer,
        responses={200: ActionItemDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: int) -> Response:
        d = self.parse(ActionItemNoteSerializer)
        services.item_return(actor=request.user, item=self._item(pk), note=d["note"])
        return self._detail(pk)

    @extend_schema(
        summary="Drop the item with a reason",
        request=ActionItemReasonSerializer,
        responses={200: ActionItemDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def drop(self, request: Request, pk: int) -> Response:
        d = self.parse(ActionItemReasonSerializer)
        services.item_drop(actor=request.user, item=self._item(pk), reason=d["reason"])
        return self._detail(pk)


class ItemEvidenceViewSet(ScopedViewSet):
    """An evidence file of an item in scope, as an attachment (out of scope: 404)."""

    model = ActionItem
    view_action = MEETINGS_VIEW
    lookup_value_regex = r"\d+"

    @extend_schema(
        summary="Download an evidence file",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY), **errors(401, 403, 404)},
    )
    def retrieve(self, request: Request, pk: int) -> FileResponse:
        _require_view(request.user)
        evidence: ActionEvidence = get_object_or_404(
            selectors.evidence_in_scope(actor=request.user).exclude(file=""), pk=pk
        )
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name or "bukti",
            content_type=evidence.content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class FollowThroughViewSet(ViewSet):
    """The follow-through rate per OPD (verified on time ÷ due) over the current year."""

    @extend_schema(
        summary="Follow-through rate per OPD", responses={200: ActionItemRateSerializer(many=True), **errors(401, 403)}
    )
    def list(self, request: Request) -> Response:
        _require_view(request.user)
        table = selectors.follow_through_by_opd(actor=request.user, today=tenant_today(request.user))
        return Response(
            {
                "start": table.start,
                "end": table.end,
                "rows": ActionItemRateSerializer(table.rows, many=True).data,
            }
        )
