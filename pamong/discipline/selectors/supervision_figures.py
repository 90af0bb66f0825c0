"""The numbers behind a GDN supervision report: one OPD's month from the attendance recap, its cases and warnings.

``month_figures`` reads the subtree of one OPD in four queries whatever its size (aggregates over
``MonthRecap``, the excused days by kind, cases opened and warnings raised in the month); the report stores
the result as its ``figures`` JSON, refreshed while it is a draft. ``figures_by_opd`` does the same for many
OPDs at once, grouped in SQL by the OPD part of the unit path (the first two path segments), for the
trend and the cockpit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pamong.attendance.choices import ExcuseKind
from pamong.attendance.models import MonthClose, MonthRecap
from pamong.attendance.rules.leave import LEAVE_RULES, LeaveKind
from pamong.attendance.rules.workdays import month_bounds
from pamong.org.models import PATH_SEGMENT_WIDTH

from ..choices import OPEN_CASE_STATUSES, LevelChoice, WarningStatus
from ..models import Case, Warning

#: The recap sums a report shows (``MonthRecap`` fields), in display order.
RECAP_SUMS = (
    "working_days",
    "present_days",
    "late_days",
    "late_minutes",
    "early_leave_days",
    "early_minutes",
    "absent_days",
    "excused_days",
)
#: Every integer figure of a report (what a cluster summary adds up).
COUNTED = ("employees", *RECAP_SUMS, "employees_absent", "cases_opened", "warnings_raised")

#: Length of an OPD's path (root segment + its own): paths are fixed-width segments (``org.models``).
OPD_PATH_LENGTH = 2 * (PATH_SEGMENT_WIDTH + 1)


def opd_path_of(path: str) -> str:
    """The path of the OPD (child of the root) a unit at ``path`` belongs to."""
    return path[:OPD_PATH_LENGTH]


def _recap_sums() -> dict[str, Any]:
    # Aliased ``sum_<field>``: an aggregate may not be named like the field it sums.
    sums: dict[str, Any] = {f"sum_{name}": Coalesce(Sum(name), 0) for name in RECAP_SUMS}
    sums["sum_employees"] = Count("pk")
    sums["sum_employees_absent"] = Count("pk", filter=Q(absent_days__gt=0))
    return sums


def month_figures(*, tenant_id: int, unit_path: str, year: int, month: int) -> dict[str, Any]:
    """The figures of one OPD's month (its whole subtree): four queries plus one for the month's close."""
    first, last = month_bounds(year, month)
    recaps = MonthRecap.objects.filter(
        tenant_id=tenant_id, year=year, month=month, org_unit__path__startswith=unit_path
    )
    totals = recaps.aggregate(**_recap_sums())
    figures: dict[str, Any] = {name.removeprefix("sum_"): int(value) for name, value in totals.items()}
    by_kind: Counter[str] = Counter()
    for kinds in recaps.exclude(excused_days=0).values_list("excused_by_kind", flat=True):
        for kind, days in (kinds or {}).items():
            by_kind[str(kind)] += int(days)
    figures["excused_by_kind"] = dict(sorted(by_kind.items()))
    levels = dict.fromkeys(LevelChoice.values, 0)
    for level, n in (
        Case.objects.filter(
            tenant_id=tenant_id, org_unit__path__startswith=unit_path, opened_on__gte=first, opened_on__lte=last
        )
        .values_list("level")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        levels[level] = int(n)
    figures["cases_by_level"] = levels
    figures["cases_opened"] = sum(levels.values())
    warnings = Warning.objects.filter(
        tenant_id=tenant_id, org_unit__path__startswith=unit_path, raised_on__gte=first, raised_on__lte=last
    ).aggregate(raised=Count("pk"), open=Count("pk", filter=Q(status=WarningStatus.OPEN)))
    figures["warnings_raised"] = int(warnings["raised"])
    figures["warnings_open"] = int(warnings["open"])
    figures["recap_closed"] = MonthClose.objects.filter(tenant_id=tenant_id, year=year, month=month).exists()
    figures["computed_at"] = timezone.now().isoformat(timespec="seconds")
    return figures


def add_up(many: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Sum reports' figures (a cluster summary): the integer figures, excused days by kind, cases by level."""
    total: dict[str, Any] = dict.fromkeys(COUNTED, 0)
    by_kind: Counter[str] = Counter()
    levels: Counter[str] = Counter(dict.fromkeys(LevelChoice.values, 0))
    for figures in many:
        for name in COUNTED:
            total[name] += int(figures.get(name) or 0)
        by_kind.update({str(k): int(v) for k, v in (figures.get("excused_by_kind") or {}).items()})
        levels.update({str(k): int(v) for k, v in (figures.get("cases_by_level") or {}).items()})
    total["excused_by_kind"] = dict(sorted(by_kind.items()))
    total["cases_by_level"] = dict(levels)
    return total


