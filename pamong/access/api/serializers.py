"""Serializers of the access API: role assignments and API tokens (types only, no rules)."""

from __future__ import annotations

from rest_framework import serializers

from pamong.access.models import RoleAssignment, User
from pamong.access.roles import Role
from pamong.core.api.fields import ScopedPrimaryKeyRelatedField, TenantPrimaryKeyRelatedField
from pamong.core.api.serializers import CodedRefSerializer
from pamong.org.models import Cluster, OrgUnit

# -- output ------------------------------------------------------------------------------


class UserRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    employee = serializers.IntegerField(source="employee_id", read_only=True, allow_null=True)


class RoleAssignmentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A role held over a unit (and its subtree) or an Asisten cluster, between two dates."""

    user = UserRefSerializer(read_only=True)
    org_unit = CodedRefSerializer(read_only=True, allow_null=True)
    cluster = CodedRefSerializer(read_only=True, allow_null=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = [
            "id",
            "user",
            "role",
            "role_display",
            "org_unit",
            "cluster",
            "include_descendants",
            "valid_from",
            "valid_to",
            "note",
        ]
        read_only_fields = fields


class TokenSerializer(serializers.Serializer):  # type: ignore[type-arg]
    token = serializers.CharField(read_only=True, help_text="Send as `Authorization: Token <token>`.")


# -- input -------------------------------------------------------------------------------


class RoleAssignmentFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    user = TenantPrimaryKeyRelatedField(model=User, required=False, allow_null=True, default=None)
    role = serializers.ChoiceField(choices=Role.choices, required=False, allow_blank=True, default="")


class RoleAssignmentCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    user = TenantPrimaryKeyRelatedField(model=User)
    role = serializers.ChoiceField(choices=Role.choices)
    org_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit, required=False, allow_null=True, default=None)
    cluster = TenantPrimaryKeyRelatedField(model=Cluster, required=False, allow_null=True, default=None)
    include_descendants = serializers.BooleanField(required=False, default=True)
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)
    valid_to = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RoleAssignmentEndSerializer(serializers.Serializer):  # type: ignore[type-arg]
    valid_to = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


class TokenObtainSerializer(serializers.Serializer):  # type: ignore[type-arg]
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=8, required=False, allow_blank=True, default="", help_text="TOTP code; required for admin roles."
    )
