"""Login, logout and the TOTP second factor."""

from __future__ import annotations

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.generic import FormView

from pamong.core.errors import DomainError

from . import services
from .forms import LoginForm, TokenForm


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "access/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


class OtpSetupView(FormView):  # type: ignore[type-arg]
    """First login of an admin-level user: scan the QR code, confirm with one code."""

    template_name = "access/otp_setup.html"
    form_class = TokenForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        device = services.totp_device_for_setup(self.request.user)  # type: ignore[arg-type]
        context["qr"] = _qr_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
        return context

    def form_valid(self, form: TokenForm) -> HttpResponse:
        try:
            services.totp_confirm(request=self.request, user=self.request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error("token", exc.message)
            return self.form_invalid(form)
        return redirect("core:home")


class OtpVerifyView(FormView):  # type: ignore[type-arg]
    template_name = "access/otp_verify.html"
    form_class = TokenForm

    def form_valid(self, form: TokenForm) -> HttpResponse:
        try:
            services.totp_verify(request=self.request, user=self.request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error("token", exc.message)
            return self.form_invalid(form)
        return redirect(self.request.GET.get("next") or "core:home")


def locked_out(request: HttpRequest) -> HttpResponse:  # pragma: no cover - axes renders the template itself
    return HttpResponse(status=429)
