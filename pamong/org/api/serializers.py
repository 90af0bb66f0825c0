"""Serializers of the organisation API.

Input serializers only parse and shape types; every rule (who may, which codes,
which echelon fits which post) is in ``pamong.org.services``. Output serializers
are read-only.
"""

from __future__ import annotations

from rest_framework import serializers

from pamong.core.api.fields import ScopedPrimaryKeyRelatedField, TenantPrimaryKeyRelatedField
from pamong.core.api.serializers import CodedRefSerializer
from pamong.org.choices import OrgUnitKind, PositionTypeChoice
from pamong.org.models import Cluster, OrgUnit, Position
from pamong.people.choices import AssignmentKind

# -- output ------------------------------------------------------------------------------


class UnitSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A unit of the org tree as the API shows it."""

    parent = CodedRefSerializer(read_only=True, allow_null=True)
    cluster = CodedRefSerializer(read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "kind_display",
            "parent",
            "path",
            "depth",
            "cluster",
            "opened_on",
            "closed_on",
            "sort_order",
        ]
        read_only_fields = fields


class PositionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A post; ``vacant`` means nobody holds it definitively on the tenant's today (Plt/Plh do not fill it)."""

    org_unit = CodedRefSerializer(read_only=True)
    vacant = serializers.BooleanField(read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "code",
            "name",
            "org_unit",
            "position_type",
            "eselon",
            "job_class",
            "duties",
            "is_head",
            "closed_on",
            "vacant",
        ]
        read_only_fields = fields


class EmployeeRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class HeadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Who held a unit's head post on a day (``people.selectors.HeadOnDay``)."""

    employee = EmployeeRefSerializer(read_only=True)
    kind = serializers.ChoiceField(choices=AssignmentKind.choices, read_only=True)
    starts_on = serializers.DateField(read_only=True)
    ends_on = serializers.DateField(read_only=True, allow_null=True)
    position_name = serializers.CharField(read_only=True)
    is_acting = serializers.BooleanField(read_only=True)


# -- input -------------------------------------------------------------------------------


class UnitFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    # A field named "parent" shadows Field.parent only for the type checker: DRF keeps declared fields apart.
    parent = ScopedPrimaryKeyRelatedField(  # type: ignore[assignment]
        model=OrgUnit, required=False, help_text="Direct children of this unit."
    )
    kind = serializers.ChoiceField(choices=OrgUnitKind.choices, required=False)
    cluster = TenantPrimaryKeyRelatedField(model=Cluster, required=False, help_text="Units of this Asisten cluster.")
    q = serializers.CharField(required=False, allow_blank=True, help_text="Part of the name or code.")
    include_closed = serializers.BooleanField(required=False, default=False, help_text="Also list closed units.")


class UnitCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    parent = ScopedPrimaryKeyRelatedField(model=OrgUnit, allow_null=True)  # type: ignore[assignment]
    code = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=OrgUnitKind.choices)
    short_name = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    cluster = TenantPrimaryKeyRelatedField(model=Cluster, required=False, allow_null=True, default=None)
    opened_on = serializers.DateField(required=False, allow_null=True, default=None)
    sort_order = serializers.IntegerField(required=False, min_value=0, default=0)


class UnitUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Every field optional: only the fields sent are changed (``cluster: null`` clears it)."""

    name = serializers.CharField(max_length=255, required=False)
    short_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=OrgUnitKind.choices, required=False)
    cluster = TenantPrimaryKeyRelatedField(model=Cluster, required=False, allow_null=True)
    sort_order = serializers.IntegerField(required=False, min_value=0)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class UnitMoveSerializer(serializers.Serializer):  # type: ignore[type-arg]
    new_parent = ScopedPrimaryKeyRelatedField(model=OrgUnit)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class UnitCloseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    closed_on = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


class HeadsQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField(required=False, help_text="YYYY-MM-DD; the tenant's today when omitted.")


class PositionFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit, required=False, help_text="Posts of exactly this unit.")
    vacant = serializers.BooleanField(required=False, allow_null=True, default=None)


class PositionCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit)
    code = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=255)
    position_type = serializers.ChoiceField(choices=PositionTypeChoice.choices)
    eselon = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    job_class = serializers.IntegerField(required=False, allow_null=True, default=None)
    duties = serializers.CharField(required=False, allow_blank=True, default="")
    is_head = serializers.BooleanField(required=False, default=False)


class PositionUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Every field optional: fields not sent keep their current value."""

    name = serializers.CharField(max_length=255, required=False)
    position_type = serializers.ChoiceField(choices=PositionTypeChoice.choices, required=False)
    eselon = serializers.CharField(max_length=20, required=False, allow_blank=True)
    job_class = serializers.IntegerField(required=False, allow_null=True)
    duties = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
