"""Holds users of admin-level roles at the TOTP step until they pass it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import confirmed_device, requires_second_factor

_OPEN_PREFIXES = ("/static/", "/i18n/", "/health/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and requires_second_factor(user)
            and not user.is_verified()  # type: ignore[attr-defined]
        ):
            allowed = {reverse("access:otp_setup"), reverse("access:otp_verify"), reverse("access:logout")}
            if request.path not in allowed:
                target = "access:otp_verify" if confirmed_device(user) else "access:otp_setup"
                return redirect(target)
        return self.get_response(request)
