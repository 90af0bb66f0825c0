"""The caller's own notices: list (optionally unread only), mark one or all read."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet

from ..models import Notice, NoticeQuerySet
from ..services import notice_mark_read, notices_mark_all_read
from .serializers import NoticeSerializer


class NoticeViewSet(ScopedViewSet):
    """A notice is addressed to one user; nobody else sees it, whatever their roles (so no ``visible_to``)."""

    model = Notice
    serializer_class = NoticeSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> NoticeQuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Notice.objects.none()
        return Notice.objects.for_user(self.request.user)

    @extend_schema(
        summary="My notices, newest first",
        parameters=[OpenApiParameter("unread", bool, description="Only notices not yet read.")],
        responses={200: NoticeSerializer(many=True), **errors(401)},
    )
    def list(self, request: Request) -> Response:
        queryset = self.get_queryset()
        if request.query_params.get("unread") in {"1", "true", "True"}:
            queryset = queryset.unread()
        return self.render_page(queryset)

    @extend_schema(
        summary="Mark one of my notices read", request=None, responses={200: NoticeSerializer, **errors(401, 404)}
    )
    @action(detail=True, methods=["post"], url_path="read")
    def read(self, request: Request, pk: Any = None) -> Response:
        return self.render(notice_mark_read(actor=request.user, notice_id=int(pk)))

    @extend_schema(summary="Mark all my notices read", request=None, responses={200: dict, **errors(401)})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": notices_mark_all_read(actor=request.user)})
