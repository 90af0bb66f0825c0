"""Discipline pages: cases (/disiplin/kasus/...)."""

from django.urls import URLPattern, URLResolver, path

from ..views import cases as v

urlpatterns: list[URLPattern | URLResolver] = [
    path("kasus/", v.CaseListView.as_view(), name="case_list"),
    path("kasus/ekspor/", v.CaseExportView.as_view(), name="case_export"),
    path("kasus/baru/", v.CaseCreateView.as_view(), name="case_create"),
    path("kasus/<int:pk>/", v.CaseDetailView.as_view(), name="case_detail"),
    path("kasus/<int:pk>/panggilan/", v.SummonsView.as_view(), name="case_summons"),
    path("kasus/<int:pk>/tidak-hadir/", v.MissedView.as_view(), name="case_missed"),
    path("kasus/<int:pk>/tim/", v.TeamView.as_view(), name="case_team"),
    path("kasus/<int:pk>/pemeriksaan/", v.ExaminationView.as_view(), name="case_examination"),
    path("kasus/<int:pk>/tanpa-pemeriksaan/", v.WithoutExaminationView.as_view(), name="case_without_examination"),
    path("kasus/<int:pk>/keputusan/", v.DecisionView.as_view(), name="case_decision"),
    path("kasus/<int:pk>/penyampaian/", v.DeliveryView.as_view(), name="case_delivery"),
    path("kasus/<int:pk>/upaya/", v.AppealView.as_view(), name="case_appeal"),
    path("kasus/<int:pk>/upaya/hasil/", v.AppealDecideView.as_view(), name="case_appeal_decide"),
    path("kasus/<int:pk>/tutup/", v.CloseView.as_view(), name="case_close"),
    path("kasus/<int:pk>/panggilan-<int:sequence>.pdf", v.SummonsPdfView.as_view(), name="summons_pdf"),
    path("kasus/<int:pk>/bap.pdf", v.BapPdfView.as_view(), name="bap_pdf"),
    path("kasus/<int:pk>/keputusan.pdf", v.DecisionPdfView.as_view(), name="decision_pdf"),
]
