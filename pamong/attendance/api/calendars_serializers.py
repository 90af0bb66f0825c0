"""API serializers of the calendars: input types only (the rules are in the services), read-only output."""

from __future__ import annotations

from rest_framework import serializers

from pamong.core.api.serializers import CodedRefSerializer

from ..choices import HolidayKind, ScheduleKind
from ..models import Holiday, RosterEntry, ScheduleOverride, Shift, UnitSchedule, WorkSchedule


class ScheduleSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = WorkSchedule
        fields = ("id", "code", "name", "kind", "week", "checks", "is_default", "is_active")
        read_only_fields = fields


class ScheduleInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=ScheduleKind.choices, default=ScheduleKind.FIXED_WEEK)
    week = serializers.JSONField(
        required=False,
        default=None,
        help_text="Seven entries, Monday first: {start, end, break_start, break_end} or null.",
    )
    checks = serializers.JSONField(
        required=False,
        default=list,  # type: ignore[arg-type]
        help_text="[{name, weekdays: [0..6], start, end}] extra check windows (apel).",
    )
    is_default = serializers.BooleanField(default=False)


class ScheduleUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField(max_length=120)
    week = serializers.JSONField(required=False, default=None)
    checks = serializers.JSONField(required=False, default=list)  # type: ignore[arg-type]
    is_active = serializers.BooleanField(default=True)


class UnitScheduleSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = CodedRefSerializer(read_only=True)
    schedule = CodedRefSerializer(read_only=True)

    class Meta:
        model = UnitSchedule
        fields = ("id", "org_unit", "schedule", "valid_from", "valid_to")
        read_only_fields = fields


class UnitScheduleInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField()
    schedule = serializers.IntegerField()
    valid_from = serializers.DateField()


class OverrideSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    schedule = serializers.IntegerField(source="schedule_id", read_only=True, allow_null=True)

    class Meta:
        model = ScheduleOverride
        fields = ("id", "name", "schedule", "starts_on", "ends_on", "week")
        read_only_fields = fields


class OverrideInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField(max_length=120)
    schedule = serializers.IntegerField(required=False, allow_null=True, default=None)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    week = serializers.JSONField()


class HolidaySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Holiday
        fields = ("id", "date", "name", "kind", "source", "is_active")
        read_only_fields = fields


class HolidayFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class HolidayInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField()
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=HolidayKind.choices, default=HolidayKind.LOCAL)
    source = serializers.CharField(  # type: ignore[assignment]
        max_length=200, required=False, default="", allow_blank=True
    )


class HolidayReasonInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField()


class HolidaySeedInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class HolidaySeedResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField()
    created = serializers.IntegerField()
    existing = serializers.IntegerField()


class ShiftSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Shift
        fields = ("id", "code", "name", "start", "end", "break_start", "break_end", "crosses_midnight", "is_active")
        read_only_fields = fields


class ShiftInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(max_length=16)
    name = serializers.CharField(max_length=80)
    start = serializers.TimeField()
    end = serializers.TimeField()
    break_start = serializers.TimeField(required=False, allow_null=True, default=None)
    break_end = serializers.TimeField(required=False, allow_null=True, default=None)


class ShiftUpdateSerializer(ShiftInputSerializer):
    code = None  # type: ignore[assignment]
    is_active = serializers.BooleanField(default=True)


class RosterEntrySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField(source="employee_id", read_only=True)
    shift = serializers.SerializerMethodField()

    class Meta:
        model = RosterEntry
        fields = ("id", "employee", "date", "shift")
        read_only_fields = fields

    def get_shift(self, obj: RosterEntry) -> str | None:
        return obj.shift.code if obj.shift is not None else None


class RosterFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = serializers.IntegerField(required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)


class RosterCellSerializer(serializers.Serializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField()
    date = serializers.DateField()
    shift = serializers.CharField(
        allow_null=True, required=False, default=None, help_text="Shift code; null = off duty."
    )
    clear = serializers.BooleanField(default=False, help_text="Remove the entry of that day.")


class RosterSaveSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    cells = RosterCellSerializer(many=True)


class RosterSaveResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    removed = serializers.IntegerField()
