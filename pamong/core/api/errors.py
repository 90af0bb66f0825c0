"""Structured API errors: domain errors become ``{"code", "detail", "fields"}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..errors import Conflict, DomainError, Forbidden, NotFoundError

_STATUS = {
    NotFoundError: status.HTTP_404_NOT_FOUND,
    Forbidden: status.HTTP_403_FORBIDDEN,
    Conflict: status.HTTP_409_CONFLICT,
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain errors become ``{"code", "detail", "fields"}`` with a fitting status."""
    if isinstance(exc, DomainError):
        code = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), status.HTTP_400_BAD_REQUEST)
        return Response(exc.as_dict(), status=code)
    if isinstance(exc, Http404):
        return Response({"code": "not_found", "detail": _("Data tidak ditemukan.")}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        return Response({"code": "forbidden", "detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "code" not in response.data:
        detail = response.data.get("detail")
        if detail is not None:
            response.data = {"code": getattr(detail, "code", "error"), "detail": str(detail)}
        else:
            response.data = {"code": "validation_failed", "detail": _("Input tidak sah."), "fields": response.data}
    return response
