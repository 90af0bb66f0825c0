"""Reads of the imports pages and API, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pamong.access.roles import IMPORTS_RUN

from .models import ImportBatch


def batch_list(*, actor: Any) -> QuerySet[ImportBatch]:
    """Batches the actor may see, newest first, without the (large) error lists."""
    return ImportBatch.objects.visible_to(actor, IMPORTS_RUN).defer("errors", "summary").order_by("-created_at", "-pk")
