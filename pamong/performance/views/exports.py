"""Excel exports of every table on the cockpit, the OPD page and the register; the PDF briefing per OPD.

Each export reads through the same selectors as its page, with the same scope: what one may not see on
the page is not in the file either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.views import ScopedQuerysetMixin
from pamong.performance import documents, tables
from pamong.performance.authz import can_view_performance
from pamong.performance.models import Consequence
from pamong.performance.selectors.units import unit_overview, visible_units
from pamong.performance.spreadsheets import workbook
from pamong.performance.tenant_rules import rules_for_display

from .cockpit import cockpit_data, require_cockpit
from .common import base_context, tenant_of
from .register import consequence_filters, filtered

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COCKPIT_TABLES: dict[str, tuple[str, Callable[[str, str, dict[str, Any]], tables.Table]]] = {
    "program-prioritas": (
        "Program prioritas",
        lambda slug, title, d: tables.programs(slug, title, d.get("programs", [])),
    ),
    "peringkat-opd": ("Peringkat OPD", lambda slug, title, d: tables.league(slug, title, d.get("league_opd", []))),
    "peringkat-kecamatan": (
        "Peringkat kecamatan",
        lambda slug, title, d: tables.league(slug, title, d.get("league_kecamatan", [])),
    ),
    "indikator-merah": ("Indikator merah", lambda slug, title, d: tables.indicators(slug, title, d.get("red", []))),
    "laporan-terlambat": ("Laporan terlambat", lambda slug, title, d: tables.overdue(slug, title, d["overdue"])),
    "konsekuensi": ("Konsekuensi terbuka", lambda slug, title, d: tables.consequences(slug, title, d["consequences"])),
}


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _heading(request: HttpRequest, period: Any, what: str = "") -> str:
    parts = [tenant_of(request).name, what, _("per akhir %(period)s") % {"period": period.label}]
    return " · ".join(p for p in parts if p)


class CockpitExportView(View):
    """``/kinerja/kokpit/ekspor/<table>.xlsx``: one table, or ``semua`` for all of them."""

    def get(self, request: HttpRequest, table: str) -> HttpResponse:
        require_cockpit(request)
        if table != "semua" and table not in COCKPIT_TABLES:
            raise Http404
        data = cockpit_data(request)
        chosen = COCKPIT_TABLES if table == "semua" else {table: COCKPIT_TABLES[table]}
        built = [build(slug, _(title), data) for slug, (title, build) in chosen.items()]
        period = data["period"]
        name = f"kokpit-{table}-{period.year:d}-{(period.month or 0):02d}"
        return xlsx_response(workbook(built, heading=_heading(request, period)), name)


class UnitExportView(View):
    """``/kinerja/opd/<pk>/ekspor/<table>.xlsx``: the OPD page's indicators, reports or follow-ups."""

    TABLES = ("indikator", "laporan", "konsekuensi", "semua")

    def get(self, request: HttpRequest, pk: int, table: str) -> HttpResponse:
        unit = get_object_or_404(visible_units(actor=request.user), pk=pk)
        if table not in self.TABLES:
            raise Http404
        context = base_context(request)
        period = context["period"]
        overview = unit_overview(actor=request.user, unit=unit, year=period.year, month=period.month)
        built = []
        if table in ("indikator", "semua"):
            built.append(tables.indicator_lines("indikator", _("Indikator"), overview.indicators))
        if table in ("laporan", "semua"):
            built.append(tables.reports("laporan", _("Laporan berkala"), overview.reports))
        if table in ("konsekuensi", "semua"):
            built.append(tables.consequences("konsekuensi", _("Konsekuensi"), overview.consequences))
        name = f"{slugify(unit.code or unit.name)}-{table}-{period.year:d}-{(period.month or 0):02d}"
        return xlsx_response(workbook(built, heading=_heading(request, period, unit.name)), name)


class ConsequenceExportView(ScopedQuerysetMixin, View):
    """``/kinerja/konsekuensi/ekspor.xlsx`` with the list's filters."""

    model = Consequence
    action = PERFORMANCE_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        if not can_view_performance(request.user):
            raise PermissionDenied
        rows = filtered(self.get_queryset(), consequence_filters(request)).select_related(
            "org_unit", "owner_user__employee", "owner_unit"
        )
        table = tables.consequences("konsekuensi", _("Register konsekuensi"), rows.order_by("due_on", "pk"))
        heading = f"{tenant_of(request).name} · {_('Register konsekuensi')}"
        return xlsx_response(workbook([table], heading=heading), "register-konsekuensi")


class BriefingPdfView(View):
    """``/kinerja/opd/<pk>/bahan-rapat.pdf``: the briefing pack of one OPD for a coordination meeting."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        unit = get_object_or_404(visible_units(actor=request.user), pk=pk)
        context = base_context(request)
        period = context["period"]
        overview = unit_overview(actor=request.user, unit=unit, year=period.year, month=period.month)
        pdf = documents.briefing_pdf(
            tenant=tenant_of(request),
            overview=overview,
            period=period,
            rules=rules_for_display(tenant_of(request)),
            printed_by=request.user,
            today=context["today"],
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"bahan-rapat-{slugify(unit.code or unit.name)}-{period.year:d}-{(period.month or 0):02d}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
