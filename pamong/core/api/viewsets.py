"""Base viewset for tenant data: ``visible_to`` is applied here, never by hand.

An API view parses its input with an input serializer (types only), calls one
service or selector with keyword arguments, and renders the result with a
read-only output serializer. Domain errors raised by the service become
structured responses in ``pamong.core.api.errors``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from ..models import Tenant
from ..scope import scope_of


class ScopedViewSet(GenericViewSet):  # type: ignore[type-arg]
    """Every API viewset over tenant data derives from this."""

    model: ClassVar[Any]
    view_action: ClassVar[str] = ""
    # JSON bodies only (an upload endpoint sets its own parsers).
    parser_classes = (JSONParser,)

    def base_queryset(self) -> QuerySet[Any]:
        """Hook for select_related / annotations; scoping is applied on top."""
        return self.model.objects.all()  # type: ignore[no-any-return]

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            # Schema generation: no user, only the model matters.
            return self.model.objects.none()  # type: ignore[no-any-return]
        action = self.view_action or self.model.view_action
        return self.base_queryset().visible_to(self.request.user, action)  # type: ignore[attr-defined,no-any-return]

    # -- helpers shared by every endpoint -------------------------------------------------

    def parse(self, serializer_class: type[serializers.Serializer], data: Any = None) -> dict[str, Any]:  # type: ignore[type-arg]
        """Validate ``data`` (the request body by default) for types only; the rules live in services."""
        serializer = serializer_class(
            data=self.request.data if data is None else data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def parse_query(self, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:  # type: ignore[type-arg]
        """Validate the query string (filters) with ``serializer_class``."""
        return self.parse(serializer_class, data=self.request.query_params)

    def render(
        self,
        instance: Any,
        serializer_class: type[serializers.BaseSerializer] | None = None,  # type: ignore[type-arg]
        *,
        status_code: int = status.HTTP_200_OK,
    ) -> Response:
        output = serializer_class or self.get_serializer_class()
        return Response(output(instance, context=self.get_serializer_context()).data, status=status_code)

    def render_page(
        self,
        queryset: Any,
        serializer_class: type[serializers.BaseSerializer] | None = None,  # type: ignore[type-arg]
    ) -> Response:
        """One page of ``queryset`` (count + rows), or all of it when pagination is off."""
        output = serializer_class or self.get_serializer_class()
        page = self.paginate_queryset(queryset)
        if page is None:
            return Response(output(queryset, many=True, context=self.get_serializer_context()).data)
        return self.get_paginated_response(output(page, many=True, context=self.get_serializer_context()).data)

    def tenant_today(self) -> dt.date:
        """The calendar date in the actor's tenant (07:30 WITA is not 07:30 WIB)."""
        tenant = getattr(self.request.user, "tenant", None)
        if not isinstance(tenant, Tenant):
            tenant_id = scope_of(self.request.user).tenant_id
            tenant = Tenant.objects.filter(pk=tenant_id).first() if tenant_id else None
        return tenant.today() if tenant is not None else timezone.localdate()
