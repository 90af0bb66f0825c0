"""Routes of the attendance API (/api/attendance/...), one module per sub-domain."""

from . import board_urls, calendars_urls, checkin_urls, days_urls, devices_urls, excuses_urls, files_urls

urlpatterns = [
    *checkin_urls.urlpatterns,
    *board_urls.urlpatterns,
    *days_urls.urlpatterns,
    *excuses_urls.urlpatterns,
    *calendars_urls.urlpatterns,
    *devices_urls.urlpatterns,
    *files_urls.urlpatterns,
]
