"""Discipline pages: GDN supervision reports (/disiplin/laporan/...) and their review (/disiplin/telaah/...)."""

from django.urls import URLPattern, URLResolver, path

from ..views import supervision as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("laporan/", views.ReportListView.as_view(), name="report_list"),
    path("laporan/siapkan/", views.ReportPrepareView.as_view(), name="report_prepare"),
    path("laporan/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("laporan/<int:pk>/ubah/", views.ReportEditView.as_view(), name="report_edit"),
    path("laporan/<int:pk>/kirim/", views.ReportSubmitView.as_view(), name="report_submit"),
    path("laporan/<int:pk>/telaah/", views.ReportReviewView.as_view(), name="report_review"),
    path("telaah/", views.ReviewListView.as_view(), name="review_list"),
    path("telaah/teruskan/", views.SummaryForwardView.as_view(), name="summary_forward"),
    path("telaah/ringkasan/<int:pk>/", views.SummaryDetailView.as_view(), name="summary_detail"),
]
