"""Base viewset for tenant data: ``visible_to`` is applied here, never by hand."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from rest_framework.viewsets import GenericViewSet


class ScopedViewSet(GenericViewSet):  # type: ignore[type-arg]
    """Every API viewset over tenant data derives from this."""

    model: ClassVar[Any]
    view_action: ClassVar[str] = ""

    def base_queryset(self) -> QuerySet[Any]:
        return self.model.objects.all()  # type: ignore[no-any-return]

    def get_queryset(self) -> QuerySet[Any]:
        action = self.view_action or self.model.view_action
        return self.base_queryset().visible_to(self.request.user, action)  # type: ignore[attr-defined,no-any-return]
