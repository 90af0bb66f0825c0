"""Meetings pages: action items (commitments), their evidence and the follow-through rate per OPD."""

from django.urls import URLPattern, URLResolver, path

from ..views import actions as views
from ..views.actions_create import ItemCreateView

urlpatterns: list[URLPattern | URLResolver] = [
    path("tindak-lanjut/", views.ItemListView.as_view(), name="item_list"),
    path("tindak-lanjut/kinerja/", views.FollowThroughView.as_view(), name="follow_through"),
    path("tindak-lanjut/<int:pk>/", views.ItemDetailView.as_view(), name="item_detail"),
    path("tindak-lanjut/<int:pk>/progres/", views.ItemStepView.as_view(step="progress"), name="item_progress"),
    path("tindak-lanjut/<int:pk>/bukti/", views.ItemStepView.as_view(step="evidence"), name="item_evidence"),
    path("tindak-lanjut/<int:pk>/verifikasi/", views.ItemStepView.as_view(step="verify"), name="item_verify"),
    path("tindak-lanjut/<int:pk>/kembalikan/", views.ItemStepView.as_view(step="return"), name="item_return"),
    path("tindak-lanjut/<int:pk>/batalkan/", views.ItemStepView.as_view(step="drop"), name="item_drop"),
    path("tindak-lanjut/bukti/<int:pk>/unduh/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("<int:meeting_pk>/tindak-lanjut/baru/", ItemCreateView.as_view(), name="item_create"),
]
