from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("verifikasi/", views.VerifyQueueView.as_view(), name="verify_queue"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/isi/", views.ReportEditView.as_view(), name="report_edit"),
    path("<int:pk>/nilai/<int:indicator_id>/", views.ValueSaveView.as_view(), name="value_save"),
    path("<int:pk>/ajukan/", views.SubmitView.as_view(), name="report_submit"),
    path("<int:pk>/verifikasi/", views.VerifyView.as_view(), name="report_verify"),
    path("<int:pk>/kembalikan/", views.ReturnView.as_view(), name="report_return"),
    path("<int:pk>/bukti/", views.EvidenceUploadView.as_view(), name="evidence_upload"),
    path("bukti/<int:pk>/unduh/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("bukti/<int:pk>/hapus/", views.EvidenceRemoveView.as_view(), name="evidence_remove"),
]
