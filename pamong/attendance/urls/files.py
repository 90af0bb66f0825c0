"""Routes: punch files, the batch history and manual punches (under /presensi/)."""

from django.urls import URLPattern, URLResolver, path

from ..views import files

urlpatterns: list[URLPattern | URLResolver] = [
    path("berkas/unggah/", files.PunchFileUploadView.as_view(), name="punch_file_upload"),
    path("berkas/contoh/<str:name>", files.PunchFileSampleView.as_view(), name="punch_file_sample"),
    path("kiriman/", files.BatchListView.as_view(), name="batch_list"),
    path("kiriman/<int:pk>/", files.BatchDetailView.as_view(), name="batch_detail"),
    path("kiriman/<int:pk>/laporan.csv", files.BatchErrorsCsvView.as_view(), name="batch_errors_csv"),
    path("manual/", files.ManualPunchView.as_view(), name="punch_manual"),
]
