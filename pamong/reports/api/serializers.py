"""API serializers of periodic reports: input types only (numbers are parsed by ``report_fill``), read-only output."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pamong.core.api.serializers import CodedRefSerializer
from pamong.performance.rules.consequences import LateStatus

from ..choices import GovernanceTopic, ReportKind, ReportStatus
from ..models import Evidence, Report
from ..selectors import late_status


class ReportSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True)
    period_label = serializers.CharField(read_only=True)
    late = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = (
            "id",
            "org_unit",
            "kind",
            "year",
            "period_kind",
            "period_no",
            "period_label",
            "status",
            "deadline",
            "first_submitted_on",
            "late",
            "submitted_at",
            "verified_at",
            "return_count",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=[s.value for s in LateStatus]))
    def get_late(self, obj: Report) -> str:
        return str(late_status(obj, self.context["today"]))


class EvidenceSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    report = serializers.IntegerField(source="report_id", read_only=True)
    value = serializers.IntegerField(source="value_id", read_only=True, allow_null=True)
    section = serializers.IntegerField(source="section_id", read_only=True, allow_null=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = (
            "id",
            "report",
            "value",
            "section",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "description",
            "uploaded_by_label",
            "created_at",
            "download",
        )
        read_only_fields = fields

    def get_download(self, obj: Evidence) -> str:
        return f"/api/reports/evidence/{obj.pk}/file/"


class ValueRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    indicator = serializers.SerializerMethodField()
    actual = serializers.DecimalField(source="value.actual", max_digits=20, decimal_places=4, allow_null=True)
    note = serializers.CharField(source="value.note")
    period_target = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    ytd_target = serializers.DecimalField(max_digits=30, decimal_places=4, allow_null=True)
    ytd_actual = serializers.DecimalField(max_digits=30, decimal_places=4, allow_null=True)
    annual_target = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    evidence = EvidenceSerializer(many=True)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_indicator(self, row: Any) -> dict[str, Any]:
        i = row.indicator
        return {"id": i.pk, "code": i.code, "name": i.name, "unit_of_measure": i.unit_of_measure}


class SectionRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    topic = serializers.CharField(source="section.topic")
    summary = serializers.CharField(source="section.summary")
    problems = serializers.CharField(source="section.problems")
    follow_up = serializers.CharField(source="section.follow_up")
    figures = serializers.DictField(source="section.figures", child=serializers.CharField())
    evidence = EvidenceSerializer(many=True)


class StepSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor_label = serializers.CharField()
    at = serializers.DateTimeField()
    reason = serializers.CharField()


class ReportDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The report page as data: values with their targets, sections, evidence and history."""

    report = serializers.SerializerMethodField()
    days_late = serializers.IntegerField()
    narrative = serializers.SerializerMethodField()
    values = ValueRowSerializer(source="rows", many=True)
    sections = SectionRowSerializer(many=True)
    evidence = EvidenceSerializer(many=True)
    steps = StepSerializer(many=True)

    @extend_schema_field(ReportSerializer)
    def get_report(self, page: Any) -> Any:
        return ReportSerializer(page.report, context=self.context).data

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_narrative(self, page: Any) -> dict[str, str]:
        r = page.report
        return {"problems": r.problems, "causes": r.causes, "solutions": r.solutions, "follow_up": r.follow_up}


class ReportFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    period_no = serializers.IntegerField(required=False, min_value=1, max_value=12)
    org_unit = serializers.IntegerField(required=False)
    status = serializers.ChoiceField(choices=ReportStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=ReportKind.choices, required=False)
    late = serializers.ChoiceField(choices=[s.value for s in LateStatus], required=False)
    queue = serializers.BooleanField(
        required=False, default=False, help_text="Only reports waiting for my verification"
    )


@extend_schema_field(OpenApiTypes.STR)
class RawNumberField(serializers.Field):  # type: ignore[type-arg]
    """A number as typed: a JSON number or a string ("12,5"); parsed by the service, which names the indicator."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            raise serializers.ValidationError("Harus berupa angka, mis. 12,5.")
        return data

    def to_representation(self, value: Any) -> str:
        return str(value)


class NarrativeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    problems = serializers.CharField(required=False, allow_blank=True, default="")
    causes = serializers.CharField(required=False, allow_blank=True, default="")
    solutions = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")


class ValueInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    indicator = serializers.IntegerField()
    actual = RawNumberField(allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ValuesInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    values = ValueInputSerializer(many=True, required=False, default=list)
    narrative = NarrativeSerializer(required=False, allow_null=True, default=None)


class SectionInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    topic = serializers.ChoiceField(choices=GovernanceTopic.choices)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    problems = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")
    figures = serializers.DictField(child=RawNumberField(allow_null=True), required=False, default=dict)


class SectionsInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    sections = SectionInputSerializer(many=True, required=False, default=list)
    narrative = NarrativeSerializer(required=False, allow_null=True, default=None)


class EvidenceInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField()
    indicator = serializers.IntegerField(required=False, help_text="Attach to this indicator's value")
    topic = serializers.ChoiceField(choices=GovernanceTopic.choices, required=False, help_text="Or to this section")
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class ReturnInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(required=False, allow_blank=True, default="")
