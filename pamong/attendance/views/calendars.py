"""Calendar pages: work schedules (with the 5- and 6-day presets), unit schedules, Ramadan and special hours.

Reading needs ``attendance.view`` anywhere in the tenant (403 otherwise); changing needs
``attendance.manage`` (BKPSDM): the page answers 403 to a reader and 404 to whoever cannot see the row.
Every change calls one service; the API calls the same ones.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from pamong.access.roles import ATTENDANCE_MANAGE
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import ServiceFormView, raise_for_domain_error

from ..choices import ScheduleKind
from ..derive.calendar import week_json
from ..forms.calendars import OverrideForm, ScheduleForm, UnitScheduleForm
from ..models import ScheduleOverride, WorkSchedule
from ..rules.hours import (
    FIVE_DAY_HOURS,
    RAMADAN_FIVE_DAY_HOURS,
    RAMADAN_SIX_DAY_HOURS,
    SIX_DAY_HOURS,
    WeekSchedule,
)
from ..rules.workdays import WEEKDAYS_ID
from ..selectors import calendars as selectors
from ..services import calendars as services

#: One-click patterns (``?pola=``): the week a new schedule or override starts from.
SCHEDULE_PRESETS: dict[str, tuple[Any, WeekSchedule]] = {
    "5": (gettext_lazy("Pakai pola 5 hari"), FIVE_DAY_HOURS),
    "6": (gettext_lazy("Pakai pola 6 hari"), SIX_DAY_HOURS),
}
OVERRIDE_PRESETS: dict[str, tuple[Any, WeekSchedule]] = {
    "ramadan5": (gettext_lazy("Pakai pola Ramadan 5 hari"), RAMADAN_FIVE_DAY_HOURS),
    "ramadan6": (gettext_lazy("Pakai pola Ramadan 6 hari"), RAMADAN_SIX_DAY_HOURS),
}


def can_manage(user: Any) -> bool:
    scope = scope_of(user)
    return any(g.path is None for g in scope.grants_for(ATTENDANCE_MANAGE))


class CalendarReadMixin:
    """403 for whoever holds ``attendance.view`` nowhere in a tenant (like every scoped list)."""

    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if selectors.readable_tenant(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["can_manage"] = can_manage(self.request.user)
        return context


class CalendarFormView(ServiceFormView):
    """A BKPSDM form over tenant-wide calendar rows: the row (if any) within sight, then the manage check."""

    template_name = "attendance/calendars/form.html"
    page_title: ClassVar[Any] = ""
    intro: ClassVar[Any] = ""
    cancel_url_name: ClassVar[str] = ""
    target_queryset: ClassVar[Any] = None  # a selector taking the actor, for forms about one row
    presets: ClassVar[dict[str, tuple[Any, WeekSchedule]]] = {}
    target: Any = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if type(self).target_queryset is not None:
            self.target = get_object_or_404(type(self).target_queryset(request.user), pk=kwargs["pk"])
        elif selectors.readable_tenant(request.user) is None:
            raise PermissionDenied
        try:
            self.tenant = services.manage_tenant(request.user)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise
        return super().dispatch(request, *args, **kwargs)

    def preset_week(self) -> list[Any] | None:
        chosen = self.presets.get(self.request.GET.get("pola", ""))
        return week_json(chosen[1]) if chosen else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=self.page_title,
            intro=self.intro,
            cancel_url=reverse(self.cancel_url_name),
            presets=[(key, label) for key, (label, _w) in self.presets.items()],
            target=self.target,
        )
        return context

    def get_success_url(self) -> str:
        return reverse(self.cancel_url_name)


# -- schedules ---------------------------------------------------------------------------------------------


class ScheduleListView(CalendarReadMixin, ListView):  # type: ignore[type-arg]
    template_name = "attendance/calendars/schedule_list.html"
    context_object_name = "schedules"

    def get_queryset(self) -> QuerySet[WorkSchedule]:
        return selectors.schedules(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (schedule, list(zip(WEEKDAYS_ID, schedule.week or [None] * 7, strict=False)))
            for schedule in context["schedules"]
        ]
        return context


class ScheduleCreateView(CalendarFormView):
    form_class = ScheduleForm
    page_title = gettext_lazy("Jadwal kerja baru")
    intro = gettext_lazy(
        "Isi jam kerja tiap hari, atau mulai dari pola 5 atau 6 hari. Jam kerja seminggu paling sedikit "
        "37 jam 30 menit tanpa istirahat (Perpres 21/2023)."
    )
    cancel_url_name = "attendance:schedule_list"
    presets = SCHEDULE_PRESETS
    success_message = gettext_lazy("Jadwal kerja disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["week"] = self.preset_week() or week_json(FIVE_DAY_HOURS)
        return kwargs

    def perform(self, form: ScheduleForm) -> Any:
        d = form.cleaned_data
        return services.schedule_create(
            actor=self.request.user,
            code=d["code"],
            name=d["name"],
            kind=d["kind"],
            week=form.week() if d["kind"] == ScheduleKind.FIXED_WEEK else None,
            checks=d["checks"],
            is_default=d.get("is_default", False),
        )


class ScheduleUpdateView(CalendarFormView):
    form_class = ScheduleForm
    page_title = gettext_lazy("Ubah jadwal kerja")
    intro = gettext_lazy("Perubahan jam kerja menghitung ulang hari yang sudah lewat pada bulan yang belum ditutup.")
    cancel_url_name = "attendance:schedule_list"
    target_queryset = selectors.schedules
    presets = SCHEDULE_PRESETS
    success_message = gettext_lazy("Jadwal kerja disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["schedule"] = self.target
        preset = self.preset_week()
        if preset is not None:
            kwargs["schedule"] = None
            kwargs["week"] = preset
            kwargs["initial"] = {"code": self.target.code, "name": self.target.name, "kind": self.target.kind}
        return kwargs

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        if form.schedule is None:  # a preset over an existing schedule: keep its identity fields
            form.schedule = self.target
            for name in ("code", "kind"):
                form.fields[name].disabled = True
                form.fields[name].required = False
            form.fields.pop("is_default", None)
        return form

    def perform(self, form: ScheduleForm) -> Any:
        d = form.cleaned_data
        return services.schedule_update(
            actor=self.request.user,
            schedule=self.target,
            name=d["name"],
            week=form.week(),
            checks=d["checks"],
            is_active=d.get("is_active", self.target.is_active),
        )


class ScheduleDefaultView(View):
    """POST: make the schedule the tenant's default."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        schedule = get_object_or_404(selectors.schedules(request.user), pk=pk)
        try:
            services.schedule_set_default(actor=request.user, schedule=schedule)
        except DomainError as exc:
            raise_for_domain_error(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s kini jadwal bawaan.") % {"name": schedule.name})
        return redirect("attendance:schedule_list")


# -- unit schedules ----------------------------------------------------------------------------------------


class UnitScheduleListView(CalendarReadMixin, ListView):  # type: ignore[type-arg]
    template_name = "attendance/calendars/unit_schedule_list.html"
    context_object_name = "links"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.unit_schedules(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["default"] = selectors.default_schedule(self.request.user)
        return context


class UnitScheduleAssignView(CalendarFormView):
    form_class = UnitScheduleForm
    page_title = gettext_lazy("Atur jadwal unit")
    intro = gettext_lazy(
        "Unit memakai jadwal ini mulai tanggal yang dipilih; sub-unitnya ikut, kecuali yang punya jadwal sendiri."
    )
    cancel_url_name = "attendance:unit_schedule_list"
    success_message = gettext_lazy("Jadwal unit disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(actor=self.request.user, tenant_id=self.tenant.pk)
        kwargs.setdefault("initial", {})["valid_from"] = self.tenant.today()
        return kwargs

    def perform(self, form: UnitScheduleForm) -> Any:
        d = form.cleaned_data
        return services.unit_schedule_assign(
            actor=self.request.user, org_unit=d["org_unit"], schedule=d["schedule"], valid_from=d["valid_from"]
        )


# -- overrides ---------------------------------------------------------------------------------------------


class OverrideListView(CalendarReadMixin, ListView):  # type: ignore[type-arg]
    template_name = "attendance/calendars/override_list.html"
    context_object_name = "overrides"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[ScheduleOverride]:
        return selectors.overrides(self.request.user)


class OverrideCreateView(CalendarFormView):
    form_class = OverrideForm
    page_title = gettext_lazy("Jam kerja khusus baru")
    intro = gettext_lazy(
        "Jam kerja lain untuk rentang tanggal, mis. Ramadan (paling sedikit 32 jam 30 menit seminggu). "
        "Dua jam kerja khusus untuk jadwal yang sama tidak boleh bertumpang tindih."
    )
    cancel_url_name = "attendance:override_list"
    presets = OVERRIDE_PRESETS
    success_message = gettext_lazy("Jam kerja khusus disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(tenant_id=self.tenant.pk, week=self.preset_week() or week_json(RAMADAN_FIVE_DAY_HOURS))
        if self.request.GET.get("pola", "").startswith("ramadan"):
            kwargs.setdefault("initial", {})["name"] = _("Ramadan")
        return kwargs

    def perform(self, form: OverrideForm) -> Any:
        d = form.cleaned_data
        return services.override_create(
            actor=self.request.user,
            name=d["name"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            week=form.week(),
            schedule=d["schedule"],
        )


class OverrideUpdateView(OverrideCreateView):
    page_title = gettext_lazy("Ubah jam kerja khusus")
    target_queryset = selectors.overrides

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        o = self.target
        if not self.request.GET.get("pola"):
            kwargs["week"] = o.week
        kwargs["initial"] = {"name": o.name, "schedule": o.schedule_id, "starts_on": o.starts_on, "ends_on": o.ends_on}
        return kwargs

    def perform(self, form: OverrideForm) -> Any:
        d = form.cleaned_data
        return services.override_update(
            actor=self.request.user,
            override=self.target,
            name=d["name"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            week=form.week(),
            schedule=d["schedule"],
        )
