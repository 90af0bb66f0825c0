"""Meetings pages: the Bupati's directives (/rapat/arahan/) and field visits (/rapat/kunjungan/)."""

from django.urls import URLPattern, URLResolver, path

from ..views import directives as views
from ..views import visits

urlpatterns: list[URLPattern | URLResolver] = [
    path("arahan/", views.DirectiveListView.as_view(), name="directive_list"),
    path("arahan/baru/", views.DirectiveCreateView.as_view(), name="directive_create"),
    path("arahan/<int:pk>/", views.DirectiveDetailView.as_view(), name="directive_detail"),
    path("arahan/<int:pk>/unduh/", views.DirectiveExportView.as_view(), name="directive_export"),
    path("arahan/<int:pk>/lapor/", views.DirectiveReportView.as_view(), name="directive_report"),
]

visit_urlpatterns: list[URLPattern | URLResolver] = [
    path("kunjungan/", visits.VisitListView.as_view(), name="visit_list"),
    path("kunjungan/baru/", visits.VisitCreateView.as_view(), name="visit_create"),
    path("kunjungan/<int:pk>/", visits.VisitDetailView.as_view(), name="visit_detail"),
    path("kunjungan/<int:pk>/foto/", visits.VisitPhotoAddView.as_view(), name="visit_photo_add"),
    path("kunjungan/<int:pk>/tindak-lanjut/", visits.VisitItemCreateView.as_view(), name="visit_item_create"),
    path("kunjungan/foto/<int:pk>/", visits.VisitPhotoView.as_view(), name="visit_photo"),
]
urlpatterns += visit_urlpatterns
