"""Input and output shapes of the imports API; they hold no rules (the service checks the file)."""

from __future__ import annotations

from rest_framework import serializers

from ..choices import ImportKind
from ..models import ImportBatch


class UploadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    file = serializers.FileField()


class BatchSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    created = serializers.IntegerField(source="created_count", read_only=True)
    updated = serializers.IntegerField(source="updated_count", read_only=True)
    unchanged = serializers.IntegerField(source="unchanged_count", read_only=True)
    progress = serializers.IntegerField(read_only=True)
    created_by = serializers.CharField(source="created_by_label", read_only=True)

    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "kind",
            "status",
            "original_name",
            "sha256",
            "size",
            "rows_total",
            "rows_done",
            "progress",
            "created",
            "updated",
            "unchanged",
            "error_count",
            "error_rows",
            "message",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class ErrorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    row = serializers.IntegerField()
    column = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()


class BatchDetailSerializer(BatchSerializer):
    """One batch with its error report (at most 5,000 errors are stored; ``error_count`` is exact)."""

    errors = ErrorSerializer(many=True, read_only=True)  # type: ignore[assignment]
    summary = serializers.JSONField(read_only=True)

    class Meta(BatchSerializer.Meta):
        fields = [*BatchSerializer.Meta.fields, "summary", "errors"]
        read_only_fields = fields
