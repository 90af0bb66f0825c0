from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("", views.TreeView.as_view(), name="tree"),
    path("klaster/", views.ClusterListView.as_view(), name="cluster_list"),
    path("klaster/baru/", views.ClusterCreateView.as_view(), name="cluster_create"),
    path("unit/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("unit/<int:pk>/sub-unit/", views.UnitChildrenView.as_view(), name="children"),
    path("unit/<int:pk>/sub-unit/baru/", views.UnitCreateView.as_view(), name="unit_create"),
    path("unit/<int:pk>/ubah/", views.UnitUpdateView.as_view(), name="unit_update"),
    path("unit/<int:pk>/tutup/", views.UnitCloseView.as_view(), name="unit_close"),
    path("unit/<int:pk>/jabatan/baru/", views.PositionCreateView.as_view(), name="position_create"),
    path("jabatan/<int:pk>/ubah/", views.PositionUpdateView.as_view(), name="position_update"),
]
