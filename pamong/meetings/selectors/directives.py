"""Reading directives: the list, the matrix item × OPD for one period, and an OPD's items to report on.

Every read starts from ``visible_to``; the matrix takes four queries whatever the number of items and OPDs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from pamong.access.roles import DIRECTIVES_REPORT, MEETINGS_VIEW
from pamong.org.choices import OPD_KINDS
from pamong.org.models import OrgUnit

from ..choices import ComplianceStatus
from ..models import Directive, DirectiveItem, DirectiveReport
from .directives_periods import period_start, periods_between

#: Bootstrap colour of each compliance status in the matrix.
COLOURS = {
    ComplianceStatus.COMPLIED: "success",
    ComplianceStatus.PARTIAL: "warning",
    ComplianceStatus.NOT_COMPLIED: "danger",
    ComplianceStatus.NOT_REPORTED: "secondary",
}


def visible_directives(actor: Any) -> QuerySet[Directive]:
    """The directives the actor may read (``visible_to``: everyone holding ``meetings.view`` in the tenant,
    ``Directive.scope_named_q``)."""
    return Directive.objects.visible_to(actor, MEETINGS_VIEW)


def directive_list(actor: Any) -> QuerySet[Directive]:
    """The directives the actor may read, newest first, with their number of items (one query)."""
    return (
        visible_directives(actor)
        .select_related("org_unit", "meeting")
        .annotate(item_count=Count("items"))
        .order_by("-issued_on", "-id")
    )


def opd_units(actor: Any, action: str = MEETINGS_VIEW) -> QuerySet[OrgUnit]:
    """The OPDs (first level, perangkat daerah) within the actor's reach for ``action``."""
    return (
        OrgUnit.objects.visible_to(actor, action)
        .filter(depth=1, kind__in=sorted(OPD_KINDS), closed_on__isnull=True)
        .order_by("sort_order", "name")
    )


def periods_of(directive: Directive, today: dt.date) -> list[dt.date]:
    """The periods reported on so far, newest first (the current one first)."""
    return list(reversed(periods_between(directive.issued_on, max(today, directive.issued_on), directive.reporting)))


def current_period(directive: Directive, today: dt.date) -> dt.date:
    return period_start(max(today, directive.issued_on), directive.reporting)


@dataclass(frozen=True)
class Cell:
    unit: OrgUnit
    addressed: bool
    status: str = ComplianceStatus.NOT_REPORTED
    report: DirectiveReport | None = None

    @property
    def colour(self) -> str:
        return COLOURS[ComplianceStatus(self.status)] if self.addressed else "light"

    @property
    def label(self) -> str:
        return str(ComplianceStatus(self.status).label) if self.addressed else "—"


@dataclass(frozen=True)
class Row:
    item: DirectiveItem
    cells: list[Cell]


@dataclass
class Matrix:
    directive: Directive
    period: dt.date
    units: list[OrgUnit]
    rows: list[Row]
    counts: Counter[str] = field(default_factory=Counter)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """(label, colour, count) per status, in the order of the legend."""
        return [(str(status.label), COLOURS[status], self.counts[status]) for status in COLOURS]


def directive_matrix(actor: Any, directive: Directive, period: dt.date) -> Matrix:
    """Item × OPD for ``period``: each addressed cell's status (not reported when no report); four queries."""
    units = list(opd_units(actor))
    items = list(DirectiveItem.objects.filter(directive=directive).prefetch_related("units").order_by("number"))
    reports = {
        (r.item_id, r.org_unit_id): r
        for r in DirectiveReport.objects.visible_to(actor, MEETINGS_VIEW).filter(
            item__directive=directive, period_start=period
        )
    }
    matrix = Matrix(directive=directive, period=period, units=units, rows=[])
    for item in items:
        addressed = {unit.pk for unit in item.units.all()}
        cells: list[Cell] = []
        for unit in units:
            if addressed and unit.pk not in addressed:
                cells.append(Cell(unit=unit, addressed=False))
                continue
            report = reports.get((item.pk, unit.pk))
            status = report.status if report is not None else ComplianceStatus.NOT_REPORTED
            matrix.counts[status] += 1
            cells.append(Cell(unit=unit, addressed=True, status=status, report=report))
        matrix.rows.append(Row(item=item, cells=cells))
    return matrix


@dataclass(frozen=True)
class TodoItem:
    item: DirectiveItem
    report: DirectiveReport | None


def reporting_units(actor: Any) -> QuerySet[OrgUnit]:
    """The OPDs whose compliance the actor reports (``directives.report``)."""
    return opd_units(actor, DIRECTIVES_REPORT)


def items_to_report(directive: Directive, unit: OrgUnit, period: dt.date) -> list[TodoItem]:
    """The items addressed to ``unit`` (all when an item names no unit) with its report for ``period``; 3 queries."""
    items = DirectiveItem.objects.filter(directive=directive).prefetch_related("units").order_by("number")
    reports = {
        r.item_id: r
        for r in DirectiveReport.objects.filter(item__directive=directive, org_unit=unit, period_start=period)
    }
    result: list[TodoItem] = []
    for item in items:
        addressed = {u.pk for u in item.units.all()}
        if addressed and unit.pk not in addressed:
            continue
        result.append(TodoItem(item=item, report=reports.get(item.pk)))
    return result
