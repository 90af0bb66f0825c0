from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("health/", login_not_required(views.HealthView.as_view()), name="health"),
    path("audit/", views.AuditListView.as_view(), name="audit_list"),
]
