"""Calendars API (/api/attendance/...): schedules, unit schedules, overrides, holidays, shifts, rosters.

The same services and selectors as the pages. Schedules, overrides, holidays and shifts are tenant rows,
read by every holder of ``attendance.view`` in the tenant (an empty list for anyone else); unit schedules
and roster entries go through ``visible_to``. Writes answer 403 to a reader, 404 outside their sight.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import NotFoundError, ValidationFailed

from ..models import Holiday, RosterEntry, ScheduleOverride, Shift, UnitSchedule, WorkSchedule
from ..rules.workdays import month_bounds
from ..selectors import calendars as selectors
from ..services import calendars as services
from ..services import calendars_holidays as holiday_services
from ..services import calendars_rosters as roster_services
from . import calendars_serializers as s


class TenantRowsViewSet(ScopedViewSet):
    """A viewset over tenant-wide calendar rows, read through a selector taking the actor."""

    selector: Any = None
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()  # type: ignore[no-any-return]
        return type(self).selector(self.request.user)  # type: ignore[no-any-return]

    def list(self, request: Request) -> Response:
        return self.render_page(self.get_queryset())

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())


def _schedule(actor: Any, pk: int | None) -> WorkSchedule | None:
    """A schedule the caller can see, named in a request body (unknown: a field error)."""
    if pk is None:
        return None
    found = selectors.schedules(actor).filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(_("Jadwal tidak ditemukan."), field_errors={"schedule": [_("Jadwal tidak ditemukan.")]})
    return found


@extend_schema(tags=["attendance-calendars"])
class ScheduleViewSet(TenantRowsViewSet):
    model = WorkSchedule
    selector = selectors.schedules
    serializer_class = s.ScheduleSerializer

    @extend_schema(
        summary="Work schedules of the tenant", responses={200: s.ScheduleSerializer(many=True), **errors(401)}
    )
    def list(self, request: Request) -> Response:
        return super().list(request)

    @extend_schema(summary="One work schedule", responses={200: s.ScheduleSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return super().retrieve(request, pk)

    @extend_schema(
        summary="Create a work schedule (fixed week checked against 37.5 h a week, or a roster)",
        request=s.ScheduleInputSerializer,
        responses={201: s.ScheduleSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(s.ScheduleInputSerializer)
        schedule = services.schedule_create(actor=request.user, **d)
        return self.render(schedule, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a schedule's name, week, check windows or activity",
        request=s.ScheduleUpdateSerializer,
        responses={200: s.ScheduleSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def update(self, request: Request, pk: str | None = None) -> Response:
        schedule = self.get_object()
        d = self.parse(s.ScheduleUpdateSerializer)
        return self.render(services.schedule_update(actor=request.user, schedule=schedule, **d))

    @extend_schema(
        summary="Make this the tenant's default schedule",
        request=None,
        responses={200: s.ScheduleSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def default(self, request: Request, pk: str | None = None) -> Response:
        return self.render(services.schedule_set_default(actor=request.user, schedule=self.get_object()))


@extend_schema(tags=["attendance-calendars"])
class UnitScheduleViewSet(ScopedViewSet):
    model = UnitSchedule
    view_action = ATTENDANCE_VIEW
    serializer_class = s.UnitScheduleSerializer

    def base_queryset(self) -> QuerySet[UnitSchedule]:
        return UnitSchedule.objects.select_related("org_unit", "schedule").order_by("org_unit__path", "-valid_from")

    @extend_schema(
        summary="Schedules assigned to units in scope (sub-units inherit unless they have their own)",
        responses={200: s.UnitScheduleSerializer(many=True), **errors(401)},
    )
    def list(self, request: Request) -> Response:
        return self.render_page(self.get_queryset())

    @extend_schema(
        summary="Assign a schedule to a unit from a date",
        request=s.UnitScheduleInputSerializer,
        responses={201: s.UnitScheduleSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        from pamong.org.models import OrgUnit

        d = self.parse(s.UnitScheduleInputSerializer)
        unit = OrgUnit.objects.visible_to(request.user, ATTENDANCE_VIEW).filter(pk=d["org_unit"]).first()
        if unit is None:
            raise ValidationFailed(_("Unit tidak ditemukan."), field_errors={"org_unit": [_("Unit tidak ditemukan.")]})
        schedule = _schedule(request.user, d["schedule"])
        if schedule is None:  # the field is required; keeps the type checker honest
            raise ValidationFailed(_("Jadwal wajib dipilih."), field_errors={"schedule": [_("Wajib diisi.")]})
        link = services.unit_schedule_assign(
            actor=request.user, org_unit=unit, schedule=schedule, valid_from=d["valid_from"]
        )
        return self.render(link, status_code=status.HTTP_201_CREATED)


@extend_schema(tags=["attendance-calendars"])
class OverrideViewSet(TenantRowsViewSet):
    model = ScheduleOverride
    selector = selectors.overrides
    serializer_class = s.OverrideSerializer

    @extend_schema(
        summary="Special hours (Ramadan) of the tenant", responses={200: s.OverrideSerializer(many=True), **errors(401)}
    )
    def list(self, request: Request) -> Response:
        return super().list(request)

    @extend_schema(summary="One override", responses={200: s.OverrideSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return super().retrieve(request, pk)

    @extend_schema(
        summary="Create special hours for a date range (overlaps refused)",
        request=s.OverrideInputSerializer,
        responses={201: s.OverrideSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(s.OverrideInputSerializer)
        d["schedule"] = _schedule(request.user, d["schedule"])
        override = services.override_create(actor=request.user, **d)
        return self.render(override, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an override",
        request=s.OverrideInputSerializer,
        responses={200: s.OverrideSerializer, **errors(400, 401, 403, 404)},
    )
    def update(self, request: Request, pk: str | None = None) -> Response:
        override = self.get_object()
        d = self.parse(s.OverrideInputSerializer)
        d["schedule"] = _schedule(request.user, d["schedule"])
        return self.render(services.override_update(actor=request.user, override=override, **d))


@extend_schema(tags=["attendance-calendars"])
class HolidayViewSet(TenantRowsViewSet):
    model = Holiday
    selector = selectors.holidays
    serializer_class = s.HolidaySerializer

    @extend_schema(
        summary="Holidays of the tenant (national, cuti bersama, local), optionally of one year",
        parameters=[s.HolidayFilterSerializer],
        responses={200: s.HolidaySerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(s.HolidayFilterSerializer)
        return self.render_page(selectors.holidays(request.user, year=f.get("year")))

    @extend_schema(summary="One holiday", responses={200: s.HolidaySerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return super().retrieve(request, pk)

    @extend_schema(
        summary="Add a holiday (local, or a cuti bersama announced mid-year)",
        request=s.HolidayInputSerializer,
        responses={201: s.HolidaySerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        holiday = holiday_services.holiday_create(actor=request.user, **self.parse(s.HolidayInputSerializer))
        return self.render(holiday, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Seed a year's national holidays and cuti bersama (idempotent)",
        request=s.HolidaySeedInputSerializer,
        responses={200: s.HolidaySeedResultSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=False, methods=["post"])
    def seed(self, request: Request) -> Response:
        result = holiday_services.holidays_seed(
            actor=request.user, year=self.parse(s.HolidaySeedInputSerializer)["year"]
        )
        return self.render(result, s.HolidaySeedResultSerializer)

    @extend_schema(
        summary="Deactivate a holiday (kept, with the reason audited)",
        request=s.HolidayReasonInputSerializer,
        responses={200: s.HolidaySerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        holiday = self.get_object()
        reason = self.parse(s.HolidayReasonInputSerializer)["reason"]
        return self.render(holiday_services.holiday_deactivate(actor=request.user, holiday=holiday, reason=reason))

    @extend_schema(
        summary="Reactivate a holiday, with a reason",
        request=s.HolidayReasonInputSerializer,
        responses={200: s.HolidaySerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        holiday = self.get_object()
        reason = self.parse(s.HolidayReasonInputSerializer)["reason"]
        return self.render(holiday_services.holiday_reactivate(actor=request.user, holiday=holiday, reason=reason))


@extend_schema(tags=["attendance-calendars"])
class ShiftViewSet(TenantRowsViewSet):
    model = Shift
    selector = selectors.shifts
    serializer_class = s.ShiftSerializer

    @extend_schema(summary="Shifts of the tenant", responses={200: s.ShiftSerializer(many=True), **errors(401)})
    def list(self, request: Request) -> Response:
        return super().list(request)

    @extend_schema(summary="One shift", responses={200: s.ShiftSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return super().retrieve(request, pk)

    @extend_schema(
        summary="Create a shift (an end before the start is the next day)",
        request=s.ShiftInputSerializer,
        responses={201: s.ShiftSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        shift = roster_services.shift_create(actor=request.user, **self.parse(s.ShiftInputSerializer))
        return self.render(shift, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a shift",
        request=s.ShiftUpdateSerializer,
        responses={200: s.ShiftSerializer, **errors(400, 401, 403, 404)},
    )
    def update(self, request: Request, pk: str | None = None) -> Response:
        shift = self.get_object()
        return self.render(
            roster_services.shift_update(actor=request.user, shift=shift, **self.parse(s.ShiftUpdateSerializer))
        )


@extend_schema(tags=["attendance-calendars"])
class RosterViewSet(ScopedViewSet):
    model = RosterEntry
    view_action = ATTENDANCE_VIEW
    serializer_class = s.RosterEntrySerializer

    @extend_schema(
        summary="Roster entries in scope for a month (default: this month), optionally of one unit's subtree",
        parameters=[s.RosterFilterSerializer],
        responses={200: s.RosterEntrySerializer(many=True), **errors(400, 401, 404)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(s.RosterFilterSerializer)
        today = self.tenant_today()
        first, last = month_bounds(f.get("year", today.year), f.get("month", today.month))
        unit = None
        if f.get("unit") is not None:
            unit = get_object_or_404(selectors.roster_units(request.user), pk=f["unit"])
        return self.render_page(selectors.roster_entries(request.user, org_unit=unit, start=first, end=last))

    @extend_schema(
        summary="Save a unit's month roster in bulk (shift code, null = off, clear = remove)",
        request=s.RosterSaveSerializer,
        responses={200: s.RosterSaveResultSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(s.RosterSaveSerializer)
        unit = selectors.roster_units(request.user).filter(pk=d["unit"]).first()
        if unit is None:
            raise NotFoundError(_("Unit tidak ditemukan."))
        cells = [roster_services.RosterCell(c["employee"], c["date"], c["shift"], c["clear"]) for c in d["cells"]]
        result = roster_services.roster_save(
            actor=request.user, org_unit=unit, year=d["year"], month=d["month"], cells=cells
        )
        return self.render(result, s.RosterSaveResultSerializer)
