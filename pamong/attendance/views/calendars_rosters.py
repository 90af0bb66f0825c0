"""Roster pages: pick a unit and a month, then the month grid (employees × days) saved in one go.

The grid is read by whoever sees the unit with ``attendance.view`` (404 otherwise) and saved by holders of
``attendance.roster`` over it (403 for the other readers) through ``roster_save``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pamong.access.roles import ATTENDANCE_ROSTER, ATTENDANCE_VIEW
from pamong.core.authz import authorize_at
from pamong.core.errors import DomainError
from pamong.core.views import raise_for_domain_error, tenant_today

from ..forms.calendars import RosterPickForm
from ..selectors import calendars as selectors
from ..selectors.calendars import OFF
from ..services.calendars_rosters import RosterCell, roster_save


class RosterPickView(View):
    """Choose the unit and month of the roster to open."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if selectors.readable_tenant(request.user) is None:
            raise PermissionDenied
        today = tenant_today(request.user)
        units = selectors.roster_units(request.user)
        form = RosterPickForm(request.GET or None, units=units, initial={"month": f"{today:%Y-%m}"})
        if request.GET and form.is_valid():
            year, month = form.cleaned_data["month"]
            return redirect("attendance:roster_month", form.cleaned_data["unit"].pk, year, month)
        return render(request, "attendance/calendars/roster_pick.html", {"form": form})


class RosterMonthView(View):
    """GET the grid; POST every cell (``c-<employee>-<day>``: a shift code, ``-`` off, empty nothing)."""

    template_name = "attendance/calendars/roster_month.html"

    def load(self, request: HttpRequest, unit_pk: int, year: int, month: int) -> Any:
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise Http404
        return get_object_or_404(selectors.roster_units(request.user), pk=unit_pk)

    def get(self, request: HttpRequest, unit_pk: int, year: int, month: int) -> HttpResponse:
        unit = self.load(request, unit_pk, year, month)
        grid = selectors.roster_grid(request.user, org_unit=unit, year=year, month=month)
        first = dt.date(year, month, 1)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return render(
            request,
            self.template_name,
            {"grid": grid, "first": first, "previous": previous, "following": following, "off": OFF},
        )

    def post(self, request: HttpRequest, unit_pk: int, year: int, month: int) -> HttpResponse:
        unit = self.load(request, unit_pk, year, month)
        try:
            authorize_at(
                request.user,
                ATTENDANCE_ROSTER,
                tenant_id=unit.tenant_id,
                path=unit.path,
                visible_action=ATTENDANCE_VIEW,
            )
            cells = _cells(request.POST, year, month)
            result = roster_save(actor=request.user, org_unit=unit, year=year, month=month, cells=cells)
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Jadwal dinas disimpan: %(created)d baru, %(updated)d diubah, %(removed)d dihapus.")
                % {"created": result.created, "updated": result.updated, "removed": result.removed},
            )
        return redirect("attendance:roster_month", unit.pk, year, month)


def _cells(data: Any, year: int, month: int) -> list[RosterCell]:
    """The posted grid as cells; a malformed key is ignored (it can only come from a hand-made request)."""
    cells: list[RosterCell] = []
    for key, value in data.items():
        if not key.startswith("c-"):
            continue
        try:
            _prefix, employee, day = key.split("-")
            date = dt.date(year, month, int(day))
            employee_id = int(employee)
        except ValueError:
            continue
        value = value.strip()
        if not value:
            cells.append(RosterCell(employee_id, date, clear=True))
        elif value == OFF:
            cells.append(RosterCell(employee_id, date, None))
        else:
            cells.append(RosterCell(employee_id, date, value))
    return cells
