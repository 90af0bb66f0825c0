"""People API: employees, their assignment history, appointments and their end.

Same services and selectors as the HTML pages; reads go through ``visible_to``
(``people.view``), writes through ``pamong.people.services``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.people.models import Assignment, Employee
from pamong.people.selectors import assignment_history, employee_list
from pamong.people.services import assignment_end, assignment_start, employee_create, employee_update

from .serializers import (
    AssignmentEndSerializer,
    AssignmentSerializer,
    AssignmentStartSerializer,
    EmployeeCreateSerializer,
    EmployeeDetailSerializer,
    EmployeeFilterSerializer,
    EmployeeSerializer,
    EmployeeUpdateSerializer,
)


@extend_schema_view(
    retrieve=extend_schema(summary="One employee", responses={200: EmployeeDetailSerializer, **errors(401, 404)}),
)
class EmployeeViewSet(ScopedViewSet):
    """Employees the caller may see (``people.view``; everyone sees their own record)."""

    model = Employee
    serializer_class = EmployeeSerializer

    def base_queryset(self) -> QuerySet[Employee]:
        return Employee.objects.select_related("org_unit", "position")

    @extend_schema(
        summary="List employees",
        parameters=[EmployeeFilterSerializer],
        responses={200: EmployeeSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        filters = self.parse_query(EmployeeFilterSerializer)
        employees = employee_list(
            actor=request.user, search=filters["q"], unit=filters["org_unit"], kind=filters["kind"]
        )
        return self.render_page(employees)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object(), EmployeeDetailSerializer)

    @extend_schema(
        summary="Register an employee",
        description="The NIP is validated and decoded; a faulty NIP answers 400 with one message per faulty part "
        "in `fields.nip`.",
        request=EmployeeCreateSerializer,
        responses={201: EmployeeDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        data = self.parse(EmployeeCreateSerializer)
        employee = employee_create(
            actor=request.user,
            org_unit=data["org_unit"],
            nip=data["nip"],
            name=data["name"],
            kind=data["kind"],
            today=self.tenant_today(),
            grade=data["grade"],
            front_title=data["front_title"],
            back_title=data["back_title"],
            nip_lama=data["nip_lama"],
            email=data["email"],
            phone=data["phone"],
        )
        return self.render(employee, EmployeeDetailSerializer, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Correct an employee's name, titles, grade or contact",
        request=EmployeeUpdateSerializer,
        responses={200: EmployeeDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        employee = self.get_object()
        data = self.parse(EmployeeUpdateSerializer)
        # A PATCH changes only what it sends: the rest is the current value.
        employee = employee_update(
            actor=request.user,
            employee=employee,
            name=data.get("name", employee.name),
            front_title=data.get("front_title", employee.front_title),
            back_title=data.get("back_title", employee.back_title),
            grade=data.get("grade", employee.grade),
            email=data.get("email", employee.email),
            phone=data.get("phone", employee.phone),
            reason=data["reason"],
        )
        return self.render(employee, EmployeeDetailSerializer)

    @extend_schema(
        methods=["GET"],
        summary="An employee's assignment history",
        responses={200: AssignmentSerializer(many=True), **errors(401, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Appoint the employee to a post (definitive, Plt or Plh)",
        request=AssignmentStartSerializer,
        responses={201: AssignmentSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["get", "post"])
    def assignments(self, request: Request, pk: str | None = None) -> Response:
        employee = self.get_object()
        if request.method == "GET":
            return self.render_page(assignment_history(actor=request.user, employee=employee), AssignmentSerializer)
        data = self.parse(AssignmentStartSerializer)
        assignment = assignment_start(
            actor=request.user,
            employee=employee,
            position=data["position"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            decree_number=data["decree_number"],
            decree_date=data["decree_date"],
            note=data["note"],
        )
        return self.render(assignment, AssignmentSerializer, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="One assignment", responses={200: AssignmentSerializer, **errors(401, 404)}),
)
class AssignmentViewSet(ScopedViewSet):
    """Assignments the caller may see; ending one is the only change made here."""

    model = Assignment
    serializer_class = AssignmentSerializer

    def base_queryset(self) -> QuerySet[Assignment]:
        return Assignment.objects.select_related("position__org_unit")

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="End an assignment",
        request=AssignmentEndSerializer,
        responses={200: AssignmentSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        data = self.parse(AssignmentEndSerializer)
        assignment = assignment_end(
            actor=request.user, assignment=assignment, ends_on=data["ends_on"], reason=data["reason"]
        )
        return self.render(assignment)
