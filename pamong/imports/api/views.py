"""The imports API: upload a file (multipart), list batches, read one batch with its errors."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from pamong.access.roles import IMPORTS_RUN
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.scope import scope_of

from .. import selectors, services
from ..models import ImportBatch
from .serializers import BatchDetailSerializer, BatchSerializer, UploadSerializer


class ImportBatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Import batches. Only holders of ``imports.run`` know this endpoint exists (others: 404)."""

    model = ImportBatch
    parser_classes = (MultiPartParser, FormParser, JSONParser)  # type: ignore[assignment]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not scope_of(request.user).can(IMPORTS_RUN):
            raise NotFound

    def get_queryset(self) -> QuerySet[ImportBatch]:
        if self.action == "list":
            return selectors.batch_list(actor=self.request.user)
        return super().get_queryset()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action == "retrieve":
            return BatchDetailSerializer
        if self.action == "create":
            return UploadSerializer
        return BatchSerializer

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={201: BatchDetailSerializer})
    def create(self, request: Request) -> Response:
        """Upload a file; it is checked at once, then validated and applied by a background job."""
        data = UploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        batch = services.import_upload(
            actor=request.user, kind=data.validated_data["kind"], file=data.validated_data["file"]
        )
        return Response(BatchDetailSerializer(batch).data, status=status.HTTP_201_CREATED)
