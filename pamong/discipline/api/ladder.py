"""Ladder API: standings, my counter, warnings (list, detail, decline) and BKPSDM's evaluation, through the same
selectors and services as the pages.

``GET /api/discipline/standings/`` (``year``, ``unit``), ``GET …/standings/mine/`` (``year``),
``GET /api/discipline/warnings/`` (``status``, ``kind``, ``year``, ``unit``), ``GET …/warnings/{id}/``,
``POST …/warnings/{id}/decline/`` (``reason``), ``POST /api/discipline/ladder/evaluate/`` (``year``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import DISCIPLINE_MANAGE, DISCIPLINE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.serializers import CodedRefSerializer
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.authz import require_tenant
from pamong.core.errors import Forbidden, NotFoundError
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit

from ..choices import WarningKind, WarningStatus
from ..models import Standing, Warning
from ..selectors import ladder_pages as selectors
from ..services.ladder import ladder_evaluate_year
from ..services.ladder_warnings import warning_decline


class LadderEmployeeRef(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class _SuperiorRef(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class StandingSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = LadderEmployeeRef(read_only=True)
    org_unit = CodedRefSerializer(read_only=True)

    class Meta:
        model = Standing
        fields = (
            "id",
            "employee",
            "org_unit",
            "year",
            "unexcused_days",
            "late_minutes",
            "early_minutes",
            "total_days",
            "band",
            "longest_streak",
            "streak_reached_on",
            "through",
        )
        read_only_fields = fields


class OwnCounterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField()
    through = serializers.DateField(allow_null=True, help_text="The standing is computed up to this day")
    unexcused_days = serializers.IntegerField(source="position.unexcused_days")
    late_minutes = serializers.IntegerField()
    early_minutes = serializers.IntegerField()
    minutes = serializers.IntegerField(source="position.minutes")
    minute_days = serializers.IntegerField(source="position.minute_days", help_text="floor(minutes / 450)")
    remainder_minutes = serializers.IntegerField(source="position.remainder_minutes")
    total_days = serializers.IntegerField(source="position.total_days")
    band = serializers.SerializerMethodField()
    band_label = serializers.CharField(source="band_name")
    next_band = serializers.SerializerMethodField()
    next_band_lower = serializers.SerializerMethodField()
    days_to_next = serializers.IntegerField(source="position.days_to_next", allow_null=True)
    longest_streak = serializers.IntegerField(source="streak.longest")
    current_streak = serializers.IntegerField(source="streak.current")
    streak_reached_on = serializers.DateField(source="streak.reached_on", allow_null=True)
    streak_days = serializers.IntegerField(help_text="The run that leads to PDH TAPS (tenant setting, default 10)")

    def get_band(self, obj: selectors.OwnCounter) -> str:
        return obj.position.band.sanction.value if obj.position.band else ""

    def get_next_band(self, obj: selectors.OwnCounter) -> str:
        return obj.position.next_band.sanction.value if obj.position.next_band else ""

    def get_next_band_lower(self, obj: selectors.OwnCounter) -> int | None:
        return obj.position.next_band.lower if obj.position.next_band else None


class WarningSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = LadderEmployeeRef(read_only=True)
    org_unit = CodedRefSerializer(read_only=True)
    superior = _SuperiorRef(read_only=True, allow_null=True)

    class Meta:
        model = Warning
        fields = (
            "id",
            "employee",
            "org_unit",
            "year",
            "kind",
            "sanction",
            "total_days",
            "raised_on",
            "due_on",
            "status",
            "superior",
            "escalation_level",
            "escalated_on",
            "acted_on",
            "reason",
            "case",
        )
        read_only_fields = fields


class WarningDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    warning = WarningSerializer()
    evidence = serializers.JSONField(source="warning.evidence")
    can_act = serializers.BooleanField()
    case_create_url = serializers.CharField(help_text="The page that opens a case from this warning")


class StandingFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2022, max_value=2100)
    unit = serializers.IntegerField(required=False, help_text="A unit id: its whole subtree")


class WarningFilterSerializer(StandingFilterSerializer):
    status = serializers.ChoiceField(choices=WarningStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=WarningKind.choices, required=False)


class DeclineInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class EvaluateInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class LadderRunSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField()
    through = serializers.DateField()
    standings = serializers.IntegerField()
    reset = serializers.IntegerField()
    streaks_checked = serializers.IntegerField()
    band_warnings = serializers.IntegerField()
    streak_warnings = serializers.IntegerField()


def _unit_path(actor: Any, unit_id: int | None) -> str:
    if unit_id is None:
        return ""
    unit = OrgUnit.objects.visible_to(actor, DISCIPLINE_VIEW).filter(pk=unit_id).first()
    if unit is None:
        raise NotFoundError(_("Unit tidak ditemukan."))
    return str(unit.path)


def _require_view(actor: Any) -> None:
    if not scope_of(actor).can(DISCIPLINE_VIEW):
        raise Forbidden(_("Anda tidak memiliki akses ke data disiplin."))


class StandingViewSet(ScopedViewSet):
    """Standings of the people the caller may see (an ASN: only himself)."""

    model = Standing
    view_action = DISCIPLINE_VIEW
    serializer_class = StandingSerializer

    @extend_schema(
        summary="List ladder standings in scope (by total days, highest first)",
        parameters=[StandingFilterSerializer],
        responses={200: StandingSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def list(self, request: Request) -> Response:
        _require_view(request.user)
        f = self.parse_query(StandingFilterSerializer)
        qs = selectors.standings(
            actor=request.user,
            year=f.get("year") or self.tenant_today().year,
            unit_path=_unit_path(request.user, f.get("unit")),
        )
        return self.render_page(qs)

    @extend_schema(
        summary="My own counter: days, minutes, conversion, band, days to the next band, run",
        parameters=[StandingFilterSerializer],
        responses={200: OwnCounterSerializer, **errors(401, 403)},
    )
    @action(detail=False, methods=["get"])
    def mine(self, request: Request) -> Response:
        f = self.parse_query(StandingFilterSerializer)
        counter = selectors.own_counter(actor=request.user, year=f.get("year") or self.tenant_today().year)
        if counter is None:
            raise Forbidden(_("Akun Anda tidak terhubung ke data pegawai."), code="no_employee")
        return self.render(counter, OwnCounterSerializer)


class WarningViewSet(ScopedViewSet):
    """Warnings in scope (and those addressed to the caller); declining one with a reason."""

    model = Warning
    view_action = DISCIPLINE_VIEW
    serializer_class = WarningSerializer
    lookup_value_regex = r"\d+"

    def base_queryset(self) -> QuerySet[Warning]:
        return Warning.objects.select_related("employee", "org_unit", "superior")

    def _detail(self, warning: Warning) -> Response:
        page = selectors.warning_page(actor=self.request.user, warning=warning)
        return self.render(page, WarningDetailSerializer)

    @extend_schema(
        summary="List warnings in scope, open ones first",
        parameters=[WarningFilterSerializer],
        responses={200: WarningSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def list(self, request: Request) -> Response:
        _require_view(request.user)
        f = self.parse_query(WarningFilterSerializer)
        qs = selectors.warnings(
            actor=request.user,
            status=f.get("status", ""),
            kind=f.get("kind", ""),
            year=f.get("year"),
            unit_path=_unit_path(request.user, f.get("unit")),
        )
        return self.render_page(qs)

    @extend_schema(
        summary="One warning with its evidence and whether the caller may act on it",
        responses={200: WarningDetailSerializer, **errors(401, 404)},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        summary="Close a warning without a case, with the reason (superior addressed, unit head, BKPSDM)",
        request=DeclineInputSerializer,
        responses={200: WarningDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        d = self.parse(DeclineInputSerializer)
        warning = warning_decline(actor=request.user, warning=self.get_object(), reason=d["reason"])
        return self._detail(self.get_queryset().get(pk=warning.pk))


class LadderViewSet(ScopedViewSet):
    """BKPSDM: evaluate the ladder of a year now (through yesterday)."""

    model = Standing
    view_action = DISCIPLINE_VIEW
    serializer_class = LadderRunSerializer

    @extend_schema(
        summary="Evaluate the ladder of a year through yesterday (discipline.manage over the tenant)",
        request=EvaluateInputSerializer,
        responses={200: LadderRunSerializer, **errors(400, 401, 403)},
    )
    @action(detail=False, methods=["post"])
    def evaluate(self, request: Request) -> Response:
        if not scope_of(request.user).can(DISCIPLINE_MANAGE):
            raise Forbidden(_("Hanya BKPSDM yang dapat menghitung ulang ambang disiplin."))
        d = self.parse(EvaluateInputSerializer)
        tenant = Tenant.objects.get(pk=require_tenant(request.user))
        run = ladder_evaluate_year(actor=request.user, tenant=tenant, year=d["year"])
        return self.render(run.as_dict())
