"""Output of the notices API (read-only)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Notice


class NoticeSerializer(serializers.ModelSerializer[Notice]):
    class Meta:
        model = Notice
        fields = ("id", "kind", "title", "body", "url", "created_at", "read_at")
        read_only_fields = fields
