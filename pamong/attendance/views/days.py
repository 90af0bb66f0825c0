"""Pages of derived attendance: my month, one employee's month, my team, unit recaps (and Excel), month close.

Views parse the month (``?bulan=2026-11``) and the unit, call one selector or service, and render. Reads
are scoped by the selectors (``visible_to``): out of sight answers 404; a page that needs a grant the user
holds nowhere answers 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pamong.access.roles import ATTENDANCE_MANAGE, ATTENDANCE_VIEW
from pamong.core.authz import allows, authorize_at
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import ServiceFormView, raise_for_domain_error, tenant_today

from ..forms.days import MonthCloseForm, RecapAdjustForm
from ..models import MonthRecap
from ..selectors import days as sel


def parse_month(request: HttpRequest, default: tuple[int, int]) -> tuple[int, int]:
    """``?bulan=YYYY-MM`` (a broken value falls back to ``default``)."""
    raw = request.GET.get("bulan", "")
    try:
        year, month = (int(part) for part in raw.split("-", 1))
        dt.date(year, month, 1)
    except ValueError:
        return default
    return year, month


def month_param(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def this_month(request: HttpRequest) -> tuple[int, int]:
    today = tenant_today(request.user)
    return today.year, today.month


def last_month(request: HttpRequest) -> tuple[int, int]:
    year, month = this_month(request)
    return sel.shift_month(year, month, -1)


def require_grants(request: HttpRequest) -> None:
    """Pages about other people's attendance: 403 for someone who sees only his own."""
    if not scope_of(request.user).grants_for(ATTENDANCE_VIEW):
        raise PermissionDenied(_("Halaman ini untuk atasan dan BKPSDM. Lihat presensi Anda di 'Presensi saya'."))


def month_nav(year: int, month: int) -> dict[str, Any]:
    return {
        "year": year,
        "month": month,
        "month_label": sel.month_label(year, month),
        "bulan": month_param(year, month),
        "prev_bulan": month_param(*sel.shift_month(year, month, -1)),
        "next_bulan": month_param(*sel.shift_month(year, month, 1)),
    }


class _MonthPage(TemplateView):
    template_name = "attendance/days/employee_month.html"

    def month_context(self, employee_id: int, year: int, month: int) -> dict[str, Any]:
        try:
            data = sel.employee_month(actor=self.request.user, employee_id=employee_id, year=year, month=month)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise
        can_adjust = data.recap is not None and allows(self.request.user, ATTENDANCE_MANAGE, data.recap)
        return {"data": data, "can_adjust": can_adjust, **month_nav(year, month)}


class MyDaysView(_MonthPage):
    """``/presensi/saya/``: the signed-in employee's own month."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        employee_id = scope_of(self.request.user).employee_id
        if employee_id is None:
            raise PermissionDenied(
                _("Akun Anda tidak terhubung ke data pegawai, jadi tidak ada presensi untuk ditampilkan.")
            )
        year, month = parse_month(self.request, this_month(self.request))
        context = super().get_context_data(**kwargs)
        context.update(self.month_context(employee_id, year, month))
        context["own"] = True
        context["nav_url"] = reverse("attendance:my_days")
        return context


class EmployeeMonthView(_MonthPage):
    """``/presensi/pegawai/<id>/<year>/<month>/``: one employee's month (out of scope: 404)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not 1 <= month <= 12:
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(self.month_context(self.kwargs["pk"], year, month))
        context["own"] = context["data"].employee.pk == scope_of(self.request.user).employee_id
        context["prev_url"] = reverse(
            "attendance:employee_month", args=[self.kwargs["pk"], *sel.shift_month(year, month, -1)]
        )
        context["next_url"] = reverse(
            "attendance:employee_month", args=[self.kwargs["pk"], *sel.shift_month(year, month, 1)]
        )
        return context


class _UnitMonthMixin:
    request: HttpRequest

    def pick_unit(self) -> tuple[Any, list[Any]]:
        units = list(sel.attendance_units(self.request.user).only("pk", "name", "path", "depth"))
        raw = self.request.GET.get("unit", "")
        if raw:
            chosen = next((u for u in units if str(u.pk) == raw), None)
            if chosen is None:
                raise Http404
            return chosen, units
        return (units[0] if units else None), units


class TeamView(_UnitMonthMixin, TemplateView):
    """``/presensi/tim/``: a unit's employees × their month (present, late and early minutes, absent, excused)."""

    template_name = "attendance/days/team.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        require_grants(self.request)
        unit, units = self.pick_unit()
        year, month = parse_month(self.request, this_month(self.request))
        context = super().get_context_data(**kwargs)
        context.update(month_nav(year, month))
        page_obj, lines = (
            sel.team_month(
                actor=self.request.user, unit=unit, year=year, month=month, page=self.request.GET.get("page")
            )
            if unit
            else (None, [])
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "unit": unit,
                "units": units,
                "lines": lines,
                "page_obj": page_obj,
                "paginator": page_obj.paginator if page_obj else None,
                "is_paginated": bool(page_obj and page_obj.has_other_pages()),
                "query_string": query.urlencode(),
            }
        )
        return context


