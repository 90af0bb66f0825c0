from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.BatchListView.as_view(), name="batch_list"),
    path("unggah/", views.BatchCreateView.as_view(), name="batch_create"),
    path("<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
    path("<int:pk>/kesalahan.xlsx", views.BatchErrorsView.as_view(), name="batch_errors"),
    path("contoh/<str:name>", views.SampleView.as_view(), name="sample"),
]
