"""Attendance pages under /presensi/, one route module per sub-domain."""

from . import board, calendars, checkin, days, devices, excuses, files

app_name = "attendance"

urlpatterns = [
    *checkin.urlpatterns,
    *board.urlpatterns,
    *days.urlpatterns,
    *excuses.urlpatterns,
    *calendars.urlpatterns,
    *devices.urlpatterns,
    *files.urlpatterns,
]