def _months_back(year: int, month: int, count: int) -> list[tuple[int, int]]:
    """``count`` months ending with (year, month), oldest first."""
    months = []
    for _step in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def recap_by_opd(*, tenant_id: int, months: list[tuple[int, int]]) -> dict[tuple[str, int, int], dict[str, int]]:
    """Unexcused days and late minutes per (OPD path, year, month) over ``months``: one grouped query."""
    window = Q()
    for year, month in months:
        window |= Q(year=year, month=month)
    rows = (
        MonthRecap.objects.filter(window, tenant_id=tenant_id)
        .annotate(opd=Substr("org_unit__path", 1, OPD_PATH_LENGTH))
        .values("opd", "year", "month")
        .annotate(absent=Coalesce(Sum("absent_days"), 0), late=Coalesce(Sum("late_minutes"), 0))
        .order_by()
    )
    return {
        (row["opd"], row["year"], row["month"]): {"absent_days": int(row["absent"]), "late_minutes": int(row["late"])}
        for row in rows
    }


def trend_months(year: int, month: int, count: int = 6) -> list[tuple[int, int]]:
    return _months_back(year, month, count)


def open_counts_by_opd(*, tenant_id: int) -> tuple[dict[str, int], dict[str, int]]:
    """Open warnings and open cases per OPD path (two grouped queries)."""
    warnings = {
        row["opd"]: int(row["n"])
        for row in Warning.objects.filter(tenant_id=tenant_id, status=WarningStatus.OPEN)
        .annotate(opd=Substr("org_unit__path", 1, OPD_PATH_LENGTH))
        .values("opd")
        .annotate(n=Count("pk"))
        .order_by()
    }
    cases = {
        row["opd"]: int(row["n"])
        for row in Case.objects.filter(tenant_id=tenant_id, status__in=OPEN_CASE_STATUSES)
        .annotate(opd=Substr("org_unit__path", 1, OPD_PATH_LENGTH))
        .values("opd")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return warnings, cases


def local_date(value: dt.datetime | None, zone: Any) -> dt.date | None:
    """The tenant-local date of a timestamp (a report sent at 23:30 WITA on the 10th is on time)."""
    return None if value is None else timezone.localtime(value, zone).date()


def kind_label(kind: str) -> str:
    """The name of an excused-day kind of the recap: ``sick`` → Sakit, ``leave:tahunan`` → Cuti tahunan."""
    if kind.startswith("leave:"):
        try:
            rule = LEAVE_RULES[LeaveKind(kind.split(":", 1)[1])]
        except (ValueError, KeyError):
            return kind
        return rule.label_en if (get_language() or "id").startswith("en") else rule.label_id
    if kind == "system_outage":
        return str(_("Gangguan sistem"))
    try:
        return str(ExcuseKind(kind).label)
    except ValueError:
        return kind


def excused_rows(figures: Mapping[str, Any]) -> list[tuple[str, int]]:
    """The excused days by kind as (label, days), most days first."""
    rows = [(kind_label(k), int(v)) for k, v in (figures.get("excused_by_kind") or {}).items()]
    return sorted(rows, key=lambda row: (-row[1], row[0]))
