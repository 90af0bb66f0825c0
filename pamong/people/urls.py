from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.EmployeeListView.as_view(), name="employee_list"),
    path("baru/", views.EmployeeCreateView.as_view(), name="employee_create"),
    path("cek-nip/", views.NipCheckView.as_view(), name="nip_check"),
    path("<int:pk>/", views.EmployeeDetailView.as_view(), name="employee_detail"),
    path("<int:pk>/ubah/", views.EmployeeUpdateView.as_view(), name="employee_update"),
    path("<int:pk>/tugaskan/", views.AssignmentStartView.as_view(), name="assignment_start"),
    path("penugasan/<int:pk>/akhiri/", views.AssignmentEndView.as_view(), name="assignment_end"),
]
