"""Calendar pages: holidays by year (seed, add, deactivate with a reason) and shifts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from pamong.core.views import tenant_today

from ..forms.calendars import HolidayForm, ReasonForm, SeedForm, ShiftForm
from ..models import Holiday, Shift
from ..selectors import calendars as selectors
from ..services import calendars_holidays as holiday_services
from ..services import calendars_rosters as shift_services
from .calendars import CalendarFormView, CalendarReadMixin


class HolidayListView(CalendarReadMixin, ListView):  # type: ignore[type-arg]
    """One year's holidays (``?tahun=``, the tenant's current year by default) and the list of years."""

    template_name = "attendance/calendars/holiday_list.html"
    context_object_name = "holidays"

    def get_queryset(self) -> QuerySet[Holiday]:
        self.today = tenant_today(self.request.user)
        try:
            self.year = int(self.request.GET.get("tahun", ""))
        except ValueError:
            self.year = self.today.year
        if not 2000 <= self.year <= 2100:
            self.year = self.today.year
        return selectors.holidays(self.request.user, year=self.year)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            year=self.year,
            years=selectors.holiday_years(self.request.user, today=self.today),
            seedable=self.year in holiday_services.seedable_years(),
        )
        return context


class HolidaySeedView(CalendarFormView):
    """POST ``year``: copy the national holidays and cuti bersama of that year (idempotent)."""

    form_class = SeedForm
    page_title = gettext_lazy("Isi hari libur nasional dan cuti bersama")
    cancel_url_name = "attendance:holiday_list"

    def perform(self, form: SeedForm) -> Any:
        result = holiday_services.holidays_seed(actor=self.request.user, year=form.cleaned_data["year"])
        messages.success(
            self.request,
            _("Tahun %(year)s: %(created)d hari libur ditambahkan, %(existing)d sudah ada.")
            % {"year": str(result.year), "created": result.created, "existing": result.existing},
        )
        return result

    def get_success_url(self) -> str:
        return f"{reverse('attendance:holiday_list')}?tahun={self.result.year}"


class HolidayCreateView(CalendarFormView):
    form_class = HolidayForm
    page_title = gettext_lazy("Tambah hari libur")
    intro = gettext_lazy(
        "Hari libur daerah (mis. hari jadi kabupaten) atau cuti bersama tambahan yang ditetapkan di tengah tahun."
    )
    cancel_url_name = "attendance:holiday_list"
    success_message = gettext_lazy("Hari libur disimpan.")

    def perform(self, form: HolidayForm) -> Any:
        return holiday_services.holiday_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self) -> str:
        return f"{reverse('attendance:holiday_list')}?tahun={self.result.date.year}"


class HolidayDeactivateView(CalendarFormView):
    form_class = ReasonForm
    page_title = gettext_lazy("Nonaktifkan hari libur")
    intro = gettext_lazy("Hari ini tidak lagi dihitung libur; datanya tetap tersimpan. Tuliskan dasar perubahannya.")
    cancel_url_name = "attendance:holiday_list"
    target_queryset = selectors.holidays
    success_message = gettext_lazy("Hari libur dinonaktifkan.")
    reactivate = False

    def perform(self, form: ReasonForm) -> Any:
        service = holiday_services.holiday_reactivate if self.reactivate else holiday_services.holiday_deactivate
        return service(actor=self.request.user, holiday=self.target, reason=form.cleaned_data["reason"])

    def get_success_url(self) -> str:
        return f"{reverse('attendance:holiday_list')}?tahun={self.target.date.year}"


class HolidayReactivateView(HolidayDeactivateView):
    page_title = gettext_lazy("Aktifkan kembali hari libur")
    intro = gettext_lazy("Hari ini kembali dihitung libur. Tuliskan dasar perubahannya.")
    success_message = gettext_lazy("Hari libur diaktifkan kembali.")
    reactivate = True


# -- shifts ------------------------------------------------------------------------------------------------


class ShiftListView(CalendarReadMixin, ListView):  # type: ignore[type-arg]
    template_name = "attendance/calendars/shift_list.html"
    context_object_name = "shifts"

    def get_queryset(self) -> QuerySet[Shift]:
        return selectors.shifts(self.request.user)


class ShiftCreateView(CalendarFormView):
    form_class = ShiftForm
    page_title = gettext_lazy("Shift baru")
    intro = gettext_lazy(
        "Shift unit 24 jam (RSUD, puskesmas, Satpol PP, BPBD, Damkar); shift malam boleh melewati tengah malam."
    )
    cancel_url_name = "attendance:shift_list"
    success_message = gettext_lazy("Shift disimpan.")

    def perform(self, form: ShiftForm) -> Any:
        return shift_services.shift_create(actor=self.request.user, **form.cleaned_data)


class ShiftUpdateView(CalendarFormView):
    form_class = ShiftForm
    page_title = gettext_lazy("Ubah shift")
    cancel_url_name = "attendance:shift_list"
    target_queryset = selectors.shifts
    success_message = gettext_lazy("Shift disimpan.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        s = self.target
        kwargs["editing"] = True
        kwargs["initial"] = {
            "code": s.code,
            "name": s.name,
            "start": s.start,
            "end": s.end,
            "break_start": s.break_start,
            "break_end": s.break_end,
            "is_active": s.is_active,
        }
        return kwargs

    def perform(self, form: ShiftForm) -> Any:
        d = dict(form.cleaned_data)
        d.pop("code", None)
        return shift_services.shift_update(actor=self.request.user, shift=self.target, **d)
