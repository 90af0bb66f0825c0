"""What every performance page shares: the month shown, the tenant, links to a report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from pamong.core.models import Tenant
from pamong.core.views import tenant_today
from pamong.performance.selectors.periods import ShownPeriod, shown_period


def tenant_of(request: HttpRequest) -> Tenant:
    tenant = getattr(request.user, "tenant", None)
    assert isinstance(tenant, Tenant)  # every signed-in user of these pages belongs to a tenant
    return tenant


def period_of(request: HttpRequest) -> tuple[ShownPeriod, dt.date]:
    """The year and month asked for in ``?tahun=&bulan=``, else the tenant's reporting month."""
    today = tenant_today(request.user)
    period = shown_period(
        tenant=tenant_of(request), today=today, year=request.GET.get("tahun"), month=request.GET.get("bulan")
    )
    return period, today


def report_url(pk: int) -> str:
    """The reports app's page of a report (drill-down to its evidence)."""
    try:
        return reverse("reports:report_detail", args=[pk])
    except NoReverseMatch:  # the reports app not installed: its conventional address
        return f"/laporan/{pk}/"


def period_query(period: ShownPeriod) -> str:
    """``?tahun=2026&bulan=9`` for links that keep the month shown."""
    query = f"?tahun={period.year:d}"
    return f"{query}&bulan={period.month:d}" if period.month else query


def base_context(request: HttpRequest) -> dict[str, Any]:
    period, today = period_of(request)
    return {"period": period, "today": today, "period_query": period_query(period)}
