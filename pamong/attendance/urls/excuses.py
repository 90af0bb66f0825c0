"""Routes: excuses pages (izin & cuti) and system outages (gangguan)."""

from django.urls import URLPattern, URLResolver, path

from ..views import excuses as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("izin/", views.MyExcusesView.as_view(), name="excuse_mine"),
    path("izin/ajukan/", views.ExcuseCreateView.as_view(), name="excuse_create"),
    path("izin/persetujuan/", views.ExcuseInboxView.as_view(), name="excuse_inbox"),
    path("izin/daftar/", views.ExcuseListView.as_view(), name="excuse_list"),
    path("izin/<int:pk>/", views.ExcuseDetailView.as_view(), name="excuse_detail"),
    path("izin/<int:pk>/setujui/", views.ExcuseDecisionView.as_view(step="approve"), name="excuse_approve"),
    path("izin/<int:pk>/tolak/", views.ExcuseDecisionView.as_view(step="reject"), name="excuse_reject"),
    path("izin/<int:pk>/cabut/", views.ExcuseDecisionView.as_view(step="revoke"), name="excuse_revoke"),
    path("izin/<int:pk>/batalkan/", views.ExcuseDecisionView.as_view(step="cancel"), name="excuse_cancel"),
    path("izin/<int:pk>/dokumen/", views.ExcuseDocumentView.as_view(), name="excuse_document"),
    path("gangguan/", views.OutageListView.as_view(), name="outage_list"),
    path("gangguan/<int:pk>/batalkan/", views.OutageRevokeView.as_view(), name="outage_revoke"),
]
