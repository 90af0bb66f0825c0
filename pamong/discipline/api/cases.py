"""Cases API (/api/discipline/cases/): the register, one case with its timeline and next steps, opening, and one
action endpoint per step, through the same services and selectors as the pages.

``GET /api/discipline/cases/`` (filters status, level, org_unit, year, q), ``POST`` to open, ``GET …/{id}/``,
``POST …/{id}/summons|missed|team|examination|without-examination|decision|delivery|appeal|appeal-decision|
close/``. Errors are ``{"code", "detail", "fields"}``; a refusal by a rule carries the rule's code and source.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import DISCIPLINE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.serializers import CodedRefSerializer
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import AppealKind, AppealOutcome, CaseStatus, LevelChoice, SanctionChoice, TeamRoleChoice
from ..models import Case, Warning
from ..selectors.case_access import pending_appeal
from ..selectors.cases import CaseFilters, case_detail_queryset, case_list, case_page
from ..services.appeals import appeal_decide, appeal_file
from ..services.case_steps import (
    decide_without_examination,
    decision_delivered,
    decision_record,
    examination_missed,
    examination_record,
    summons_issue,
    team_set,
)
from ..services.cases import case_close, case_open


class CaseEmployeeRef(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class _DecisionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    sanction = serializers.CharField()
    executed = serializers.CharField()
    decided_by_label = serializers.CharField()
    letter_number = serializers.CharField()
    signed_on = serializers.DateField()
    received_on = serializers.DateField(allow_null=True)
    sent_on = serializers.DateField(allow_null=True)
    effective_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    content_hash = serializers.CharField()


class CaseSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = CaseEmployeeRef(read_only=True)
    org_unit = CodedRefSerializer(read_only=True)
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = (
            "id",
            "number",
            "employee",
            "org_unit",
            "position_type",
            "grade",
            "origin",
            "level",
            "status",
            "summary",
            "opened_on",
            "closed_on",
            "closed_reason",
            "decision",
        )
        read_only_fields = fields

    def get_decision(self, obj: Case) -> dict[str, Any] | None:
        decision = getattr(obj, "decision", None)
        return _DecisionSerializer(decision).data if decision is not None else None


class _ViolationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    occurred_from = serializers.DateField(allow_null=True)
    occurred_to = serializers.DateField(allow_null=True)
    description = serializers.CharField()


class _SummonsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    sequence = serializers.IntegerField()
    letter_number = serializers.CharField()
    issued_on = serializers.DateField()
    received_on = serializers.DateField()
    exam_on = serializers.DateField()
    exam_place = serializers.CharField()
    attended = serializers.BooleanField(allow_null=True)


class _TeamSerializer(serializers.Serializer):  # type: ignore[type-arg]
    employee = CaseEmployeeRef()
    role = serializers.CharField()
    grade = serializers.CharField()


class _ExaminationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    examiner = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    answers = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    findings = serializers.CharField()
    recommended = serializers.CharField()
    examinee_signed = serializers.BooleanField()
    refused_to_sign = serializers.BooleanField()
    refusal_note = serializers.CharField()


class _AppealSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    kind = serializers.CharField()
    filed_on = serializers.DateField()
    addressed_to = serializers.CharField()
    grounds = serializers.CharField()
    outcome = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    outcome_note = serializers.CharField()
    new_sanction = serializers.CharField()


class _TimelineSerializer(serializers.Serializer):  # type: ignore[type-arg]
    day = serializers.DateField()
    label = serializers.CharField()  # type: ignore[assignment]
    detail = serializers.CharField()
    future = serializers.BooleanField()


class _DeadlineSerializer(serializers.Serializer):  # type: ignore[type-arg]
    label = serializers.CharField()  # type: ignore[assignment]
    day = serializers.DateField()
    overdue = serializers.BooleanField()


class CaseDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    case = CaseSerializer()
    violations = _ViolationSerializer(many=True, source="case.violations.all")
    summonses = _SummonsSerializer(many=True, source="case.summonses.all")
    team = _TeamSerializer(many=True, source="case.team.all")
    examination = serializers.SerializerMethodField()
    appeals = _AppealSerializer(many=True, source="case.appeals.all")
    timeline = _TimelineSerializer(many=True)
    deadlines = _DeadlineSerializer(many=True)
    competent_label = serializers.CharField()
    steps = serializers.ListField(child=serializers.CharField(), help_text="The steps the caller may take now")

    def get_examination(self, page: Any) -> dict[str, Any] | None:
        examination = getattr(page.case, "examination", None)
        return _ExaminationSerializer(examination).data if examination is not None else None


class CaseFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.ChoiceField(choices=[("active", "active"), *CaseStatus.choices], required=False)
    level = serializers.ChoiceField(choices=LevelChoice.choices, required=False)
    org_unit = serializers.IntegerField(required=False, help_text="A unit id: its whole subtree")
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    q = serializers.CharField(required=False, allow_blank=True, help_text="Number, name or NIP prefix")


class _ViolationInput(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(max_length=8)
    occurred_from = serializers.DateField(required=False, allow_null=True, default=None)
    occurred_to = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CaseOpenInput(serializers.Serializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField()
    level = serializers.ChoiceField(choices=LevelChoice.choices, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    violations = _ViolationInput(many=True, required=False, default=list)
    warning = serializers.IntegerField(required=False, allow_null=True, default=None)


class SummonsInput(serializers.Serializer):  # type: ignore[type-arg]
    letter_number = serializers.CharField(max_length=100, allow_blank=True)
    issued_on = serializers.DateField()
    received_on = serializers.DateField()
    exam_on = serializers.DateField()
    exam_place = serializers.CharField(max_length=255, allow_blank=True)


class _MemberInput(serializers.Serializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField()
    role = serializers.ChoiceField(choices=TeamRoleChoice.choices)


class TeamInput(serializers.Serializer):  # type: ignore[type-arg]
    members = _MemberInput(many=True)


class _AnswerInput(serializers.Serializer):  # type: ignore[type-arg]
    question = serializers.CharField(max_length=2000, allow_blank=True)
    answer = serializers.CharField(max_length=4000, allow_blank=True)


class ExaminationInput(serializers.Serializer):  # type: ignore[type-arg]
    held_on = serializers.DateField()
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    answers = _AnswerInput(many=True)
    findings = serializers.CharField(allow_blank=True, max_length=4000)
    recommended = serializers.ChoiceField(choices=SanctionChoice.choices, required=False, allow_blank=True, default="")
    examinee_signed = serializers.BooleanField(required=False, default=False)
    refused_to_sign = serializers.BooleanField(required=False, default=False)
    refusal_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


class NoteInput(serializers.Serializer):  # type: ignore[type-arg]
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class DecisionInput(serializers.Serializer):  # type: ignore[type-arg]
    sanctions = serializers.ListField(child=serializers.ChoiceField(choices=SanctionChoice.choices), min_length=1)
    decided_by = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="Null: the PPK")
    letter_number = serializers.CharField(max_length=100, allow_blank=True)
    signed_on = serializers.DateField()
    considerations = serializers.CharField(allow_blank=True, max_length=4000)


class DeliveryInput(serializers.Serializer):  # type: ignore[type-arg]
    received_on = serializers.DateField(required=False, allow_null=True, default=None)
    sent_on = serializers.DateField(required=False, allow_null=True, default=None)


class AppealInput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=AppealKind.choices)
    filed_on = serializers.DateField()
    grounds = serializers.CharField(allow_blank=True, max_length=4000)


class AppealDecisionInput(serializers.Serializer):  # type: ignore[type-arg]
    outcome = serializers.ChoiceField(choices=[c for c in AppealOutcome.choices if c[0] != AppealOutcome.PENDING])
    decided_on = serializers.DateField()
    note = serializers.CharField(allow_blank=True, max_length=4000)
    new_sanction = serializers.ChoiceField(choices=SanctionChoice.choices, required=False, allow_blank=True, default="")


class CloseInput(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


def _employee(tenant_id: int | None, pk: int | None, field: str, *, subject: bool = False) -> Employee | None:
    """An employee of the caller's tenant; the case's subject unknown is 404, a referenced one a field error."""
    if pk is None:
        return None
    found: Employee | None = Employee.objects.filter(tenant_id=tenant_id or 0, pk=pk).first()
    if found is None:
        message = "Pegawai tidak ditemukan."
        if subject:
            raise NotFoundError(message)
        raise ValidationFailed(message, field_errors={field: [message]})
    return found


class CaseViewSet(ScopedViewSet):
    """Discipline cases the caller may see (discipline.view; one's own; a Tim Pemeriksa member his case)."""

    model = Case
    view_action = DISCIPLINE_VIEW
    serializer_class = CaseSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Case]:
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        return case_detail_queryset(actor=self.request.user)

    def _detail(self, case: Case, code: int = status.HTTP_200_OK) -> Response:
        case = case_detail_queryset(actor=self.request.user).get(pk=case.pk)
        page = case_page(actor=self.request.user, case=case, today=self.tenant_today())
        return self.render(page, CaseDetailSerializer, status_code=code)

    @extend_schema(
        summary="The case register (filters: status, level, org_unit, year, q)",
        parameters=[CaseFilterSerializer],
        responses={200: CaseSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(CaseFilterSerializer)
        path = ""
        if f.get("org_unit") is not None:
            unit = OrgUnit.objects.filter(tenant_id=scope_of(request.user).tenant_id or 0, pk=f["org_unit"]).first()
            path = unit.path if unit is not None else "-"
        filters = CaseFilters(
            status=f.get("status", ""),
            level=f.get("level", ""),
            unit_path=path,
            year=f.get("year"),
            text=f.get("q", ""),
        )
        return self.render_page(case_list(actor=request.user, filters=filters))

    @extend_schema(
        summary="One case: steps, timeline, deadlines and the steps the caller may take",
        responses={200: CaseDetailSerializer, **errors(401, 404)},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        summary="Open a case: by hand (violations from the PP 94/2021 catalogue) or from a ladder warning",
        request=CaseOpenInput,
        responses={201: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(CaseOpenInput)
        tenant_id = scope_of(request.user).tenant_id
        employee = _employee(tenant_id, d["employee"], "employee", subject=True)
        assert employee is not None
        warning = None
        if d["warning"] is not None:
            warning = Warning.objects.visible_to(request.user, DISCIPLINE_VIEW).filter(pk=d["warning"]).first()
            if warning is None:
                raise ValidationFailed(
                    "Peringatan tidak ditemukan.", field_errors={"warning": ["Peringatan tidak ditemukan."]}
                )
        case = case_open(
            actor=request.user,
            employee=employee,
            level=d["level"],
            summary=d["summary"],
            violations=[(v["code"], v["occurred_from"], v["occurred_to"], v["description"]) for v in d["violations"]],
            warning=warning,
            today=self.tenant_today(),
        )
        return self._detail(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Issue summons I (or II after a missed examination)",
        request=SummonsInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def summons(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        summons_issue(actor=request.user, case=case, **self.parse(SummonsInput))
        return self._detail(case)

    @extend_schema(
        summary="Record that the examinee missed the examination",
        request=None,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def missed(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        examination_missed(actor=request.user, case=case, today=self.tenant_today())
        return self._detail(case)

    @extend_schema(
        summary="Form the Tim Pemeriksa (BKPSDM)",
        request=TeamInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def team(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        d = self.parse(TeamInput)
        tenant_id = scope_of(request.user).tenant_id
        members = [(_employee(tenant_id, m["employee"], "members"), m["role"]) for m in d["members"]]
        team_set(actor=request.user, case=case, members=members)  # type: ignore[arg-type]
        return self._detail(case)

    @extend_schema(
        summary="Record the examination and its BAP",
        request=ExaminationInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def examination(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        d = self.parse(ExaminationInput)
        examination_record(actor=request.user, case=case, today=self.tenant_today(), **d)
        return self._detail(case)

    @extend_schema(
        summary="Go to decision without examination (summons II ignored)",
        request=NoteInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="without-examination")
    def without_examination(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        note = self.parse(NoteInput)["note"]
        decide_without_examination(actor=request.user, case=case, note=note, today=self.tenant_today())
        return self._detail(case)

    @extend_schema(
        summary="Record the decision (only the heaviest sanction; the competent official)",
        request=DecisionInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        d = self.parse(DecisionInput)
        decision_record(
            actor=request.user,
            case=case,
            sanctions=d["sanctions"],
            decided_by=_employee(scope_of(request.user).tenant_id, d["decided_by"], "decided_by"),
            letter_number=d["letter_number"],
            signed_on=d["signed_on"],
            considerations=d["considerations"],
            today=self.tenant_today(),
        )
        return self._detail(case)

    @extend_schema(
        summary="Record the delivery of the decision (received, or sent)",
        request=DeliveryInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def delivery(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        decision_delivered(actor=request.user, case=case, today=self.tenant_today(), **self.parse(DeliveryInput))
        return self._detail(case)

    @extend_schema(
        summary="File a keberatan or a banding within the window",
        request=AppealInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def appeal(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        appeal_file(actor=request.user, case=case, today=self.tenant_today(), **self.parse(AppealInput))
        return self._detail(case)

    @extend_schema(
        summary="Record the outcome of the pending appeal",
        request=AppealDecisionInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="appeal-decision")
    def appeal_decision(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        d = self.parse(AppealDecisionInput)
        appeal = pending_appeal(case)
        if appeal is None:
            raise Conflict("Tidak ada upaya administratif yang menunggu keputusan.")
        appeal_decide(actor=request.user, case=case, appeal=appeal, today=self.tenant_today(), **d)
        return self._detail(case)

    @extend_schema(
        summary="Close the case without a sanction (reason required)",
        request=CloseInput,
        responses={200: CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        case_close(actor=request.user, case=case, reason=self.parse(CloseInput)["reason"], today=self.tenant_today())
        return self._detail(case)
