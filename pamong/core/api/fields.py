"""Input fields that resolve references through the actor's scope.

A reference the actor may not see answers exactly like one that does not
exist, so an id in a request body can never be used to probe another unit or
tenant. Whether the actor may *act* on what it references is the service's
decision (``authorize``), not the field's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..scope import scope_of

NOT_FOUND = _("Data tidak ditemukan.")


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A primary key resolved with ``visible_to(request.user, action)``."""

    default_error_messages = {
        "does_not_exist": NOT_FOUND,
        "incorrect_type": _("Harus berupa angka id."),
    }

    def __init__(self, *, model: Any, action: str = "", **kwargs: Any) -> None:
        self.scoped_model = model
        self.scoped_action = action
        kwargs.setdefault("queryset", model.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        action = self.scoped_action or self.scoped_model.view_action
        user = getattr(request, "user", None)
        return self.scoped_model.objects.visible_to(user, action)  # type: ignore[no-any-return]


class TenantPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A primary key of a tenant row without a place in the tree (a cluster, a user): actor's tenant only."""

    default_error_messages = {
        "does_not_exist": NOT_FOUND,
        "incorrect_type": _("Harus berupa angka id."),
    }

    def __init__(self, *, model: Any, **kwargs: Any) -> None:
        self.tenant_model = model
        kwargs.setdefault("queryset", model.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        tenant_id = scope_of(getattr(request, "user", None)).tenant_id
        if tenant_id is None:
            return self.tenant_model.objects.none()  # type: ignore[no-any-return]
        return self.tenant_model.objects.filter(tenant_id=tenant_id)  # type: ignore[no-any-return]
