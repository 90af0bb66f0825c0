"""Shared OpenAPI pieces: the error body every endpoint may answer with."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorResponseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """``{"code", "detail", "fields"}``: what ``pamong.core.api.errors`` answers for every refusal."""

    code = serializers.CharField(help_text="Stable machine-readable code, e.g. validation_failed, not_found.")
    detail = serializers.CharField(help_text="Human-readable message in the active language.")
    # Declared fields live apart from Serializer.fields at run time; only the type checker sees a clash.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages per input field (for a NIP: one message per faulty part).",
    )


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Error responses for ``@extend_schema(responses=...)``."""
    meaning = {
        400: "Invalid input; nothing was written.",
        401: "Not authenticated.",
        403: "Visible, but the action is not allowed.",
        404: "Not found, or outside the caller's scope.",
        409: "Conflicts with the current state.",
        429: "Locked out after repeated failures.",
    }
    return {code: OpenApiResponse(ErrorResponseSerializer, description=meaning.get(code, "")) for code in codes}
