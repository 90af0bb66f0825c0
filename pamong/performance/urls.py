"""Pages of the performance app, under /kinerja/."""

from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("kokpit/", views.CockpitView.as_view(), name="cockpit"),
    path("kokpit/ekspor/<slug:table>.xlsx", views.CockpitExportView.as_view(), name="cockpit_export"),
    path("opd/", views.UnitListView.as_view(), name="unit_list"),
    path("opd/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("opd/<int:pk>/ekspor/<slug:table>.xlsx", views.UnitExportView.as_view(), name="unit_export"),
    path("opd/<int:pk>/bahan-rapat.pdf", views.BriefingPdfView.as_view(), name="unit_briefing"),
    path("indikator/<int:pk>/", views.IndicatorPageView.as_view(), name="indicator_detail"),
    path("indikator/<int:pk>/nilai/", views.IndicatorRateView.as_view(), name="indicator_rate"),
    path("program/<int:pk>/nilai/", views.ProgramRateView.as_view(), name="program_rate"),
    path("pengaturan/", views.SettingsView.as_view(), name="settings"),
    path("konsekuensi/", views.ConsequenceListView.as_view(), name="consequence_list"),
    path("konsekuensi/ekspor.xlsx", views.ConsequenceExportView.as_view(), name="consequence_export"),
    path("konsekuensi/<int:pk>/", views.ConsequenceDetailView.as_view(), name="consequence_detail"),
    path("konsekuensi/<int:pk>/tunjuk/", views.ConsequenceAssignView.as_view(), name="consequence_assign"),
    path("konsekuensi/<int:pk>/<slug:step>/", views.ConsequenceStepView.as_view(), name="consequence_step"),
]
