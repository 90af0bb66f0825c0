"""Meetings pages: the Bupati's directives (/rapat/arahan/) and field visits (/rapat/kunjungan/)."""

from django.urls import URLPattern, URLResolver, path

from ..views import directives as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("arahan/", views.DirectiveListView.as_view(), name="directive_list"),
    path("arahan/baru/", views.DirectiveCreateView.as_view(), name="directive_create"),
    path("arahan/<int:pk>/", views.DirectiveDetailView.as_view(), name="directive_detail"),
    path("arahan/<int:pk>/unduh/", views.DirectiveExportView.as_view(), name="directive_export"),
    path("arahan/<int:pk>/lapor/", views.DirectiveReportView.as_view(), name="directive_report"),
]
