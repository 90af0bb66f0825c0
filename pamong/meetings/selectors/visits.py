"""Reading field visits: the list in scope (by the place visited) and one visit with photos and follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from pamong.access.roles import MEETINGS_VIEW

from ..models import ActionItem, FieldVisit, VisitPhoto


def visit_list(actor: Any) -> QuerySet[FieldVisit]:
    """Visits to places in the actor's scope, newest first, with photo and follow-up counts (one query)."""
    visits: QuerySet[FieldVisit] = (
        FieldVisit.objects.visible_to(actor, MEETINGS_VIEW)
        .select_related("place", "led_by")
        .annotate(photo_count=Count("photos", distinct=True), item_count=Count("action_items", distinct=True))
        .order_by("-visited_on", "-id")
    )
    return visits


def visible_visits(actor: Any) -> QuerySet[FieldVisit]:
    return FieldVisit.objects.visible_to(actor, MEETINGS_VIEW).select_related("place", "led_by")


def visible_photos(actor: Any) -> QuerySet[VisitPhoto]:
    """Photos of the visits the actor may see (a photo is in scope exactly when its visit is)."""
    return VisitPhoto.objects.filter(visit__in=FieldVisit.objects.visible_to(actor, MEETINGS_VIEW).values("pk"))


@dataclass(frozen=True)
class VisitDetail:
    visit: FieldVisit
    participants: list[Any]
    photos: list[VisitPhoto]
    items: list[ActionItem]


def visit_detail(actor: Any, visit: FieldVisit) -> VisitDetail:
    """Participants, photos and the visit's action items the actor may see (three queries)."""
    return VisitDetail(
        visit=visit,
        participants=list(visit.participants.order_by("name")),
        photos=list(visit.photos.order_by("id")),
        items=list(
            ActionItem.objects.visible_to(actor, MEETINGS_VIEW)
            .filter(visit=visit)
            .select_related("owner_unit", "owner")
            .order_by("due_on", "id")
        ),
    )
