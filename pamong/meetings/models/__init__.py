"""Meetings, their minutes and commitments, directives and field visits (issue 6)."""

from .actions import ActionEvidence, ActionItem, ActionItemEvent
from .directives import Directive, DirectiveItem, DirectiveReport
from .meetings import AgendaItem, Invitation, Meeting, MeetingDecision, MeetingSeries
from .visits import FieldVisit, VisitPhoto

__all__ = [
    "ActionEvidence",
    "ActionItem",
    "ActionItemEvent",
    "AgendaItem",
    "Directive",
    "DirectiveItem",
    "DirectiveReport",
    "FieldVisit",
    "Invitation",
    "Meeting",
    "MeetingDecision",
    "MeetingSeries",
    "VisitPhoto",
]
