"""Access API: role assignments (for ``access.manage`` holders) and API tokens.

Tokens are issued only after the password check of ``django.contrib.auth.authenticate``
(so django-axes counts failures and locks out exactly as on the login page) and,
for roles that require it, a valid TOTP code.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, user_logged_in
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pamong.access.models import RoleAssignment
from pamong.access.services import api_token_issue, api_token_revoke, role_assign, role_end
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.core.errors import ValidationFailed

from .serializers import (
    RoleAssignmentCreateSerializer,
    RoleAssignmentEndSerializer,
    RoleAssignmentFilterSerializer,
    RoleAssignmentSerializer,
    TokenObtainSerializer,
    TokenSerializer,
)


@extend_schema_view(
    retrieve=extend_schema(
        summary="One role assignment", responses={200: RoleAssignmentSerializer, **errors(401, 404)}
    ),
)
class RoleAssignmentViewSet(ScopedViewSet):
    """Role assignments in the units where the caller holds ``access.manage``."""

    model = RoleAssignment
    serializer_class = RoleAssignmentSerializer

    def base_queryset(self) -> QuerySet[RoleAssignment]:
        return RoleAssignment.objects.select_related("user", "org_unit", "cluster").order_by("user__username", "pk")

    @extend_schema(
        summary="List role assignments",
        parameters=[RoleAssignmentFilterSerializer],
        responses={200: RoleAssignmentSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        filters = self.parse_query(RoleAssignmentFilterSerializer)
        assignments = self.get_queryset()
        if filters["user"] is not None:
            assignments = assignments.filter(user=filters["user"])
        if filters["role"]:
            assignments = assignments.filter(role=filters["role"])
        return self.render_page(assignments)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Give a user a role over a unit or an Asisten cluster",
        request=RoleAssignmentCreateSerializer,
        responses={201: RoleAssignmentSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        data = self.parse(RoleAssignmentCreateSerializer)
        assignment = role_assign(
            actor=request.user,
            user=data["user"],
            role=data["role"],
            org_unit=data["org_unit"],
            cluster=data["cluster"],
            include_descendants=data["include_descendants"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            note=data["note"],
        )
        return self.render(assignment, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="End a role assignment",
        request=RoleAssignmentEndSerializer,
        responses={200: RoleAssignmentSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        data = self.parse(RoleAssignmentEndSerializer)
        assignment = role_end(
            actor=request.user, assignment=assignment, valid_to=data["valid_to"], reason=data["reason"]
        )
        return self.render(assignment)


class AuthTokenView(APIView):
    """POST: exchange username + password (+ TOTP code for admin roles) for a token. DELETE: revoke it."""

    parser_classes = (JSONParser,)

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        summary="Obtain an API token",
        description="Wrong credentials count towards the login lock-out (5 failures lock the account for "
        "30 minutes, answered with 429). Users of admin roles must also send `otp`.",
        request=TokenObtainSerializer,
        responses={200: TokenSerializer, **errors(400, 403, 429)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenObtainSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                return Response(
                    {
                        "code": "locked_out",
                        "detail": _(
                            "Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah 30 menit, "
                            "atau hubungi admin BKPSDM."
                        ),
                    },
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            raise ValidationFailed(
                _("Nama pengguna atau kata sandi salah. Setelah 5 kali gagal, akun dikunci 30 menit."),
                code="invalid_credentials",
            )
        token = api_token_issue(actor=user, otp=data["otp"])
        # A successful sign-in: resets the lock-out counter and records last_login, as the login page does.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return Response(TokenSerializer({"token": token.key}).data)

    @extend_schema(
        summary="Revoke the caller's API token",
        description="Deletes the token the caller holds; later requests with it answer 401.",
        request=None,
        responses={204: OpenApiResponse(description="Revoked (or there was none)."), **errors(401)},
    )
    def delete(self, request: Request) -> Response:
        api_token_revoke(actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)
