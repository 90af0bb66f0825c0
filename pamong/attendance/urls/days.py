"""Routes: my days, an employee's month, my team, unit recaps (and Excel), month close, recap corrections."""

from django.urls import URLPattern, URLResolver, path

from ..views import days

urlpatterns: list[URLPattern | URLResolver] = [
    path("saya/", days.MyDaysView.as_view(), name="my_days"),
    path("pegawai/<int:pk>/<int:year>/<int:month>/", days.EmployeeMonthView.as_view(), name="employee_month"),
    path("tim/", days.TeamView.as_view(), name="team"),
    path("rekap/", days.RecapView.as_view(), name="recap"),
    path("rekap/<int:unit>/<int:year>-<int:month>.xlsx", days.RecapExportView.as_view(), name="recap_export"),
    path("rekap/koreksi/<int:pk>/", days.RecapAdjustView.as_view(), name="recap_adjust"),
    path("tutup-bulan/", days.MonthCloseView.as_view(), name="month_close"),
]
