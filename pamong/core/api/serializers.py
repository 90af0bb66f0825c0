"""Output serializers shared by every app's API."""

from __future__ import annotations

from rest_framework import serializers


class CodedRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A short reference to a coded row (unit, cluster, position): id, code and name."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
