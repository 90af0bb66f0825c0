"""API serializers of agreements: input types only (rules live in services), read-only output."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.api.fields import ScopedPrimaryKeyRelatedField
from pamong.org.models import OrgUnit

from ..choices import AgreementStatus, SignerParty
from ..models import AgreementItem, AgreementSignature, PerformanceAgreement
from ..rules.content import decimal_text


class UnitRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)


class AgreementSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A version in a list: who, which year, which version, where it stands."""

    org_unit = UnitRefSerializer(read_only=True)
    verification_code = serializers.CharField(read_only=True)

    class Meta:
        model = PerformanceAgreement
        fields: tuple[str, ...] = (
            "id",
            "org_unit",
            "year",
            "version",
            "status",
            "previous",
            "revision_reason",
            "unit_name",
            "place",
            "agreement_date",
            "head_name",
            "head_nip",
            "head_title",
            "region_head_name",
            "region_head_title",
            "content_hash",
            "verification_code",
            "submitted_at",
            "signed_at",
            "superseded_at",
            "cancelled_at",
        )
        read_only_fields: tuple[str, ...] = fields


class ItemSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    annual_target = serializers.SerializerMethodField()
    trajectory = serializers.SerializerMethodField()

    class Meta:
        model = AgreementItem
        fields = (
            "number",
            "goal",
            "indicator",
            "indicator_code",
            "indicator_name",
            "unit_of_measure",
            "polarity",
            "period_kind",
            "annual_target",
            "trajectory",
        )
        read_only_fields = fields

    def get_annual_target(self, obj: AgreementItem) -> str:
        return decimal_text(obj.annual_target)

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}, "example": {"1": "25"}})
    def get_trajectory(self, obj: AgreementItem) -> dict[str, str]:
        return {str(t.period_no): decimal_text(t.target) for t in sorted(obj.targets.all(), key=lambda t: t.period_no)}


class BudgetLineSerializer(serializers.Serializer):  # type: ignore[type-arg]
    number = serializers.IntegerField(read_only=True)
    program = serializers.CharField(read_only=True)
    ceiling = serializers.IntegerField(read_only=True, help_text="Whole Rupiah.")


class SignatureSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = AgreementSignature
        fields = (
            "id",
            "document",
            "party",
            "user",
            "employee",
            "signer_name",
            "signer_nip",
            "signer_title",
            "signer_rank",
            "signed_at",
            "signed_on",
            "content_hash",
            "revoked_at",
            "revoke_reason",
        )
        read_only_fields = fields


class PactSerializer(serializers.Serializer):  # type: ignore[type-arg]
    form = serializers.CharField(read_only=True)
    statements = serializers.ListField(child=serializers.CharField(), read_only=True)
    place = serializers.CharField(read_only=True)
    pact_date = serializers.DateField(read_only=True)
    content_hash = serializers.CharField(read_only=True)
    verification_code = serializers.CharField(read_only=True)


class AgreementDetailSerializer(AgreementSerializer):
    """One version with everything it holds."""

    items = ItemSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    signatures = SignatureSerializer(many=True, read_only=True)
    integrity_pact = serializers.SerializerMethodField()

    class Meta(AgreementSerializer.Meta):
        fields = (*AgreementSerializer.Meta.fields, "items", "budget_lines", "signatures", "integrity_pact")
        read_only_fields = fields

    @extend_schema_field(PactSerializer(allow_null=True))
    def get_integrity_pact(self, obj: PerformanceAgreement) -> dict[str, Any] | None:
        pact = getattr(obj, "integrity_pact", None) if obj.content_hash else None
        return dict(PactSerializer(pact).data) if pact is not None else None


class AgreementFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    org_unit = serializers.IntegerField(required=False)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, required=False)


class BudgetLineInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    program = serializers.CharField(max_length=300, allow_blank=True)
    ceiling = serializers.IntegerField(help_text="Whole Rupiah, not negative.")


class AgreementUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    indicator_ids = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The unit's planning indicators to include (all of them when absent).",
    )
    place = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True, default=None)
    budget_lines = BudgetLineInputSerializer(many=True, required=False, allow_null=True, default=None)


class AgreementCreateSerializer(AgreementUpdateSerializer):
    org_unit = ScopedPrimaryKeyRelatedField(model=OrgUnit, action=PERFORMANCE_VIEW)
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class ReasonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(max_length=1000, allow_blank=True)


class ReviseSerializer(ReasonSerializer):
    indicator_ids = serializers.ListField(
        child=serializers.IntegerField(), required=False, allow_null=True, default=None
    )
    budget_lines = BudgetLineInputSerializer(many=True, required=False, allow_null=True, default=None)


class SignSerializer(serializers.Serializer):  # type: ignore[type-arg]
    party = serializers.ChoiceField(choices=SignerParty.choices)
    content_hash = serializers.CharField(max_length=64, help_text="The SHA-256 the signer was shown and confirms.")


class PactSignSerializer(serializers.Serializer):  # type: ignore[type-arg]
    content_hash = serializers.CharField(max_length=64, help_text="The integrity pact's SHA-256, as shown.")


class UnitsQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class UnitRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = UnitRefSerializer(read_only=True)
    state = serializers.ChoiceField(
        choices=["missing", "draft", "awaiting", "signed", "revising"],
        read_only=True,
        help_text="missing: no agreement",
    )
    in_force = AgreementSerializer(read_only=True, allow_null=True)
    pending = AgreementSerializer(read_only=True, allow_null=True)


class UnitListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(read_only=True)
    counts = serializers.DictField(child=serializers.IntegerField(), read_only=True)
    rows = UnitRowSerializer(many=True, read_only=True)


class VerifyInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(required=False, allow_blank=True, help_text="The code from the paper, or a hash.")
    file = serializers.FileField(required=False, help_text="The PDF downloaded from Pamong (multipart).")


class VersionRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True)


class VerificationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    found = serializers.BooleanField(read_only=True)
    matches = serializers.BooleanField(read_only=True)
    intact = serializers.BooleanField(read_only=True)
    document = serializers.CharField(read_only=True)
    presented = serializers.CharField(read_only=True)
    via = serializers.CharField(read_only=True, help_text="code or file")
    stored_hash = serializers.CharField(read_only=True)
    recomputed_hash = serializers.CharField(read_only=True)
    superseded = serializers.BooleanField(read_only=True)
    agreement = AgreementSerializer(read_only=True, allow_null=True)
    signatures = SignatureSerializer(many=True, read_only=True)
    in_force = VersionRefSerializer(read_only=True, allow_null=True)
    newer = VersionRefSerializer(read_only=True, allow_null=True)
