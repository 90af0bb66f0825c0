"""GDN supervision API: the same services and selectors as the pages.

``GET /api/discipline/reports/`` (``year``, ``month``), ``POST …/prepare/``, ``GET|PATCH …/{id}/``,
``POST …/{id}/submit/``, ``POST …/{id}/review/``; ``GET /api/discipline/summaries/``, ``GET …/{id}/``,
``POST …/forward/``, ``GET …/month/`` (the month's OPDs by cluster: who has not reported, who is late);
``GET /api/discipline/cockpit/`` (discipline figures per OPD).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import DISCIPLINE_REVIEW, DISCIPLINE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.serializers import CodedRefSerializer
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import Forbidden, NotFoundError
from pamong.core.scope import scope_of
from pamong.org.models import Cluster, OrgUnit

from ..models import ClusterSummary, SupervisionReport
from ..selectors import supervision as selectors
from ..services.supervision import report_prepare, report_review, report_submit, report_update, summary_forward


class GdnReportSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True)
    cluster = CodedRefSerializer(read_only=True, allow_null=True)
    late = serializers.SerializerMethodField()

    class Meta:
        model = SupervisionReport
        fields = (
            "id",
            "org_unit",
            "cluster",
            "year",
            "month",
            "status",
            "figures",
            "inspections_held",
            "findings",
            "follow_up",
            "due_on",
            "submitted_at",
            "reviewed_at",
            "review_note",
            "late",
        )
        read_only_fields = fields

    def get_late(self, obj: SupervisionReport) -> bool:
        today = self.context["today"]
        return selectors.report_is_late(obj, tenant=self.context["tenant"], today=today)


class GdnReportFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)


class GdnMonthSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)


class GdnOptionalMonthSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)


class GdnPrepareInputSerializer(GdnMonthSerializer):
    org_unit = serializers.IntegerField(help_text="The OPD's unit id")


class GdnUpdateInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    inspections_held = serializers.IntegerField(required=False, min_value=0, max_value=999)
    findings = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    follow_up = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class GdnNoteInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class GdnForwardInputSerializer(GdnMonthSerializer):
    cluster = serializers.IntegerField()
    summary = serializers.CharField(allow_blank=True, max_length=5000)


class GdnSummarySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    cluster = CodedRefSerializer(read_only=True)
    forwarded_by = serializers.CharField(source="forwarded_by.username", read_only=True)

    class Meta:
        model = ClusterSummary
        fields = ("id", "cluster", "year", "month", "figures", "summary", "due_on", "forwarded_at", "forwarded_by")
        read_only_fields = fields


class GdnOpdRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(source="unit")
    report_id = serializers.IntegerField(source="report.pk", allow_null=True, default=None)
    status = serializers.CharField(source="report.status", allow_null=True, default=None)
    due_on = serializers.DateField()
    submitted_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()
    reported = serializers.BooleanField()


class GdnClusterBlockSerializer(serializers.Serializer):  # type: ignore[type-arg]
    cluster = CodedRefSerializer(allow_null=True)
    rows = GdnOpdRowSerializer(many=True)
    summary_id = serializers.IntegerField(source="summary.pk", allow_null=True, default=None)
    summary_due_on = serializers.DateField()
    summary_late = serializers.BooleanField()
    can_forward = serializers.BooleanField()


class GdnMatrixSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    blocks = GdnClusterBlockSerializer(many=True)


class GdnCockpitRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(source="unit")
    absent_days = serializers.IntegerField()
    late_minutes = serializers.IntegerField()
    open_warnings = serializers.IntegerField()
    open_cases = serializers.IntegerField()
    report_id = serializers.IntegerField(source="report.pk", allow_null=True, default=None)
    report_status = serializers.CharField(source="report.status", allow_null=True, default=None)
    report_late = serializers.BooleanField()
    reports_late = serializers.IntegerField()


def _require_role(user: Any, action_code: str) -> None:
    """Lists need a role (an ASN's own ``discipline.view`` does not reach reports)."""
    if not scope_of(user).grants_for(action_code):
        raise Forbidden("Anda tidak berwenang melihat laporan pengawasan disiplin.")


class ReportViewSet(ScopedViewSet):
    """GDN reports the caller may see (``discipline.view`` through a role)."""

    model = SupervisionReport
    view_action = DISCIPLINE_VIEW
    serializer_class = GdnReportSerializer
    lookup_value_regex = r"\d+"

    def base_queryset(self) -> QuerySet[SupervisionReport]:
        return SupervisionReport.objects.select_related("org_unit", "cluster")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        user = self.request.user
        context.update(tenant=getattr(user, "tenant", None), today=self.tenant_today())
        return context

    @extend_schema(
        summary="List GDN reports, newest month first (year, month)",
        parameters=[GdnReportFilterSerializer],
        responses={200: GdnReportSerializer(many=True), **errors(400, 401, 403)},
    )
    def list(self, request: Request) -> Response:
        _require_role(request.user, DISCIPLINE_VIEW)
        f = self.parse_query(GdnReportFilterSerializer)
        return self.render_page(selectors.reports(actor=request.user, year=f.get("year"), month=f.get("month")))

    @extend_schema(summary="One GDN report with its figures", responses={200: GdnReportSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Prepare an OPD's report for a month, or refresh the draft's figures (the unit's head)",
        request=GdnPrepareInputSerializer,
        responses={201: GdnReportSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"])
    def prepare(self, request: Request) -> Response:
        d = self.parse(GdnPrepareInputSerializer)
        unit = OrgUnit.objects.filter(tenant_id=scope_of(request.user).tenant_id or 0, pk=d["org_unit"]).first()
        if unit is None:
            raise NotFoundError("Unit tidak ditemukan.")
        report = report_prepare(actor=request.user, org_unit=unit, year=d["year"], month=d["month"])
        return self.render(self.get_queryset().get(pk=report.pk), status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record inspections, findings and follow-up of a draft (omitted fields keep their value)",
        request=GdnUpdateInputSerializer,
        responses={200: GdnReportSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        d = self.parse(GdnUpdateInputSerializer)
        report_update(
            actor=request.user,
            report=report,
            inspections_held=d.get("inspections_held", report.inspections_held),
            findings=d.get("findings", report.findings),
            follow_up=d.get("follow_up", report.follow_up),
        )
        return self.render(self.get_queryset().get(pk=report.pk))

    @extend_schema(
        summary="Submit the report to the cluster's Asisten (the unit's head; late after the due day)",
        request=None,
        responses={200: GdnReportSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        report = report_submit(actor=request.user, report=self.get_object())
        return self.render(self.get_queryset().get(pk=report.pk))

    @extend_schema(
        summary="Mark a submitted report reviewed, with a note (the Asisten over the cluster, or the Sekda)",
        request=GdnNoteInputSerializer,
        responses={200: GdnReportSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        note = self.parse(GdnNoteInputSerializer)["note"]
        report = report_review(actor=request.user, report=self.get_object(), note=note)
        return self.render(self.get_queryset().get(pk=report.pk))


class SummaryViewSet(ScopedViewSet):
    """Cluster summaries (the Sekda: all; an Asisten: his clusters') and the month's review matrix."""

    model = ClusterSummary
    view_action = DISCIPLINE_REVIEW
    serializer_class = GdnSummarySerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[ClusterSummary]:
        if getattr(self, "swagger_fake_view", False):
            return ClusterSummary.objects.none()
        _require_role(self.request.user, DISCIPLINE_REVIEW)
        return selectors.summaries(actor=self.request.user)

    @extend_schema(
        summary="List cluster summaries, newest month first",
        responses={200: GdnSummarySerializer(many=True), **errors(401, 403)},
    )
    def list(self, request: Request) -> Response:
        return self.render_page(self.get_queryset())

    @extend_schema(summary="One cluster summary", responses={200: GdnSummarySerializer, **errors(401, 403, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Forward the cluster's month to the Sekda (the cluster's Asisten)",
        request=GdnForwardInputSerializer,
        responses={201: GdnSummarySerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"])
    def forward(self, request: Request) -> Response:
        _require_role(request.user, DISCIPLINE_REVIEW)
        d = self.parse(GdnForwardInputSerializer)
        cluster = Cluster.objects.filter(tenant_id=scope_of(request.user).tenant_id or 0, pk=d["cluster"]).first()
        if cluster is None:
            raise NotFoundError("Klaster tidak ditemukan.")
        created = summary_forward(
            actor=request.user, cluster=cluster, year=d["year"], month=d["month"], summary=d["summary"]
        )
        return self.render(created, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The month's OPDs by cluster: report status, late, who has not reported (default: last month)",
        parameters=[GdnOptionalMonthSerializer],
        responses={200: GdnMatrixSerializer, **errors(400, 401, 403)},
    )
    @action(detail=False, methods=["get"])
    def month(self, request: Request) -> Response:
        _require_role(request.user, DISCIPLINE_REVIEW)
        f = self.parse_query(GdnOptionalMonthSerializer)
        today = self.tenant_today()
        year, month = (f["year"], f["month"]) if "year" in f and "month" in f else selectors.reporting_month(today)
        matrix = selectors.month_matrix(actor=request.user, year=year, month=month, today=today)
        return self.render(matrix, GdnMatrixSerializer)


class CockpitViewSet(ScopedViewSet):
    """Discipline figures per OPD for the cockpit (``discipline.view`` through a role)."""

    model = SupervisionReport
    view_action = DISCIPLINE_VIEW
    serializer_class = GdnCockpitRowSerializer
    pagination_class = None

    @extend_schema(
        summary="Discipline per OPD for a month: unexcused days, late minutes, open warnings and cases, GDN reports",
        parameters=[GdnOptionalMonthSerializer],
        responses={200: GdnCockpitRowSerializer(many=True), **errors(400, 401, 403)},
    )
    def list(self, request: Request) -> Response:
        _require_role(request.user, DISCIPLINE_VIEW)
        f = self.parse_query(GdnOptionalMonthSerializer)
        today = self.tenant_today()
        year, month = (f["year"], f["month"]) if "year" in f and "month" in f else selectors.reporting_month(today)
        rows = selectors.cockpit_figures(actor=request.user, year=year, month=month, today=today)
        return Response(GdnCockpitRowSerializer(rows, many=True).data)