class RecapView(TemplateView):
    """``/presensi/rekap/``: the month's recaps summed per unit, with the closed/open badge and Excel per unit."""

    template_name = "attendance/days/recap.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        require_grants(self.request)
        year, month = parse_month(self.request, last_month(self.request))
        tenant_id = scope_of(self.request.user).tenant_id or 0
        context = super().get_context_data(**kwargs)
        context.update(month_nav(year, month))
        context["rows"] = sel.unit_recaps(actor=self.request.user, year=year, month=month)
        context["closed"] = sel.is_closed(tenant_id=tenant_id, year=year, month=month)
        context["can_manage"] = scope_of(self.request.user).can(ATTENDANCE_MANAGE)
        return context


class RecapExportView(View):
    """``/presensi/rekap/<unit>/<year>-<month>.xlsx``: the employee recaps of a unit's subtree (BKPSDM: TPP)."""

    def get(self, request: HttpRequest, unit: int, year: int, month: int) -> HttpResponse:
        from ..exports import recap_workbook, xlsx_response

        require_grants(request)
        if not 1 <= month <= 12:
            raise Http404
        chosen = get_object_or_404(sel.attendance_units(request.user), pk=unit)
        rows = sel.recap_rows(actor=request.user, unit=chosen, year=year, month=month)
        tenant = getattr(request.user, "tenant", None)
        closed = sel.is_closed(tenant_id=chosen.tenant_id, year=year, month=month)
        content = recap_workbook(
            rows,
            tenant_name=tenant.name if tenant else "",
            unit_name=chosen.name,
            label=sel.month_label(year, month),
            closed=closed,
        )
        return xlsx_response(content, f"rekap-presensi-{slugify(chosen.code or chosen.name)}-{year:04d}-{month:02d}")


def require_manage(request: HttpRequest) -> int:
    """Month close is BKPSDM's, over the whole tenant: 403 for everyone else (the service checks again)."""
    tenant_id = scope_of(request.user).tenant_id
    if tenant_id is None:
        raise PermissionDenied
    try:
        authorize_at(request.user, ATTENDANCE_MANAGE, tenant_id=tenant_id, path=None)
    except DomainError as exc:
        raise PermissionDenied(_("Hanya admin BKPSDM yang dapat menutup bulan presensi.")) from exc
    return tenant_id


class MonthCloseView(ServiceFormView):
    """``/presensi/tutup-bulan/``: the last months with their state; ``?bulan=`` asks to confirm one close."""

    template_name = "attendance/days/month_close.html"
    form_class = MonthCloseForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.tenant_id = require_manage(request)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        year, month = parse_month(self.request, last_month(self.request))
        return {"year": year, "month": month}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["months"] = sel.month_states(tenant_id=self.tenant_id, today=tenant_today(self.request.user))
        if "bulan" in self.request.GET or self.request.method == "POST":
            form = context["form"]
            year = form["year"].value()
            month = form["month"].value()
            try:
                context["confirm_label"] = sel.month_label(int(year), int(month))
            except (TypeError, ValueError, IndexError):
                context["confirm_label"] = ""
        return context

    def perform(self, form: MonthCloseForm) -> Any:
        from ..services.months import month_close

        d = form.cleaned_data
        self.closed_label = sel.month_label(d["year"], d["month"])
        return month_close(
            actor=self.request.user, tenant_id=self.tenant_id, year=d["year"], month=d["month"], note=d["note"]
        )

    def form_valid(self, form: MonthCloseForm) -> HttpResponse:
        response = super().form_valid(form)
        if response.status_code == 302:
            messages.success(
                self.request, _("Bulan %(month)s ditutup. Rekapnya kini final.") % {"month": self.closed_label}
            )
        return response

    def get_success_url(self) -> str:
        return reverse("attendance:month_close")


class RecapAdjustView(ServiceFormView):
    """``/presensi/rekap/koreksi/<recap>/``: correct a closed month's recap with a reason; its history below."""

    template_name = "attendance/days/recap_adjust.html"
    form_class = RecapAdjustForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.recap = get_object_or_404(
                MonthRecap.objects.visible_to(request.user, ATTENDANCE_VIEW).select_related("employee", "org_unit"),
                pk=kwargs["pk"],
            )
            if not allows(request.user, ATTENDANCE_MANAGE, self.recap):
                raise PermissionDenied(_("Hanya admin BKPSDM yang dapat mengoreksi rekap bulanan."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["recap"] = self.recap
        context["adjustments"] = list(self.recap.adjustments.select_related("actor"))
        context["closed"] = sel.is_closed(tenant_id=self.recap.tenant_id, year=self.recap.year, month=self.recap.month)
        context["fields"] = [(name, label, getattr(self.recap, name)) for name, label in sel.ADJUSTABLE_FIELDS]
        context["month_label"] = sel.month_label(self.recap.year, self.recap.month)
        return context

    def perform(self, form: RecapAdjustForm) -> Any:
        from ..services.months import recap_adjust

        d = form.cleaned_data
        return recap_adjust(
            actor=self.request.user, recap=self.recap, field=d["field"], new_value=d["new_value"], reason=d["reason"]
        )

    def form_valid(self, form: RecapAdjustForm) -> HttpResponse:
        response = super().form_valid(form)
        if response.status_code == 302:
            messages.success(self.request, _("Koreksi rekap disimpan dan dicatat."))
        return response

    def get_success_url(self) -> str:
        return reverse("attendance:recap_adjust", args=[self.recap.pk])
