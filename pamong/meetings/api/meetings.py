"""Meetings API: the same services and selectors as the pages.

``GET|POST /api/meetings/meetings/`` (``when`` upcoming|past, ``kind``, ``unit``), ``GET …/{id}/``,
``POST …/{id}/cancel/``, ``…/{id}/attendance/``, ``…/{id}/minutes/``, ``…/{id}/hold/``, ``…/{id}/memo/``;
``GET|POST /api/meetings/series/``; ``GET /api/meetings/briefs/{invitation id}/``, ``POST …/{id}/note/``;
``GET /api/meetings/calendar/`` (``year``, ``month``).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import MEETINGS_MANAGE, MEETINGS_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.serializers import CodedRefSerializer
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import Forbidden, NotFoundError
from pamong.core.scope import scope_of
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..choices import AttendanceLevel
from ..models import Invitation, Meeting, MeetingSeries
from ..selectors import meetings as selectors
from ..services.meeting_minutes import minutes_save, series_create
from ..services.meetings import attendance_record, invitation_note, meeting_cancel, meeting_hold, meeting_schedule
from ..services.memos import memo_send


def _require(user: Any, action_code: str) -> None:
    if not scope_of(user).can(action_code):
        raise Forbidden("Anda tidak berwenang melihat rapat.")


def _tenant_id(user: Any) -> int:
    return scope_of(user).tenant_id or 0


def _units(user: Any, ids: list[int]) -> list[OrgUnit]:
    units = list(OrgUnit.objects.filter(tenant_id=_tenant_id(user), pk__in=ids))
    if len(units) != len(set(ids)):
        raise NotFoundError("Unit tidak ditemukan.")
    return units


def _employee(user: Any, pk: int | None) -> Employee | None:
    if pk is None:
        return None
    found: Employee | None = Employee.objects.filter(tenant_id=_tenant_id(user), pk=pk).first()
    if found is None:
        raise NotFoundError("Pegawai tidak ditemukan.")
    return found


class MeetingInvitationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True)

    class Meta:
        model = Invitation
        fields = ("id", "org_unit", "attendance", "attendee_name", "brief_made_at")
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True)
    chair = serializers.CharField(source="chair.name", read_only=True, default=None)
    secretary = serializers.CharField(source="secretary.name", read_only=True, default=None)
    kind = serializers.CharField(read_only=True)

    class Meta:
        model = Meeting
        fields = (
            "id",
            "series",
            "org_unit",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "video_link",
            "chair",
            "secretary",
            "status",
            "pre_read_at",
            "briefs_sent_at",
            "held_on",
            "memo_due_on",
            "memo_sent_at",
            "cancel_reason",
        )
        read_only_fields = fields


class MeetingAgendaSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    title = serializers.CharField()
    notes = serializers.CharField()


class MeetingActionItemRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    title = serializers.CharField()
    owner_unit = CodedRefSerializer()
    due_on = serializers.DateField()
    expected_evidence = serializers.CharField()
    status = serializers.CharField()


class MeetingDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    meeting = MeetingSerializer()
    invitations = MeetingInvitationSerializer(many=True)
    agenda = MeetingAgendaSerializer(many=True)
    decisions = serializers.SerializerMethodField()
    action_items = MeetingActionItemRefSerializer(many=True)
    can_run = serializers.BooleanField()
    readable_briefs = serializers.ListField(child=serializers.IntegerField())

    def get_decisions(self, obj: Any) -> list[dict[str, Any]]:
        return [{"id": d.pk, "agenda_item": d.agenda_item_id, "text": d.text} for d in obj.decisions]


class MeetingFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    when = serializers.ChoiceField(choices=["upcoming", "past"], required=False, default="upcoming")
    kind = serializers.CharField(required=False, default="", max_length=16)
    unit = serializers.IntegerField(required=False)


class MeetingInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField()
    kind = serializers.CharField(max_length=16, help_text="monthly_rakor, cross_sector, limited or internal")
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    video_link = serializers.URLField(required=False, allow_blank=True, default="")
    chair = serializers.IntegerField(required=False, allow_null=True, default=None)
    secretary = serializers.IntegerField(required=False, allow_null=True, default=None)
    invited_units = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class MeetingReasonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(max_length=255)


class MeetingAttendanceRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    invitation = serializers.IntegerField()
    attendance = serializers.ChoiceField(choices=AttendanceLevel.choices)
    attendee_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class MeetingAttendanceInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    rows = MeetingAttendanceRowSerializer(many=True)


class MeetingMinutesInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    agenda = serializers.ListField(child=serializers.DictField(), required=False, default=list)
    decisions = serializers.ListField(child=serializers.DictField(), required=False, default=list)


class MeetingHoldInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    held_on = serializers.DateField()


class MeetingViewSet(ScopedViewSet):
    """Meetings the caller may see (organiser's subtree, chair, secretary, invited units)."""

    model = Meeting
    view_action = MEETINGS_VIEW
    serializer_class = MeetingSerializer
    lookup_value_regex = r"\d+"

    def base_queryset(self) -> QuerySet[Meeting]:
        return Meeting.objects.select_related("org_unit", "chair", "secretary")

    def get_object(self) -> Meeting:
        _require(self.request.user, MEETINGS_VIEW)
        found: Meeting = super().get_object()
        return found

    def _detail(self, pk: int) -> Response:
        page = selectors.meeting_page(self.request.user, pk)
        if page is None:
            raise NotFoundError("Rapat tidak ditemukan.")
        page.readable_briefs = sorted(page.readable_briefs)  # type: ignore[assignment]
        return self.render(page, MeetingDetailSerializer)

    @extend_schema(
        summary="List meetings (upcoming soonest first, or past latest first)",
        parameters=[MeetingFilterSerializer],
        responses={200: MeetingSerializer(many=True), **errors(400, 401, 403)},
    )
    def list(self, request: Request) -> Response:
        _require(request.user, MEETINGS_VIEW)
        f = self.parse_query(MeetingFilterSerializer)
        rows = selectors.meeting_list(
            request.user, now=timezone.now(), when=f["when"], kind=f["kind"], unit_id=f.get("unit")
        )
        return self.render_page(rows)

    @extend_schema(
        summary="One meeting with invitations, agenda, decisions and action items",
        responses={200: MeetingDetailSerializer, **errors(401, 403, 404)},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        _require(request.user, MEETINGS_VIEW)
        return self._detail(int(pk or 0))

    @extend_schema(
        summary="Schedule a meeting (must start in the future); invited units are notified",
        request=MeetingInputSerializer,
        responses={201: MeetingSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        _require(request.user, MEETINGS_MANAGE)
        d = self.parse(MeetingInputSerializer)
        units = _units(request.user, [d["org_unit"]])
        meeting = meeting_schedule(
            actor=request.user,
            org_unit=units[0],
            kind=d["kind"],
            title=d["title"],
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            venue=d["venue"],
            video_link=d["video_link"],
            chair=_employee(request.user, d["chair"]),
            secretary=_employee(request.user, d["secretary"]),
            invited_units=_units(request.user, d["invited_units"]),
            now=timezone.now(),
        )
        return self.render(meeting, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Cancel a scheduled meeting",
        request=MeetingReasonSerializer,
        responses={200: MeetingSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        d = self.parse(MeetingReasonSerializer)
        meeting = meeting_cancel(actor=request.user, meeting=self.get_object(), reason=d["reason"], now=timezone.now())
        return self.render(meeting)

    @extend_schema(
        summary="Record attendance per invited unit",
        request=MeetingAttendanceInputSerializer,
        responses={200: MeetingInvitationSerializer(many=True), **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        d = self.parse(MeetingAttendanceInputSerializer)
        own = {inv.pk: inv for inv in meeting.invitations.select_related("org_unit")}
        rows = []
        for row in d["rows"]:
            if row["invitation"] not in own:
                raise NotFoundError("Undangan tidak ditemukan pada rapat ini.")
            rows.append((own[row["invitation"]], row["attendance"], row["attendee_name"]))
        saved = attendance_record(actor=request.user, meeting=meeting, rows=rows)
        return Response(MeetingInvitationSerializer(saved, many=True).data)

    @extend_schema(
        summary="Save agenda items and decisions (an item with an id is updated in place)",
        request=MeetingMinutesInputSerializer,
        responses={200: MeetingDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def minutes(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        d = self.parse(MeetingMinutesInputSerializer)
        minutes_save(actor=request.user, meeting=meeting, agenda=d["agenda"], decisions=d["decisions"])
        return self._detail(meeting.pk)

    @extend_schema(
        summary="Mark the meeting held; the commitments memo is due 2 working days later",
        request=MeetingHoldInputSerializer,
        responses={200: MeetingSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, pk: str | None = None) -> Response:
        d = self.parse(MeetingHoldInputSerializer)
        return self.render(meeting_hold(actor=request.user, meeting=self.get_object(), held_on=d["held_on"]))

    @extend_schema(
        summary="Send the commitments memo (owners' heads and the chair are notified)",
        request=None,
        responses={200: MeetingSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def memo(self, request: Request, pk: str | None = None) -> Response:
        return self.render(memo_send(actor=request.user, meeting=self.get_object(), now=timezone.now()))


class MeetingSeriesSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True)
    invited_units = CodedRefSerializer(many=True, read_only=True)
    kind = serializers.CharField(read_only=True)
    frequency = serializers.CharField(read_only=True)

    class Meta:
        model = MeetingSeries
        fields = (
            "id",
            "org_unit",
            "kind",
            "title",
            "frequency",
            "weekday",
            "week_of_month",
            "day_of_month",
            "first_month",
            "starts_at",
            "duration_minutes",
            "venue",
            "video_link",
            "is_active",
            "invited_units",
        )
        read_only_fields = fields


class MeetingSeriesInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField()
    kind = serializers.CharField(max_length=16, help_text="monthly_rakor, cross_sector, limited or internal")
    title = serializers.CharField(max_length=200)
    frequency = serializers.CharField(max_length=12, help_text="monthly, quarterly or semiannual")
    weekday = serializers.IntegerField(required=False, allow_null=True, default=None)
    week_of_month = serializers.IntegerField(required=False, allow_null=True, default=None)
    day_of_month = serializers.IntegerField(required=False, allow_null=True, default=None)
    first_month = serializers.IntegerField(required=False, default=1)
    starts_at = serializers.TimeField()
    duration_minutes = serializers.IntegerField(required=False, default=120, min_value=15, max_value=600)
    venue = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    invited_units = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class SeriesViewSet(ScopedViewSet):
    model = MeetingSeries
    view_action = MEETINGS_VIEW
    serializer_class = MeetingSeriesSerializer
    lookup_value_regex = r"\d+"

    @extend_schema(
        summary="Recurring meetings in scope", responses={200: MeetingSeriesSerializer(many=True), **errors(401, 403)}
    )
    def list(self, request: Request) -> Response:
        _require(request.user, MEETINGS_MANAGE)
        return self.render_page(selectors.series_list(request.user).prefetch_related("invited_units"))

    @extend_schema(
        summary="Create a recurring meeting",
        request=MeetingSeriesInputSerializer,
        responses={201: MeetingSeriesSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        _require(request.user, MEETINGS_MANAGE)
        d = self.parse(MeetingSeriesInputSerializer)
        org_unit = _units(request.user, [d.pop("org_unit")])[0]
        units = _units(request.user, d.pop("invited_units"))
        series = series_create(actor=request.user, org_unit=org_unit, invited_units=units, **d)
        return self.render(series, status_code=status.HTTP_201_CREATED)


class MeetingBriefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    meeting = serializers.IntegerField(source="meeting_id")
    org_unit = CodedRefSerializer()
    brief = serializers.JSONField()
    brief_made_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField()


class MeetingNoteInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    note = serializers.CharField(allow_blank=True, max_length=5000)


class BriefViewSet(ScopedViewSet):
    """An invited unit's brief (by invitation id): its own unit, or every brief for whoever runs the meeting."""

    model = Meeting
    view_action = MEETINGS_VIEW
    serializer_class = MeetingBriefSerializer
    lookup_value_regex = r"\d+"

    def _invitation(self, pk: str | None) -> Invitation:
        _require(self.request.user, MEETINGS_VIEW)
        invitation = (
            Invitation.objects.select_related("org_unit", "meeting", "meeting__org_unit")
            .filter(pk=int(pk or 0), meeting__in=selectors.meetings_visible(self.request.user).values("pk"))
            .first()
        )
        if invitation is None:
            raise NotFoundError("Bahan rapat tidak ditemukan.")
        if not selectors.may_read_brief(self.request.user, invitation):
            raise Forbidden("Bahan rapat ini milik unit lain.")
        return invitation

    @extend_schema(
        summary="One invited unit's pre-read brief", responses={200: MeetingBriefSerializer, **errors(401, 403, 404)}
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self._invitation(pk))

    @extend_schema(
        summary="The invited unit's head adds a note before the meeting",
        request=MeetingNoteInputSerializer,
        responses={200: MeetingBriefSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def note(self, request: Request, pk: str | None = None) -> Response:
        invitation = self._invitation(pk)
        d = self.parse(MeetingNoteInputSerializer)
        return self.render(
            invitation_note(actor=request.user, invitation=invitation, note=d["note"], now=timezone.now())
        )


class MeetingCalendarQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)


class MeetingCalendarEntrySerializer(serializers.Serializer):  # type: ignore[type-arg]
    day = serializers.DateField()
    starts_at = serializers.DateTimeField(allow_null=True)
    title = serializers.CharField()
    kind = serializers.CharField()
    url = serializers.CharField()
    place = serializers.CharField()


class CalendarViewSet(ScopedViewSet):
    model = Meeting
    view_action = MEETINGS_VIEW
    serializer_class = MeetingCalendarEntrySerializer

    @extend_schema(
        summary="Meetings and field visits of a month in scope",
        parameters=[MeetingCalendarQuerySerializer],
        responses={200: MeetingCalendarEntrySerializer(many=True), **errors(400, 401, 403)},
    )
    def list(self, request: Request) -> Response:
        _require(request.user, MEETINGS_VIEW)
        f = self.parse_query(MeetingCalendarQuerySerializer)
        today = self.tenant_today()
        year, month = f.get("year", today.year), f.get("month", today.month)
        tenant = getattr(request.user, "tenant", None)
        zone = tenant.zone if tenant is not None else timezone.get_current_timezone()
        entries = selectors.calendar_entries(
            request.user,
            start=dt.date(year, month, 1),
            end=dt.date(year, month, pycalendar.monthrange(year, month)[1]),
            zone=zone,
        )
        return Response(MeetingCalendarEntrySerializer(entries, many=True).data)
