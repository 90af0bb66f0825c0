"""Top-level URL map. Every route needs a login except those marked login_not_required."""

from django.conf.urls.i18n import i18n_patterns  # noqa: F401 - language is per session, not per URL
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pamong.core.urls")),
    path("akun/", include("pamong.access.urls")),
    path("organisasi/", include("pamong.org.urls")),
    path("pegawai/", include("pamong.people.urls")),
    path("impor/", include("pamong.imports.urls")),
    path("api/", include("config.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = "pamong.core.views.page_not_found"
