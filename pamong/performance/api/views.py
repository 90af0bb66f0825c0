"""Performance API: scores, league tables, the consequences register with its steps, likelihood ratings.

Same services and selectors as the HTML pages; reads go through ``visible_to`` in ``ScopedViewSet``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import COCKPIT_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet

from .. import services
from ..choices import ACTIVE_STATUSES
from ..models import Consequence, ConsequenceEvent, IndicatorScore, LikelihoodRating, ProgramScore, UnitScore
from ..rules.register import Step
from ..selectors import cockpit
from .serializers import (
    AssignSerializer,
    ConsequenceDetailSerializer,
    ConsequenceFilterSerializer,
    ConsequenceSerializer,
    IndicatorScoreFilterSerializer,
    IndicatorScoreSerializer,
    LeagueFilterSerializer,
    NoteSerializer,
    PeriodFilterSerializer,
    ProgramScoreSerializer,
    RatingFilterSerializer,
    RatingInputSerializer,
    RatingSerializer,
    UnitScoreFilterSerializer,
    UnitScoreSerializer,
)


class UnitScoreViewSet(ScopedViewSet):
    """Units' scores (index, predicate, colour counts, rank) as of the end of a month, within scope."""

    model = UnitScore
    serializer_class = UnitScoreSerializer

    def base_queryset(self) -> QuerySet[UnitScore]:
        return UnitScore.objects.select_related("org_unit").order_by("month", "group", "rank", "org_unit__name")

    @extend_schema(
        summary="Units' scores of a year (or one month)",
        parameters=[UnitScoreFilterSerializer],
        responses={200: UnitScoreSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(UnitScoreFilterSerializer)
        rows = self.get_queryset().filter(year=f["year"])
        if f.get("month"):
            rows = rows.filter(month=f["month"])
        if f.get("group"):
            rows = rows.filter(group=f["group"])
        if f.get("org_unit"):
            rows = rows.filter(org_unit_id=f["org_unit"])
        return self.render_page(rows)


class LeagueViewSet(ScopedViewSet):
    """A league table (OPDs or kecamatan) for one month, as the cockpit shows it (``cockpit.view``)."""

    model = UnitScore
    view_action = COCKPIT_VIEW
    serializer_class = UnitScoreSerializer
    pagination_class = None

    @extend_schema(
        summary="League table of one month",
        parameters=[LeagueFilterSerializer],
        responses={200: UnitScoreSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(LeagueFilterSerializer)
        rows = cockpit.league(
            actor=request.user, action=COCKPIT_VIEW, year=f["year"], month=f["month"], group=f["group"]
        )
        return Response(UnitScoreSerializer(rows, many=True, context=self.get_serializer_context()).data)


class IndicatorScoreViewSet(ScopedViewSet):
    """Indicators' scores (values to date, capaian, colour, trajectory status), within scope."""

    model = IndicatorScore
    serializer_class = IndicatorScoreSerializer

    def base_queryset(self) -> QuerySet[IndicatorScore]:
        return IndicatorScore.objects.select_related("indicator", "org_unit").order_by(
            "month", "org_unit__name", "indicator__code"
        )

    @extend_schema(
        summary="Indicators' scores of a year (or one month)",
        parameters=[IndicatorScoreFilterSerializer],
        responses={200: IndicatorScoreSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(IndicatorScoreFilterSerializer)
        rows = self.get_queryset().filter(year=f["year"])
        for name in ("month", "org_unit", "indicator"):
            if f.get(name):
                rows = rows.filter(**{f"{name}_id" if name != "month" else name: f[name]})
        if f.get("colour"):
            rows = rows.filter(colour=f["colour"])
        return self.render_page(rows)


class ProgramScoreViewSet(ScopedViewSet):
    """Priority programs' status (placed at their owner unit)."""

    model = ProgramScore
    serializer_class = ProgramScoreSerializer

    def base_queryset(self) -> QuerySet[ProgramScore]:
        return ProgramScore.objects.select_related("program__owner_unit").order_by("month", "program__code")

    @extend_schema(
        summary="Priority programs' scores of a year (or one month)",
        parameters=[PeriodFilterSerializer],
        responses={200: ProgramScoreSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(PeriodFilterSerializer)
        rows = self.get_queryset().filter(year=f["year"])
        if f.get("month"):
            rows = rows.filter(month=f["month"])
        return self.render_page(rows)


class ConsequenceViewSet(ScopedViewSet):
    """The consequences register, and the steps people take on an entry (same services as the pages)."""

    model = Consequence
    serializer_class = ConsequenceSerializer

    def base_queryset(self) -> QuerySet[Consequence]:
        return Consequence.objects.select_related("org_unit", "owner_unit", "owner_user").order_by("due_on", "pk")

    @extend_schema(
        summary="List register entries",
        parameters=[ConsequenceFilterSerializer],
        responses={200: ConsequenceSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(ConsequenceFilterSerializer)
        rows = self.get_queryset()
        if f.get("status") == "active":
            rows = rows.filter(status__in=ACTIVE_STATUSES)
        elif f.get("status"):
            rows = rows.filter(status=f["status"])
        if f.get("kind"):
            rows = rows.filter(kind=f["kind"])
        if f.get("org_unit"):
            rows = rows.filter(org_unit_id=f["org_unit"])
        if f.get("year"):
            rows = rows.filter(year=f["year"])
        return self.render_page(rows)

    def _detail(self, entry: Consequence) -> Response:
        events = ConsequenceEvent.objects.select_related("actor", "owner_user").order_by("created_at", "pk")
        entry = self.get_queryset().prefetch_related(Prefetch("events", queryset=events)).get(pk=entry.pk)
        return self.render(entry, ConsequenceDetailSerializer)

    @extend_schema(
        summary="One register entry with its history", responses={200: ConsequenceDetailSerializer, **errors(401, 404)}
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        summary="Name the owner of the follow-up (a manager's step)",
        request=AssignSerializer,
        responses={200: ConsequenceDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        entry = self.get_object()
        d = self.parse(AssignSerializer)
        return self._detail(
            services.consequence_assign(
                actor=request.user, consequence=entry, owner_user=d["owner_user"], note=d["note"]
            )
        )

    def _step(self, request: Request, step: Step) -> Response:
        entry = self.get_object()
        d = self.parse(NoteSerializer)
        return self._detail(services.consequence_step(actor=request.user, consequence=entry, step=step, note=d["note"]))

    @extend_schema(
        summary="Record progress (owner or manager; a note is required)",
        request=NoteSerializer,
        responses={200: ConsequenceDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, Step.PROGRESS)

    @extend_schema(
        summary="Say the follow-up is done (owner or manager; a note is required)",
        request=NoteSerializer,
        responses={200: ConsequenceDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, Step.RESOLVE)

    @extend_schema(
        summary="Do not accept a resolution (manager; a note is required)",
        request=NoteSerializer,
        responses={200: ConsequenceDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, Step.REOPEN)

    @extend_schema(
        summary="Accept a resolution and close the entry (manager)",
        request=NoteSerializer,
        responses={200: ConsequenceDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, Step.CLOSE)

    @extend_schema(
        summary="End an entry without follow-up (manager; a reason is required)",
        request=NoteSerializer,
        responses={200: ConsequenceDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, Step.DISMISS)


class LikelihoodRatingViewSet(ScopedViewSet):
    """Likelihood-of-delivery ratings (the history), and rating an indicator or a priority program."""

    model = LikelihoodRating
    serializer_class = RatingSerializer

    def base_queryset(self) -> QuerySet[LikelihoodRating]:
        return LikelihoodRating.objects.select_related("org_unit", "rated_by").order_by("-created_at", "-pk")

    @extend_schema(
        summary="List likelihood ratings",
        parameters=[RatingFilterSerializer],
        responses={200: RatingSerializer(many=True), **errors(400, 401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(RatingFilterSerializer)
        rows = self.get_queryset()
        for name in ("indicator", "program"):
            if f.get(name):
                rows = rows.filter(**{f"{name}_id": f[name]})
        for name in ("year", "month"):
            if f.get(name):
                rows = rows.filter(**{name: f[name]})
        return self.render_page(rows)

    @extend_schema(
        summary="Rate how likely a target is to be delivered (a reason is required)",
        request=RatingInputSerializer,
        responses={201: RatingSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        d: dict[str, Any] = self.parse(RatingInputSerializer)
        row = services.likelihood_rate(
            actor=request.user,
            indicator=d.get("indicator"),
            program=d.get("program"),
            year=d["year"],
            month=d["month"],
            rating=d["rating"],
            reason=d["reason"],
        )
        return self.render(row, status_code=status.HTTP_201_CREATED)
