from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("2fa/setup/", views.OtpSetupView.as_view(), name="otp_setup"),
    path("2fa/verify/", views.OtpVerifyView.as_view(), name="otp_verify"),
    path("pengguna/", views.UserListView.as_view(), name="user_list"),
    path("pengguna/baru/", views.UserCreateView.as_view(), name="user_create"),
    path("pengguna/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("pengguna/<int:pk>/peran/", views.RoleAssignView.as_view(), name="role_assign"),
    path("pengguna/<int:pk>/2fa/atur-ulang/", views.TotpResetView.as_view(), name="totp_reset"),
    path("peran/<int:pk>/akhiri/", views.RoleEndView.as_view(), name="role_end"),
]
