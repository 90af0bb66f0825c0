"""Routes: calendars pages (work schedules, unit schedules, special hours, holidays, shifts, rosters)."""

from django.urls import URLPattern, URLResolver, path

from ..views import calendars as views
from ..views import calendars_holidays as holidays
from ..views import calendars_rosters as rosters

urlpatterns: list[URLPattern | URLResolver] = [
    path("jadwal/", views.ScheduleListView.as_view(), name="schedule_list"),
    path("jadwal/baru/", views.ScheduleCreateView.as_view(), name="schedule_create"),
    path("jadwal/<int:pk>/ubah/", views.ScheduleUpdateView.as_view(), name="schedule_update"),
    path("jadwal/<int:pk>/bawaan/", views.ScheduleDefaultView.as_view(), name="schedule_default"),
    path("jadwal/unit/", views.UnitScheduleListView.as_view(), name="unit_schedule_list"),
    path("jadwal/unit/atur/", views.UnitScheduleAssignView.as_view(), name="unit_schedule_assign"),
    path("jadwal/khusus/", views.OverrideListView.as_view(), name="override_list"),
    path("jadwal/khusus/baru/", views.OverrideCreateView.as_view(), name="override_create"),
    path("jadwal/khusus/<int:pk>/ubah/", views.OverrideUpdateView.as_view(), name="override_update"),
    path("libur/", holidays.HolidayListView.as_view(), name="holiday_list"),
    path("libur/isi-nasional/", holidays.HolidaySeedView.as_view(), name="holiday_seed"),
    path("libur/baru/", holidays.HolidayCreateView.as_view(), name="holiday_create"),
    path("libur/<int:pk>/nonaktifkan/", holidays.HolidayDeactivateView.as_view(), name="holiday_deactivate"),
    path("libur/<int:pk>/aktifkan/", holidays.HolidayReactivateView.as_view(), name="holiday_reactivate"),
    path("shift/", holidays.ShiftListView.as_view(), name="shift_list"),
    path("shift/baru/", holidays.ShiftCreateView.as_view(), name="shift_create"),
    path("shift/<int:pk>/ubah/", holidays.ShiftUpdateView.as_view(), name="shift_update"),
    path("jadwal-dinas/", rosters.RosterPickView.as_view(), name="roster_pick"),
    path(
        "jadwal-dinas/<int:unit_pk>/<int:year>/<int:month>/",
        rosters.RosterMonthView.as_view(),
        name="roster_month",
    ),
]
