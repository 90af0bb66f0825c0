from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("2fa/setup/", views.OtpSetupView.as_view(), name="otp_setup"),
    path("2fa/verify/", views.OtpVerifyView.as_view(), name="otp_verify"),
]
