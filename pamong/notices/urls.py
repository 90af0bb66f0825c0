from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.NoticeListView.as_view(), name="notice_list"),
    path("<int:pk>/buka/", views.NoticeOpenView.as_view(), name="notice_open"),
    path("baca-semua/", views.NoticeReadAllView.as_view(), name="notice_read_all"),
]
