"""Reports API: list and detail, filling (values, sections, narrative), evidence, and the workflow steps.

The same services and selectors as the HTML pages; reads go through ``visible_to`` in ``ScopedViewSet``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet

from .. import selectors, services
from ..models import Evidence, GovernanceSection, Report, ReportValue
from .serializers import (
    EvidenceInputSerializer,
    EvidenceSerializer,
    ReportDetailSerializer,
    ReportFilterSerializer,
    ReportSerializer,
    ReturnInputSerializer,
    SectionsInputSerializer,
    ValuesInputSerializer,
)


def _narrative(data: dict[str, Any] | None) -> services.Narrative | None:
    return services.Narrative(**data) if data is not None else None


class ReportViewSet(ScopedViewSet):
    """Periodic reports the caller may see (performance.view over their unit)."""

    model = Report
    view_action = PERFORMANCE_VIEW
    serializer_class = ReportSerializer
    lookup_value_regex = r"\d+"

    def base_queryset(self) -> QuerySet[Report]:
        return Report.objects.select_related("org_unit", "tenant", "submitted_by", "verified_by")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["today"] = self.tenant_today()
        return context

    def _detail(self, report: Report, code: int = status.HTTP_200_OK) -> Response:
        report = self.get_queryset().get(pk=report.pk)
        page = selectors.report_page(actor=self.request.user, report=report, today=self.tenant_today())
        return self.render(page, ReportDetailSerializer, status_code=code)

    @extend_schema(
        summary="List reports (filters; queue=true: waiting for my verification)",
        parameters=[ReportFilterSerializer],
        responses={200: ReportSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(ReportFilterSerializer)
        if f.pop("queue", False):
            return self.render_page(selectors.verify_queue(actor=request.user))
        filters = selectors.ReportFilters(
            year=f.get("year"),
            period_no=f.get("period_no"),
            org_unit_id=f.get("org_unit"),
            status=f.get("status", ""),
            kind=f.get("kind", ""),
            late=f.get("late", ""),
        )
        return self.render_page(selectors.report_list(actor=request.user, filters=filters, today=self.tenant_today()))

    @extend_schema(
        summary="One report with values, targets, sections, evidence and history",
        responses={200: ReportDetailSerializer, **errors(401, 404)},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        summary="Save realisation values (and the narrative): all or nothing",
        request=ValuesInputSerializer,
        responses={200: ReportDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["put"])
    def values(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        d = self.parse(ValuesInputSerializer)
        entries = [services.ValueEntry(v["indicator"], v["actual"], v["note"]) for v in d["values"]]
        services.report_fill(actor=request.user, report=report, values=entries, narrative=_narrative(d["narrative"]))
        return self._detail(report)

    @extend_schema(
        summary="Save governance sections (and the narrative) of a Camat's report: all or nothing",
        request=SectionsInputSerializer,
        responses={200: ReportDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["put"])
    def sections(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        d = self.parse(SectionsInputSerializer)
        entries = [services.SectionEntry(**s) for s in d["sections"]]
        services.report_fill(actor=request.user, report=report, sections=entries, narrative=_narrative(d["narrative"]))
        return self._detail(report)

    @extend_schema(
        summary="Upload an evidence file (multipart: file, optional indicator or topic, description)",
        request={"multipart/form-data": EvidenceInputSerializer},
        responses={201: EvidenceSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        d = self.parse(EvidenceInputSerializer)
        value = section = None
        if d.get("indicator") is not None:
            value = ReportValue.objects.filter(report=report, indicator_id=d["indicator"]).first()
            if value is None:
                raise ValidationError({"indicator": ["Indikator itu bukan bagian dari laporan ini."]})
        if d.get("topic"):
            section = GovernanceSection.objects.filter(report=report, topic=d["topic"]).first()
            if section is None:
                raise ValidationError({"topic": ["Bagian itu bukan bagian dari laporan ini."]})
        evidence = services.evidence_upload(
            actor=request.user,
            report=report,
            file=d["file"],
            value=value,
            section=section,
            description=d["description"],
        )
        return self.render(evidence, EvidenceSerializer, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Submit (or resubmit) the report",
        request=None,
        responses={200: ReportDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        report = services.report_submit(actor=request.user, report=self.get_object(), today=self.tenant_today())
        return self._detail(report)

    @extend_schema(
        summary="Verify a submitted report (never one's own submission)",
        request=None,
        responses={200: ReportDetailSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        report = services.report_verify(actor=request.user, report=self.get_object(), today=self.tenant_today())
        return self._detail(report)

    @extend_schema(
        summary="Return a submitted report to its unit with a reason",
        request=ReturnInputSerializer,
        responses={200: ReportDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        d = self.parse(ReturnInputSerializer)
        report = services.report_return(
            actor=request.user, report=self.get_object(), reason=d["reason"], today=self.tenant_today()
        )
        return self._detail(report)


class EvidenceViewSet(ScopedViewSet):
    """Evidence files of the reports the caller may see; the file itself only through ``file``."""

    model = Evidence
    view_action = PERFORMANCE_VIEW
    serializer_class = EvidenceSerializer
    parser_classes = (JSONParser,)

    def base_queryset(self) -> QuerySet[Evidence]:
        return Evidence.objects.filter(removed_at__isnull=True).select_related("report__org_unit")

    @extend_schema(summary="One evidence file's metadata", responses={200: EvidenceSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Download an evidence file (attachment, nosniff)",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY), **errors(401, 404)},
    )
    @action(detail=True, methods=["get"])
    def file(self, request: Request, pk: str | None = None) -> FileResponse:
        evidence = self.get_object()
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="Remove an evidence file of a draft or returned report",
        responses={204: None, **errors(401, 403, 404, 409)},
    )
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        services.evidence_remove(actor=request.user, evidence=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
