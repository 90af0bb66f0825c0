"""Top-level URL map. Every route needs a login except those marked login_not_required."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    # The API first: the check-in endpoint is the busiest route (07:00-08:00), and every route before it is
    # tried on each request.
    path("api/", include("config.api_urls")),
    path("", include("pamong.core.urls")),
    path("akun/", include("pamong.access.urls")),
    path("organisasi/", include("pamong.org.urls")),
    path("pegawai/", include("pamong.people.urls")),
    path("impor/", include("pamong.imports.urls")),
    path("perencanaan/", include("pamong.planning.urls")),
    path("pemberitahuan/", include("pamong.notices.urls")),
    path("perjanjian-kinerja/", include("pamong.agreements.urls")),
    path("laporan/", include("pamong.reports.urls")),
    path("kinerja/", include("pamong.performance.urls")),
    path("presensi/", include("pamong.attendance.urls")),
    path("disiplin/", include("pamong.discipline.urls")),
    path("rapat/", include("pamong.meetings.urls")),
    # ZKTeco devices push to /iclock/... (no login: each request is checked against the serial allow-list).
    path("iclock/", include("pamong.attendance.adms_urls")),
    # The language switch works before login too (the login page has it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler404 = "pamong.core.views.page_not_found"
