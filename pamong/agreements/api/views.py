"""Agreements API: list, retrieve, draft, change, submit, return, cancel, revise, sign, pact sign, PDF, content,
the year's units with their status, and verification. Same services and selectors as the HTML pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import ValidationFailed

from .. import documents, selectors, services
from ..models import AgreementItem, AgreementSignature, PerformanceAgreement
from ..rules.content import canonical_bytes
from .serializers import (
    AgreementCreateSerializer,
    AgreementDetailSerializer,
    AgreementFilterSerializer,
    AgreementSerializer,
    AgreementUpdateSerializer,
    PactSignSerializer,
    ReasonSerializer,
    ReviseSerializer,
    SignatureSerializer,
    SignSerializer,
    UnitListSerializer,
    UnitsQuerySerializer,
    VerificationSerializer,
    VerifyInputSerializer,
)


def _lines(data: list[dict[str, Any]] | None) -> list[services.BudgetLineData] | None:
    if data is None:
        return None
    return [services.BudgetLineData(program=d["program"], ceiling=d["ceiling"]) for d in data]


class AgreementViewSet(ScopedViewSet):
    """Performance agreements (every version) the caller may see (``performance.view`` over the unit)."""

    model = PerformanceAgreement
    view_action = PERFORMANCE_VIEW
    serializer_class = AgreementDetailSerializer

    def base_queryset(self) -> QuerySet[PerformanceAgreement]:
        if self.action == "list":
            return PerformanceAgreement.objects.select_related("org_unit")
        return PerformanceAgreement.objects.select_related("org_unit", "integrity_pact").prefetch_related(
            Prefetch("items", queryset=AgreementItem.objects.order_by("number").prefetch_related("targets")),
            "budget_lines",
            Prefetch("signatures", queryset=AgreementSignature.objects.order_by("signed_at", "pk")),
        )

    def _fresh(self, agreement: PerformanceAgreement) -> PerformanceAgreement:
        return selectors.agreement_queryset(actor=self.request.user).get(pk=agreement.pk)

    @extend_schema(
        summary="List agreements",
        parameters=[AgreementFilterSerializer],
        responses={200: AgreementSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        filters = self.parse_query(AgreementFilterSerializer)
        rows = self.get_queryset().order_by("-year", "org_unit__sort_order", "org_unit__name", "-version")
        if filters.get("year") is not None:
            rows = rows.filter(year=filters["year"])
        if filters.get("org_unit") is not None:
            rows = rows.filter(org_unit_id=filters["org_unit"])
        if filters.get("status"):
            rows = rows.filter(status=filters["status"])
        return self.render_page(rows, AgreementSerializer)

    @extend_schema(summary="One agreement version", responses={200: AgreementDetailSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Draft a unit's agreement for a year (items copied from planning)",
        request=AgreementCreateSerializer,
        responses={201: AgreementDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(AgreementCreateSerializer)
        agreement = services.agreement_draft(
            actor=request.user,
            org_unit=d["org_unit"],
            year=d["year"],
            indicator_ids=d["indicator_ids"],
            place=d["place"],
            budget_lines=_lines(d["budget_lines"]) or (),
        )
        return self.render(self._fresh(agreement), status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft (indicators re-copied from planning, place, budget lines)",
        request=AgreementUpdateSerializer,
        responses={200: AgreementDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        d = self.parse(AgreementUpdateSerializer)
        ids = d["indicator_ids"]
        if ids is None:
            ids = [item.indicator_id for item in agreement.items.all() if item.indicator_id is not None] or None
        agreement = services.agreement_update(
            actor=request.user,
            agreement=agreement,
            indicator_ids=ids,
            place=d["place"],
            budget_lines=_lines(d["budget_lines"]),
        )
        return self.render(self._fresh(agreement))

    @extend_schema(
        summary="Send a draft for signature (parties named, content hashed, signers notified)",
        request=None,
        responses={200: AgreementDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        agreement = services.agreement_submit(
            actor=request.user, agreement=self.get_object(), today=self.tenant_today()
        )
        return self.render(self._fresh(agreement))

    @extend_schema(
        summary="Return a version awaiting signatures to draft (signatures so far are revoked)",
        request=ReasonSerializer,
        responses={200: AgreementDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        d = self.parse(ReasonSerializer)
        return self.render(self._fresh(services.agreement_reopen(actor=request.user, agreement=agreement, **d)))

    @extend_schema(
        summary="Cancel a draft or an unsigned version (kept on record)",
        request=ReasonSerializer,
        responses={200: AgreementDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        d = self.parse(ReasonSerializer)
        return self.render(self._fresh(services.agreement_cancel(actor=request.user, agreement=agreement, **d)))

    @extend_schema(
        summary="Start a revision (PK perubahan) of the version in force: a new draft version",
        request=ReviseSerializer,
        responses={201: AgreementDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        d = self.parse(ReviseSerializer)
        revision = services.agreement_revise(
            actor=request.user,
            agreement=agreement,
            reason=d["reason"],
            indicator_ids=d["indicator_ids"],
            budget_lines=_lines(d["budget_lines"]),
        )
        return self.render(self._fresh(revision), status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Sign the agreement as the unit's head or the head of region, confirming its hash",
        request=SignSerializer,
        responses={201: SignatureSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        d = self.parse(SignSerializer)
        signature = services.agreement_sign(
            actor=request.user,
            agreement=agreement,
            party=d["party"],
            content_hash=d["content_hash"],
            today=self.tenant_today(),
        )
        return self.render(signature, SignatureSerializer, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The head signs the integrity pact, confirming its hash",
        request=PactSignSerializer,
        responses={201: SignatureSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="integrity-pact/sign", url_name="integrity-pact-sign")
    def integrity_pact_sign(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        d = self.parse(PactSignSerializer)
        signature = services.integrity_pact_sign(
            actor=request.user, agreement=agreement, content_hash=d["content_hash"], today=self.tenant_today()
        )
        return self.render(signature, SignatureSerializer, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The canonical content (JSON) whose SHA-256 the parties sign, and that hash",
        responses={200: OpenApiTypes.OBJECT, **errors(401, 404)},
    )
    @action(detail=True, methods=["get"])
    def content(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        data = selectors.agreement_content(agreement)
        return Response(
            {
                "content": data.as_dict(),
                "canonical": canonical_bytes(data).decode("utf-8"),
                "sha256": selectors.content_hash(agreement),
                "stored_hash": agreement.content_hash,
            }
        )

    @extend_schema(
        summary="The agreement as a PDF in the official form",
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf"), **errors(401, 404)},
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        agreement = self.get_object()
        verify_url = request.build_absolute_uri(reverse("agreements:verify"))
        response = HttpResponse(
            documents.agreement_pdf(agreement, verify_url=verify_url), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{documents.pdf_filename(agreement)}"'
        return response

    @extend_schema(
        summary="Every OPD and kecamatan in sight with its agreement status for a year (missing ones included)",
        parameters=[UnitsQuerySerializer],
        responses={200: UnitListSerializer, **errors(400, 401)},
    )
    @action(detail=False, methods=["get"])
    def units(self, request: Request) -> Response:
        query = self.parse_query(UnitsQuerySerializer)
        listing = selectors.year_list(actor=request.user, year=query.get("year") or self.tenant_today().year)
        data = {
            "year": listing.year,
            "counts": listing.counts,
            "rows": [
                {"unit": row.unit, "state": row.state, "in_force": row.in_force, "pending": row.pending}
                for row in listing.rows
            ],
        }
        return self.render(data, UnitListSerializer)

    @extend_schema(
        summary="Verify a printed agreement by its code, or an uploaded PDF (multipart ``file``)",
        request=VerifyInputSerializer,
        responses={200: VerificationSerializer, **errors(400, 401)},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, JSONParser])
    def verify(self, request: Request) -> Response:
        d = self.parse(VerifyInputSerializer)
        if d.get("file") is not None:
            upload = d["file"]
            if upload.size > selectors.max_upload_bytes():
                raise ValidationFailed(_("Berkas terlalu besar."), field_errors={"file": [_("Berkas terlalu besar.")]})
            result = selectors.verify_pdf(actor=request.user, data=upload.read())
        elif (d.get("code") or "").strip():
            result = selectors.verify_code(actor=request.user, code=d["code"])
        else:
            raise ValidationFailed(
                _("Kirim kode verifikasi atau berkas PDF."),
                field_errors={"code": [_("Wajib diisi bila tanpa berkas.")]},
            )
        data = {
            "found": result.found,
            "matches": result.matches,
            "intact": result.intact,
            "document": result.document,
            "presented": result.presented,
            "via": result.source,
            "stored_hash": result.stored_hash,
            "recomputed_hash": result.recomputed_hash,
            "superseded": result.superseded,
            "agreement": result.agreement,
            "signatures": result.signatures,
            "in_force": result.in_force,
            "newer": result.newer,
        }
        return self.render(data, VerificationSerializer)
