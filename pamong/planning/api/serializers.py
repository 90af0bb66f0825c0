"""API serializers of the planning cascade: input types only (rules live in services), read-only output."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pamong.core.api.fields import ScopedPrimaryKeyRelatedField, TenantPrimaryKeyRelatedField
from pamong.org.models import OrgUnit, Position

from ..choices import Aggregation, IndicatorLevel, LowerIsBetterFormula, PeriodKind, Polarity, ProgramKind
from ..models import Goal, Indicator, Mission, PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget
from ..sipd import parse_number


@extend_schema_field(OpenApiTypes.STR)
class NumberField(serializers.Field):  # type: ignore[type-arg]
    """A decimal from a JSON number or a string ("12,5" or "12.5"); a text gets a clear message."""

    default_error_messages = {"invalid": _("Harus berupa angka, mis. 12,5.")}

    def to_internal_value(self, data: Any) -> Decimal:
        try:
            return parse_number(data)
        except (InvalidOperation, ValueError):
            self.fail("invalid")
        raise AssertionError  # unreachable

    def to_representation(self, value: Any) -> str:
        return str(value)


class PeriodSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = PlanPeriod
        fields = ("id", "name", "start_year", "end_year", "vision", "status")
        read_only_fields = fields


class PlanningUnitRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MissionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Mission
        fields = ("id", "period", "number", "text")
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Goal
        fields = ("id", "mission", "code", "text")
        read_only_fields = fields


class RegionalTargetSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = RegionalTarget
        fields = ("id", "goal", "code", "text")
        read_only_fields = fields


class PriorityProgramSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    owner_unit = PlanningUnitRefSerializer(read_only=True)

    class Meta:
        model = PriorityProgram
        fields = ("id", "period", "code", "name", "kind", "owner_unit", "description")
        read_only_fields = fields


class StrategicTargetSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = PlanningUnitRefSerializer(read_only=True)

    class Meta:
        model = StrategicTarget
        fields = ("id", "period", "org_unit", "code", "text", "regional_target", "priority_program")
        read_only_fields = fields


# -- inputs of the RPJMD and strategic-target updates (types only: the services say what is required) -----
# Text fields accept "" so that the service answers with its own message ("Wajib diisi.") under the field.


class PeriodUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    vision = serializers.CharField(required=False, allow_blank=True)


class PeriodCloseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(max_length=500, allow_blank=True, help_text="Required, e.g. the new Perda RPJMD.")


class MissionUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    number = serializers.IntegerField(required=False)
    text = serializers.CharField(required=False, allow_blank=True)


class CodedTextUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A goal or a regional target."""

    code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    text = serializers.CharField(required=False, allow_blank=True)


class PriorityProgramUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The code is not changeable: imports find the program by it."""

    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=ProgramKind.choices, required=False)
    owner_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit, action="planning.view", required=False)
    description = serializers.CharField(required=False, allow_blank=True)


class StrategicTargetUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """``null`` for ``regional_target`` or ``priority_program`` removes that link."""

    code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    text = serializers.CharField(required=False, allow_blank=True)
    regional_target = TenantPrimaryKeyRelatedField(model=RegionalTarget, required=False, allow_null=True)
    priority_program = TenantPrimaryKeyRelatedField(model=PriorityProgram, required=False, allow_null=True)


class IndicatorSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit = serializers.SerializerMethodField()
    baseline = serializers.DecimalField(max_digits=20, decimal_places=4, coerce_to_string=True, allow_null=True)
    weight = serializers.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=True)

    class Meta:
        model = Indicator
        fields = (
            "id",
            "period",
            "org_unit",
            "level",
            "code",
            "name",
            "unit_of_measure",
            "polarity",
            "lower_is_better_formula",
            "baseline",
            "aggregation",
            "period_kind",
            "weight",
            "data_source",
            "regional_target",
            "strategic_target",
            "priority_program",
            "responsible_position",
        )
        read_only_fields = fields

    def get_org_unit(self, obj: Indicator) -> dict[str, Any]:
        return {"id": obj.org_unit_id, "code": obj.org_unit.code, "name": obj.org_unit.name}


class IndicatorFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    period = TenantPrimaryKeyRelatedField(model=PlanPeriod, required=False)
    org_unit = serializers.IntegerField(required=False)
    level = serializers.ChoiceField(choices=IndicatorLevel.choices, required=False)
    q = serializers.CharField(required=False, allow_blank=True, default="")


class IndicatorInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=300)
    unit_of_measure = serializers.CharField(max_length=40)
    polarity = serializers.ChoiceField(choices=Polarity.choices, default=Polarity.MAXIMIZE)
    lower_is_better_formula = serializers.ChoiceField(
        choices=LowerIsBetterFormula.choices, required=False, allow_blank=True, default=""
    )
    baseline = NumberField(required=False, allow_null=True, default=None)
    aggregation = serializers.ChoiceField(choices=Aggregation.choices, default=Aggregation.CUMULATIVE)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, default=PeriodKind.QUARTERLY)
    weight = NumberField(required=False, default=Decimal("1"))
    data_source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    responsible_position = ScopedPrimaryKeyRelatedField(model=Position, required=False, allow_null=True, default=None)
    regional_target = TenantPrimaryKeyRelatedField(model=RegionalTarget, required=False, allow_null=True, default=None)
    strategic_target = ScopedPrimaryKeyRelatedField(
        model=StrategicTarget, required=False, allow_null=True, default=None
    )
    priority_program = TenantPrimaryKeyRelatedField(
        model=PriorityProgram, required=False, allow_null=True, default=None
    )


class IndicatorCreateSerializer(IndicatorInputSerializer):
    period = TenantPrimaryKeyRelatedField(model=PlanPeriod)
    org_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit, action="planning.view")


class TargetsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=2000, max_value=2105)
    annual_target = NumberField(allow_null=True)
    period_targets = serializers.DictField(child=NumberField(), help_text='{"1": "25", "2": "50", ...}')

    def validate_period_targets(self, value: dict[str, Decimal]) -> dict[int, Decimal]:
        result: dict[int, Decimal] = {}
        for key, number in value.items():
            if not str(key).isdigit():
                raise serializers.ValidationError(_("Kunci periode harus nomor bulan atau triwulan."))
            result[int(key)] = number
        return result


class TreeQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    period = serializers.IntegerField(required=False)


class ImportSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=[("rpjmd", "rpjmd"), ("renstra", "renstra")])
    file = serializers.FileField()
