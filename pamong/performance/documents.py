"""The PDF briefing pack of one OPD for a coordination meeting (WeasyPrint, no JavaScript).

Kop surat, the unit's index and predicate, the indicators with target, realisation, capaian and colour,
the trend of the index drawn as inline SVG (``svg.trend_svg``), and the follow-ups still open.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import HTML

from pamong.core.models import Tenant
from pamong.performance.choices import ACTIVE_STATUSES
from pamong.performance.rules.config import PerformanceRules
from pamong.performance.selectors.periods import ShownPeriod
from pamong.performance.selectors.units import UnitOverview
from pamong.planning.choices import MONTH_NAMES

from .svg import trend_svg


def briefing_pdf(
    *,
    tenant: Tenant,
    overview: UnitOverview,
    period: ShownPeriod,
    rules: PerformanceRules,
    printed_by: Any,
    today: dt.date,
) -> bytes:
    """The briefing pack as PDF bytes."""
    trend = [row for row in overview.trend if period.month is None or row.month <= period.month]
    chart = trend_svg(
        [str(MONTH_NAMES[row.month - 1]) for row in trend],
        [row.index for row in trend],
        green_from=rules.traffic_light.green_from,
        yellow_from=rules.traffic_light.yellow_from,
        title=overview.unit.name,
    )
    html = render_to_string(
        "performance/pdf/briefing.html",
        {
            "tenant": tenant,
            "overview": overview,
            "unit": overview.unit,
            "period": period,
            "rules": rules,
            # Built here from numbers and escaped labels only (svg.trend_svg escapes every text).
            "chart": mark_safe(chart),  # noqa: S308
            "open_consequences": [c for c in overview.consequences if c.status in ACTIVE_STATUSES],
            "printed_by": printed_by,
            "printed_at": timezone.localtime(timezone.now(), tenant.zone),
            "today": today,
        },
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
