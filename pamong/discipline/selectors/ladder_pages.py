"""Reads of the ladder pages and API: one's own counter, the team's standings, warnings and one warning's page.

Every read starts from ``visible_to(actor, discipline.view)``: an ASN sees only himself (self access), a unit
head his subtree, an Asisten his cluster, BKPSDM and the leadership the tenant, and the superior a warning is
addressed to that warning (``Warning.scope_named_q``). Fixed query counts: lists use ``select_related``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import NoReverseMatch, reverse

from pamong.access.roles import DISCIPLINE_ACT, DISCIPLINE_MANAGE, DISCIPLINE_VIEW
from pamong.attendance.choices import DayStatusChoice
from pamong.core.scope import scope_of

from ..choices import SanctionChoice, WarningStatus
from ..models import Standing, Warning
from ..rules.absence import LadderPosition, YearTally, ladder_position
from ..rules.streak import Streak, unexcused_streak
from ..tenant_settings import discipline_settings
from .ladder import streak_days


def may_act(actor: Any, warning: Warning) -> bool:
    """Whether ``actor`` may answer ``warning`` (decline it, or open a case from it): the superior addressed,
    a holder of discipline.act or discipline.manage over the employee's unit; never the employee himself."""
    scope = scope_of(actor)
    if scope.employee_id is not None and scope.employee_id == warning.employee_id:
        return False
    if scope.employee_id is not None and scope.employee_id == warning.superior_id:
        return True
    path = warning.org_unit.path
    return scope.allows(DISCIPLINE_ACT, tenant_id=warning.tenant_id, path=path) or scope.allows(
        DISCIPLINE_MANAGE, tenant_id=warning.tenant_id, path=path
    )


@dataclass(frozen=True)
class OwnCounter:
    """One's own year on the ladder: the stored standing (as of ``through``) and the run measured live."""

    year: int
    through: dt.date | None
    position: LadderPosition
    late_minutes: int
    early_minutes: int
    streak: Streak
    streak_days: int
    warnings: list[Warning] = field(default_factory=list)

    @property
    def band_name(self) -> str:
        """The recommended sanction of the band reached, in words ("" below 3 days)."""
        band = self.position.band
        return str(SanctionChoice(band.sanction.value).label) if band else ""

    @property
    def progress_percent(self) -> int:
        """How far to the next band (for the progress bar), 100 above the last band."""
        nxt = self.position.next_band
        return 100 if nxt is None else min(100, round(100 * self.position.total_days / nxt.lower))


def own_counter(*, actor: Any, year: int) -> OwnCounter | None:
    """The actor's own counter for ``year`` (None: the account has no employee record). Three queries."""
    scope = scope_of(actor)
    if scope.employee_id is None or scope.tenant_id is None:
        return None
    standing = (
        Standing.objects.visible_to(actor, DISCIPLINE_VIEW).filter(employee_id=scope.employee_id, year=year).first()
    )
    tally = YearTally(
        year,
        standing.unexcused_days if standing else 0,
        standing.late_minutes if standing else 0,
        standing.early_minutes if standing else 0,
    )
    through = standing.through if standing else None
    settings = discipline_settings(actor.tenant) if getattr(actor, "tenant", None) else None
    threshold = settings.streak_days if settings else 10
    days = (
        streak_days(tenant_id=scope.tenant_id, employee_ids=[scope.employee_id], year=year, through=through)
        if through is not None and tally.unexcused_days
        else {}
    )
    streak = unexcused_streak(
        days.get(scope.employee_id, []),
        threshold=threshold,
        holiday_breaks_streak=bool(settings and settings.holiday_breaks_streak),
    )
    warnings = list(
        Warning.objects.visible_to(actor, DISCIPLINE_VIEW)
        .filter(employee_id=scope.employee_id, year=year)
        .order_by("-raised_on", "pk")
    )
    return OwnCounter(
        year=year,
        through=through,
        position=ladder_position(tally),
        late_minutes=tally.late_minutes,
        early_minutes=tally.early_minutes,
        streak=streak,
        streak_days=threshold,
        warnings=warnings,
    )


def standings(*, actor: Any, year: int, unit_path: str = "", order: str = "-total") -> QuerySet[Standing]:
    """Standings of ``year`` in the actor's sight (optionally one unit's subtree), by total or by name."""
    qs = Standing.objects.visible_to(actor, DISCIPLINE_VIEW).filter(year=year).select_related("employee", "org_unit")
    if unit_path:
        qs = qs.filter(org_unit__path__startswith=unit_path)
    ordering = {
        "-total": ("-total_days", "-late_minutes", "employee__name"),
        "total": ("total_days", "late_minutes", "employee__name"),
        "name": ("employee__name", "pk"),
    }.get(order, ("-total_days", "employee__name"))
    return qs.order_by(*ordering)


def warnings(
    *, actor: Any, status: str = "", kind: str = "", year: int | None = None, unit_path: str = ""
) -> QuerySet[Warning]:
    """Warnings in sight, open ones first (soonest due first), then the newest."""
    qs = Warning.objects.visible_to(actor, DISCIPLINE_VIEW).select_related(
        "employee", "org_unit", "superior", "acted_by"
    )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    if unit_path:
        qs = qs.filter(org_unit__path__startswith=unit_path)
    open_first = Case(When(status=WarningStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.annotate(open_first=open_first).order_by("open_first", "due_on", "-raised_on", "pk")  # type: ignore[no-any-return]


def awaiting(*, actor: Any) -> QuerySet[Warning]:
    """Open warnings the actor must answer: addressed to him, or in his units when he holds discipline.act."""
    scope = scope_of(actor)
    acting = Warning.objects.visible_to(actor, DISCIPLINE_ACT)
    qs = Warning.objects.visible_to(actor, DISCIPLINE_VIEW).filter(status=WarningStatus.OPEN)
    wanted = qs.filter(pk__in=acting.values("pk"))
    if scope.employee_id is not None:
        wanted = (qs.filter(superior_id=scope.employee_id) | wanted).exclude(employee_id=scope.employee_id)
    return wanted.select_related("employee", "org_unit", "superior").order_by("due_on", "pk")


@dataclass(frozen=True)
class EvidenceRow:
    date: dt.date
    label: str
    late: int
    early: int


@dataclass(frozen=True)
class WarningPage:
    warning: Warning
    rows: list[EvidenceRow]
    can_act: bool
    case_create_url: str
    streak_dates: list[dt.date]


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def warning_page(*, actor: Any, warning: Warning) -> WarningPage:
    """The evidence behind a warning as table rows, and what the actor may do with it."""
    labels = dict(DayStatusChoice.choices)
    ev = warning.evidence or {}
    rows = [EvidenceRow(_date(d), str(labels.get("absent", "")), 0, 0) for d in ev.get("unexcused_dates", [])]
    rows += [
        EvidenceRow(_date(m["date"]), str(labels.get(m.get("status", ""), m.get("status", ""))), m["late"], m["early"])
        for m in ev.get("minute_days", [])
    ]
    rows.sort(key=lambda r: r.date)
    try:
        create = reverse("discipline:case_create") + f"?warning={warning.pk}"
    except NoReverseMatch:  # the cases part not installed yet
        create = ""
    return WarningPage(
        warning=warning,
        rows=rows,
        can_act=warning.status == WarningStatus.OPEN and may_act(actor, warning),
        case_create_url=create,
        streak_dates=[_date(d) for d in ev.get("streak_dates", [])],
    )
