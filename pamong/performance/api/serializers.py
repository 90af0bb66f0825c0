"""API serializers of scores, the register and ratings: input types only (rules live in services), read-only
output."""

from __future__ import annotations

from rest_framework import serializers

from pamong.access.models import User
from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.api.fields import ScopedPrimaryKeyRelatedField, TenantPrimaryKeyRelatedField
from pamong.planning.models import Indicator, PriorityProgram

from ..choices import CONSEQUENCE_STATUS_FILTERS as STATUS_FILTERS
from ..choices import Colour, ConsequenceKind, Likelihood, UnitGroup
from ..models import Consequence, ConsequenceEvent, IndicatorScore, LikelihoodRating, ProgramScore, UnitScore


class RefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A coded row (unit, indicator, program): id, code, name."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PersonRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, user: User) -> str:
        return user.get_full_name() or user.username


class PeriodFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False)


class UnitScoreFilterSerializer(PeriodFilterSerializer):
    group = serializers.ChoiceField(choices=UnitGroup.choices, required=False)
    org_unit = serializers.IntegerField(required=False)


class LeagueFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    group = serializers.ChoiceField(choices=[UnitGroup.OPD, UnitGroup.KECAMATAN], default=UnitGroup.OPD)


class IndicatorScoreFilterSerializer(PeriodFilterSerializer):
    org_unit = serializers.IntegerField(required=False)
    indicator = serializers.IntegerField(required=False)
    colour = serializers.ChoiceField(choices=Colour.choices, required=False)


class UnitScoreSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = RefSerializer(read_only=True)

    class Meta:
        model = UnitScore
        fields = (
            "org_unit",
            "group",
            "year",
            "month",
            "index",
            "index_change",
            "predicate_code",
            "predicate_label",
            "colour",
            "rank",
            "ranked",
            "indicators",
            "green",
            "yellow",
            "red",
            "no_data",
            "computed_at",
        )
        read_only_fields = fields


class IndicatorScoreSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    indicator = RefSerializer(read_only=True)
    org_unit = RefSerializer(read_only=True)

    class Meta:
        model = IndicatorScore
        fields = (
            "indicator",
            "org_unit",
            "year",
            "month",
            "period_kind",
            "period_no",
            "weight",
            "annual_target",
            "period_actual",
            "ytd_target",
            "ytd_actual",
            "capaian",
            "colour",
            "trajectory_status",
            "note",
            "note_text",
            "counted",
            "reported_periods",
            "missing_periods",
            "computed_at",
        )
        read_only_fields = fields


class ProgramRefSerializer(RefSerializer):
    owner_unit = RefSerializer()


class ProgramScoreSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    program = ProgramRefSerializer(read_only=True)

    class Meta:
        model = ProgramScore
        fields = ("program", "year", "month", "index", "colour", "indicators", "green", "yellow", "red", "no_data")
        read_only_fields = fields


class ConsequenceEventSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    actor = PersonRefSerializer(read_only=True, allow_null=True)
    owner_user = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ConsequenceEvent
        fields = ("step", "from_status", "to_status", "note", "actor", "actor_label", "owner_user", "created_at")
        read_only_fields = fields


CONSEQUENCE_FIELDS: tuple[str, ...] = (
    "id",
    "kind",
    "status",
    "title",
    "org_unit",
    "indicator",
    "report",
    "employee",
    "year",
    "period_kind",
    "period_no",
    "facts",
    "opened_on",
    "due_on",
    "improvement_starts_on",
    "improvement_ends_on",
    "owner_unit",
    "owner_user",
    "last_note",
    "ended_on",
)


class ConsequenceSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = RefSerializer(read_only=True)
    owner_unit = RefSerializer(read_only=True)
    owner_user = PersonRefSerializer(read_only=True, allow_null=True)
    indicator = serializers.IntegerField(source="indicator_id", read_only=True, allow_null=True)
    report = serializers.IntegerField(source="report_id", read_only=True, allow_null=True)
    employee = serializers.IntegerField(source="employee_id", read_only=True, allow_null=True)

    class Meta:
        model = Consequence
        fields = CONSEQUENCE_FIELDS
        read_only_fields = fields


class ConsequenceDetailSerializer(ConsequenceSerializer):
    events = ConsequenceEventSerializer(many=True, read_only=True)

    class Meta:
        model = Consequence
        fields = (*CONSEQUENCE_FIELDS, "events")
        read_only_fields = fields


class ConsequenceFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.ChoiceField(choices=STATUS_FILTERS, required=False)
    kind = serializers.ChoiceField(choices=ConsequenceKind.choices, required=False)
    org_unit = serializers.IntegerField(required=False)
    year = serializers.IntegerField(required=False)


class NoteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class AssignSerializer(NoteSerializer):
    owner_user = TenantPrimaryKeyRelatedField(model=User)


class RatingSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    indicator = serializers.IntegerField(source="indicator_id", read_only=True, allow_null=True)
    program = serializers.IntegerField(source="program_id", read_only=True, allow_null=True)
    org_unit = RefSerializer(read_only=True)
    rated_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = LikelihoodRating
        fields = (
            "id",
            "indicator",
            "program",
            "org_unit",
            "year",
            "month",
            "rating",
            "reason",
            "computed_colour",
            "rated_by",
            "created_at",
        )
        read_only_fields = fields


class RatingInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    indicator: ScopedPrimaryKeyRelatedField = ScopedPrimaryKeyRelatedField(
        model=Indicator, action=PERFORMANCE_VIEW, required=False, allow_null=True
    )
    program: TenantPrimaryKeyRelatedField = TenantPrimaryKeyRelatedField(
        model=PriorityProgram, required=False, allow_null=True
    )
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Likelihood.choices)
    reason = serializers.CharField(allow_blank=True, max_length=2000)


class RatingFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    indicator = serializers.IntegerField(required=False)
    program = serializers.IntegerField(required=False)
    year = serializers.IntegerField(required=False)
    month = serializers.IntegerField(required=False)
