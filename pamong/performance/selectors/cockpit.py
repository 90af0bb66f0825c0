"""The cockpit's panels: each reads the score tables (or the report and register rows) in one query.

Every panel starts from ``visible_to(actor, action)``: the Bupati, Wakil and Sekda see the whole tenant,
an Asisten the OPDs of his cluster, a unit's head (on the OPD page, with ``performance.view``) his unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pamong.org.models import OrgUnit
from pamong.performance.choices import ACTIVE_STATUSES, Colour, ConsequenceKind, UnitGroup
from pamong.performance.models import Consequence, IndicatorScore, LikelihoodRating, ProgramScore, UnitScore
from pamong.performance.rules.consequences import days_late
from pamong.planning.choices import period_label
from pamong.reports.choices import ReportStatus
from pamong.reports.models import Report

#: Upper bounds (exclusive) of the capaian histogram; the last bucket is "120 and above".
BUCKETS = (Decimal(50), Decimal(75), Decimal(90), Decimal(100), Decimal(120))
BUCKET_LABELS = ("< 50", "50–75", "75–90", "90–100", "100–120", "≥ 120")
RED_LIMIT = 50


def league(*, actor: Any, action: str, year: int, month: int, group: str) -> list[UnitScore]:
    """One group's league table for a month: ranked units first (by rank), then the unranked."""
    rows = list(
        UnitScore.objects.visible_to(actor, action)
        .filter(year=year, month=month, group=group)
        .select_related("org_unit")
        .order_by("rank", "org_unit__sort_order", "org_unit__name")
    )
    return sorted(rows, key=lambda row: (row.rank is None, row.rank or 0))


def unit_scores(*, actor: Any, action: str, year: int, month: int) -> QuerySet[UnitScore]:
    """Every unit the actor may see with its score for a month (OPDs, then kecamatan, then the region)."""
    return (
        UnitScore.objects.visible_to(actor, action)
        .filter(year=year, month=month)
        .select_related("org_unit")
        .order_by("group", "rank", "org_unit__sort_order", "org_unit__name")
    )


def red_indicators(*, actor: Any, action: str, year: int, month: int, limit: int | None = RED_LIMIT) -> list[Any]:
    """Red indicators as of the month, the furthest from target first."""
    rows = (
        IndicatorScore.objects.visible_to(actor, action)
        .filter(year=year, month=month, colour=Colour.RED)
        .select_related("indicator", "org_unit")
        .order_by("capaian", "org_unit__name", "indicator__code")
    )
    return list(rows[:limit] if limit else rows)


@dataclass(frozen=True)
class OverdueRow:
    """A report whose deadline has passed without a submission (a row may not even exist yet)."""

    org_unit: OrgUnit
    period: str
    deadline: dt.date
    days_late: int
    status: str
    report_id: int | None


def overdue_reports(*, actor: Any, action: str, today: dt.date) -> list[OverdueRow]:
    """Reports past their deadline and not submitted (draft or returned), and expected reports nobody opened
    (the register's open "not submitted" entries without a report): two queries."""
    rows: list[OverdueRow] = []
    for report in (
        Report.objects.visible_to(actor, action)
        .filter(status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED), deadline__lt=today)
        .select_related("org_unit")
        .order_by("deadline", "org_unit__name")
    ):
        rows.append(
            OverdueRow(
                report.org_unit,
                f"{period_label(report.period_kind, report.period_no)} {report.year:d}",
                report.deadline,
                days_late(report.deadline, None, today),
                str(report.get_status_display()),
                report.pk,
            )
        )
    for entry in (
        Consequence.objects.visible_to(actor, action)
        .filter(kind=ConsequenceKind.REPORT_MISSING, report__isnull=True, status__in=ACTIVE_STATUSES)
        .select_related("org_unit")
        .order_by("opened_on")
    ):
        deadline = dt.date.fromisoformat(entry.facts.get("deadline", entry.opened_on.isoformat()))
        rows.append(
            OverdueRow(
                entry.org_unit,
                f"{period_label(entry.period_kind, entry.period_no or 1)} {entry.year:d}",
                deadline,
                days_late(deadline, None, today),
                str(ConsequenceKind.REPORT_MISSING.label),
                None,
            )
        )
    return sorted(rows, key=lambda r: (r.deadline, r.org_unit.name))


