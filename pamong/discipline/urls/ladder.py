"""Discipline pages: the absence ladder (my counter, my team, warnings, BKPSDM's evaluation on demand)."""

from django.urls import URLPattern, URLResolver, path

from ..views import ladder as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.discipline_start, name="start"),
    path("saya/", views.MyLadderView.as_view(), name="my"),
    path("tim/", views.TeamLadderView.as_view(), name="team"),
    path("peringatan/", views.WarningListView.as_view(), name="warning_list"),
    path("peringatan/<int:pk>/", views.WarningDetailView.as_view(), name="warning_detail"),
    path("peringatan/<int:pk>/tidak-dilanjutkan/", views.WarningDeclineView.as_view(), name="warning_decline"),
    path("hitung-ulang/", views.LadderRunView.as_view(), name="ladder_run"),
]
