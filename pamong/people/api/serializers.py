"""Serializers of the people API.

Input serializers only parse and shape types: the NIP, the grade and every
appointment rule are checked by ``pamong.people.services`` (so a bad NIP comes
back with one message per faulty part). Output serializers are read-only.
"""

from __future__ import annotations

from rest_framework import serializers

from pamong.core.api.fields import ScopedPrimaryKeyRelatedField
from pamong.core.api.serializers import CodedRefSerializer
from pamong.org.models import OrgUnit, Position
from pamong.people.choices import AssignmentKind, EmployeeKindChoice
from pamong.people.models import Assignment, Employee

# -- output ------------------------------------------------------------------------------


class EmployeeSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """An employee in a list: identity, unit and current definitive post."""

    org_unit = CodedRefSerializer(read_only=True)
    position = CodedRefSerializer(read_only=True, allow_null=True)
    full_name = serializers.CharField(read_only=True)
    nip_formatted = serializers.CharField(read_only=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "nip",
            "nip_formatted",
            "name",
            "full_name",
            "front_title",
            "back_title",
            "kind",
            "grade",
            "org_unit",
            "position",
            "is_active",
        ]
        read_only_fields = fields


class EmployeeDetailSerializer(EmployeeSerializer):
    """One employee with the data decoded from the NIP and the contact details."""

    class Meta(EmployeeSerializer.Meta):
        fields = [
            *EmployeeSerializer.Meta.fields,
            "nip_lama",
            "birth_date",
            "gender",
            "appointment_year",
            "appointment_month",
            "email",
            "phone",
        ]
        read_only_fields = fields


class AssignmentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """One period in a post: definitive, Plt or Plh."""

    position = CodedRefSerializer(read_only=True)
    org_unit = CodedRefSerializer(source="position.org_unit", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "employee",
            "position",
            "org_unit",
            "kind",
            "starts_on",
            "ends_on",
            "decree_number",
            "decree_date",
            "note",
        ]
        read_only_fields = fields


# -- input -------------------------------------------------------------------------------


class EmployeeFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    q = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Part of the name, or NIP prefix."
    )
    org_unit = ScopedPrimaryKeyRelatedField(
        model=OrgUnit, required=False, allow_null=True, default=None, help_text="This unit and its sub-units."
    )
    kind = serializers.ChoiceField(choices=EmployeeKindChoice.choices, required=False, allow_blank=True, default="")


class EmployeeCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit)
    # Length and digits are the NIP rule's business: it reports each faulty part.
    nip = serializers.CharField(max_length=40, trim_whitespace=True)
    name = serializers.CharField(max_length=200, allow_blank=True)
    kind = serializers.ChoiceField(choices=EmployeeKindChoice.choices)
    grade = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    front_title = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    back_title = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    nip_lama = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class EmployeeUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Every field optional: fields not sent keep their current value. The NIP never changes."""

    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    front_title = serializers.CharField(max_length=40, required=False, allow_blank=True)
    back_title = serializers.CharField(max_length=60, required=False, allow_blank=True)
    grade = serializers.CharField(max_length=16, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AssignmentStartSerializer(serializers.Serializer):  # type: ignore[type-arg]
    position = ScopedPrimaryKeyRelatedField(model=Position)
    kind = serializers.ChoiceField(choices=AssignmentKind.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    decree_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    decree_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class AssignmentEndSerializer(serializers.Serializer):  # type: ignore[type-arg]
    ends_on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
