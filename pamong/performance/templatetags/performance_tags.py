"""Badges and arrows of the performance pages (Bootstrap classes, no inline style)."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()

COLOUR_CLASSES = {"green": "text-bg-success", "yellow": "text-bg-warning", "red": "text-bg-danger"}
LIKELIHOOD_CLASSES = {
    "green": "text-bg-success",
    "amber_green": "text-bg-info",
    "amber_red": "likelihood-amber-red",
    "red": "text-bg-danger",
}
STATUS_CLASSES = {
    "open": "text-bg-danger",
    "in_progress": "text-bg-warning",
    "resolved": "text-bg-info",
    "closed": "text-bg-success",
    "dismissed": "text-bg-secondary",
}
TRAJECTORY_ICONS = {"ahead": "arrow-up-circle", "on_track": "check-circle", "behind": "arrow-down-circle"}


@register.filter
def colour_class(value: str) -> str:
    """The badge class of a computed colour ("" → grey)."""
    return COLOUR_CLASSES.get(value or "", "text-bg-secondary")


@register.filter
def likelihood_class(value: str) -> str:
    return LIKELIHOOD_CLASSES.get(value or "", "text-bg-secondary")


@register.filter
def status_class(value: str) -> str:
    return STATUS_CLASSES.get(value or "", "text-bg-secondary")


@register.filter
def trajectory_icon(value: str) -> str:
    return TRAJECTORY_ICONS.get(value or "", "dash-circle")


@register.filter
def trend_icon(value: Decimal | None) -> str:
    """An arrow for a change of index (none when there is nothing to compare)."""
    if value is None:
        return ""
    if value > 0:
        return "arrow-up-right text-success"
    if value < 0:
        return "arrow-down-right text-danger"
    return "arrow-right text-secondary"