def active_consequences(*, actor: Any, action: str, unit: OrgUnit | None = None) -> list[Consequence]:
    """Register entries still needing attention, the soonest due first."""
    rows = Consequence.objects.visible_to(actor, action).filter(status__in=ACTIVE_STATUSES)
    if unit is not None:
        rows = rows.filter(org_unit=unit)
    return list(rows.select_related("org_unit", "owner_user__employee", "owner_unit").order_by("due_on", "pk"))


@dataclass(frozen=True)
class ProgramRow:
    """A priority program's computed status and the latest human rating beside it."""

    score: ProgramScore
    rating: LikelihoodRating | None


def programs(*, actor: Any, action: str, year: int, month: int) -> list[ProgramRow]:
    """Priority programs' status for a month with their latest likelihood rating (two queries)."""
    scores = list(
        ProgramScore.objects.visible_to(actor, action)
        .filter(year=year, month=month)
        .select_related("program__owner_unit")
        .order_by("program__kind", "program__code")
    )
    latest: dict[int, LikelihoodRating] = {}
    for rating in (
        LikelihoodRating.objects.filter(
            tenant_id__in={s.tenant_id for s in scores},
            program_id__in=[s.program_id for s in scores],
            year=year,
            month=month,
        )
        .select_related("rated_by")
        .order_by("-created_at", "-pk")
    ):
        latest.setdefault(rating.program_id or 0, rating)
    return [ProgramRow(score, latest.get(score.program_id)) for score in scores]


@dataclass(frozen=True)
class Charts:
    """The data of the cockpit's three charts (rendered by ECharts from JSON)."""

    trend: dict[str, Any]
    distribution: dict[str, Any]
    colours: dict[str, Any]


def charts(*, actor: Any, action: str, year: int, month: int, months: int) -> Charts:
    """Index trend per group over the year, the capaian histogram and the colour counts of the month."""
    sums: dict[str, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    colours = {"green": 0, "yellow": 0, "red": 0, "no_data": 0}
    for group, m, index, green, yellow, red, no_data in (
        UnitScore.objects.visible_to(actor, action)
        .filter(year=year, group__in=(UnitGroup.OPD, UnitGroup.KECAMATAN))
        .values_list("group", "month", "index", "green", "yellow", "red", "no_data")
    ):
        if index is not None:
            sums[group][m].append(index)
        if m == month:
            for name, value in zip(colours, (green, yellow, red, no_data), strict=True):
                colours[name] += value
    labels = [str(period_label("monthly", m)) for m in range(1, months + 1)]
    series = []
    for group in (UnitGroup.OPD, UnitGroup.KECAMATAN):
        if sums[group]:
            points = [_mean(sums[group].get(m, [])) for m in range(1, months + 1)]
            series.append({"name": _("Rata-rata %(group)s") % {"group": group.label}, "data": points})
    counts = [0] * len(BUCKET_LABELS)
    for value in (
        IndicatorScore.objects.visible_to(actor, action)
        .filter(year=year, month=month, capaian__isnull=False)
        .values_list("capaian", flat=True)
    ):
        counts[next((i for i, bound in enumerate(BUCKETS) if value < bound), len(BUCKETS))] += 1
    return Charts(
        trend={"labels": labels, "series": series},
        distribution={"labels": list(BUCKET_LABELS), "counts": counts},
        colours={
            "labels": [str(Colour.GREEN.label), str(Colour.YELLOW.label), str(Colour.RED.label), _("Belum ada data")],
            "counts": [colours["green"], colours["yellow"], colours["red"], colours["no_data"]],
        },
    )


def _mean(values: list[Decimal]) -> str | None:
    if not values:
        return None
    return str((sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")))
