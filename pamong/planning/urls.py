from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.TreeView.as_view(), name="tree"),
    path("impor/", views.ImportView.as_view(), name="import"),
    path("periode/baru/", views.PeriodCreateView.as_view(), name="period_create"),
    path("periode/<int:pk>/ubah/", views.PeriodUpdateView.as_view(), name="period_update"),
    path("periode/<int:pk>/status/", views.PeriodStatusView.as_view(), name="period_status"),
    path("periode/<int:pk>/misi/baru/", views.MissionCreateView.as_view(), name="mission_create"),
    path("periode/<int:pk>/program/baru/", views.ProgramCreateView.as_view(), name="program_create"),
    path(
        "periode/<int:pk>/sasaran-strategis/baru/",
        views.StrategicTargetCreateView.as_view(),
        name="strategic_target_create",
    ),
    path("periode/<int:pk>/indikator/baru/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path("misi/<int:pk>/ubah/", views.MissionUpdateView.as_view(), name="mission_update"),
    path("misi/<int:pk>/tujuan/baru/", views.GoalCreateView.as_view(), name="goal_create"),
    path("tujuan/<int:pk>/ubah/", views.GoalUpdateView.as_view(), name="goal_update"),
    path("tujuan/<int:pk>/sasaran/baru/", views.RegionalTargetCreateView.as_view(), name="regional_target_create"),
    path("sasaran/<int:pk>/ubah/", views.RegionalTargetUpdateView.as_view(), name="regional_target_update"),
    path("program/<int:pk>/ubah/", views.ProgramUpdateView.as_view(), name="program_update"),
    path(
        "sasaran-strategis/<int:pk>/ubah/",
        views.StrategicTargetUpdateView.as_view(),
        name="strategic_target_update",
    ),
    path("indikator/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("indikator/<int:pk>/ubah/", views.IndicatorUpdateView.as_view(), name="indicator_update"),
    path("indikator/<int:pk>/target/", views.IndicatorTargetsView.as_view(), name="indicator_targets"),
]
